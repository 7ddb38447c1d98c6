/** A workload: its pods, how they serve, how they scale and the traffic they get. */
import { z } from 'zod';
import { delaySchema } from './delay.ts';
import { intOrPercent, requestsSchema } from './fleet.ts';
import { LIMITS } from '../../limits.ts';
import { workloadPlacementShape } from './placement.ts';
import { count, cpu, duration, factor, memory, name, positiveInt, rate, ratio } from '../../input/scalars.ts';

/** autoscaling/v2 HPAScalingRules, with durations instead of `...Seconds` integers. */
const scalingRulesSchema = () =>
  z.strictObject({
    stabilizationWindow: duration().optional(),
    selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
    policies: z
      .array(z.strictObject({ type: z.enum(['Pods', 'Percent']), value: positiveInt(), period: duration() }))
      .min(1)
      .optional(),
  });

export const hpaSchema = () =>
  z.strictObject({
    min: positiveInt().optional(),
    max: positiveInt(),
    targetCPUUtilization: positiveInt().optional(),
    syncPeriod: duration().optional(),
    tolerance: ratio().optional(),
    cpuInitializationPeriod: duration().optional(),
    initialReadinessDelay: duration().optional(),
    behavior: z.strictObject({ scaleUp: scalingRulesSchema().optional(), scaleDown: scalingRulesSchema().optional() }).optional(),
  });

const burstSchema = () =>
  z.strictObject({
    at: duration(),
    peak: rate(),
    rise: duration().optional(),
    hold: duration().optional(),
    fall: duration().optional(),
  });

export const generatorSchema = () =>
  z.strictObject({
    base: rate().optional(),
    bursts: z.array(burstSchema()).optional(),
    diurnal: z
      .strictObject({ amplitude: z.number().min(0).max(1), period: duration().optional(), phase: duration().optional() })
      .optional(),
    // relative standard deviation; beyond 1 the multiplicative noise would mostly clip at zero
    noise: z.number().min(0).max(1).optional(),
  });

/** `{trace: file, ...options}` or `{generator: {...}}`: one map, so each key has one home. */
export const trafficSchema = () =>
  z.strictObject({
    trace: z.string().min(1).optional(),
    column: z.string().min(1).optional(),
    timeColumn: z.string().min(1).optional(),
    format: z.enum(['csv', 'prometheus']).optional(),
    interpolate: z.enum(['step', 'linear']).optional(),
    scale: factor().optional(),
    speedup: z.number().gt(0).max(LIMITS.factor).optional(),
    loop: z.boolean().optional(),
    offset: duration().optional(),
    aggregate: z.enum(['sum']).optional(),
    generator: generatorSchema().optional(),
  });

export const serviceTimeSchema = () =>
  z.union([
    duration(),
    z.strictObject({
      mean: duration().optional(),
      dist: z.enum(['exponential', 'lognormal', 'gamma', 'erlang', 'deterministic', 'empirical']).optional(),
      /** lognormal: by mean or median, and p99 */
      p99: duration().optional(),
      median: duration().optional(),
      /** gamma: shape k (SCV 1/k); erlang: phases */
      shape: z.number().gt(0).optional(),
      phases: positiveInt().optional(),
      /** empirical: a Prometheus histogram export (text or query JSON), or a CSV of quantiles */
      histogram: z.string().min(1).optional(),
      quantiles: z.string().min(1).optional(),
      /** empirical: which *_bucket metric of the export, when it has several */
      metric: z.string().min(1).optional(),
    }),
  ]);

export const workloadSchema = () =>
  z.strictObject({
    name: name(),
    priorityClass: name().optional(),
    requests: requestsSchema(),
    serviceTime: serviceTimeSchema(),
    concurrency: positiveInt().optional(),
    timeout: duration().optional(),
    startupDelay: delaySchema().optional(),
    terminationGracePeriod: duration().optional(),
    replicas: count().optional(),
    hpa: hpaSchema().optional(),
    traffic: trafficSchema().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    /** the Deployment's spec.strategy, minReadySeconds and progressDeadlineSeconds: how a rollout of it goes */
    strategy: strategySchema().optional(),
    minReady: duration().optional(),
    progressDeadline: duration().optional(),
    usage: usageSchema().optional(),
    limits: limitsSchema().optional(),
    ...workloadPlacementShape(),
  });

/**
 * What one pod uses: cpu time per request served plus an idle cpu, and a memory working set of a
 * base, a share per in-flight request and an optional slow growth (reset when the container restarts).
 */
export const usageSchema = () =>
  z.strictObject({
    cpuPerRequest: duration().optional(),
    idleCpu: cpu().optional(),
    memory: memory().optional(),
    memoryPerRequest: memory().optional(),
    memoryGrowthPerHour: memory().optional(),
  });

/** The container's resources.limits. */
export const limitsSchema = () => z.strictObject({ cpu: cpu().optional(), memory: memory().optional() });

/** apps/v1 DeploymentStrategy, rollingUpdate's keys beside the type. */
export const strategySchema = () =>
  z.strictObject({
    type: z.enum(['RollingUpdate', 'Recreate']).optional(),
    maxSurge: intOrPercent().optional(),
    maxUnavailable: intOrPercent().optional(),
  });
