/**
 * `changes:`: what changes in the fleet from a time on, one cluster after another or all at once.
 * Each entry names exactly one kind of change.
 */
import { z } from 'zod';
import { delaySchema } from './delay.ts';
import { daemonSetSchema, intOrPercent } from './fleet.ts';
import { count, cpu, duration, memory, name, positiveInt, ratio } from '../../input/scalars.ts';

/** What a new revision of a workload's pod template may change. */
const revisionSchema = () =>
  z.strictObject({
    requests: z.strictObject({ cpu: cpu().optional(), memory: memory().optional() }).optional(),
    limits: z.strictObject({ cpu: cpu().optional(), memory: memory().optional() }).optional(),
    /** the new mean service time (the law's shape stays the workload's) */
    serviceTime: duration().optional(),
    startupDelay: delaySchema().optional(),
    concurrency: positiveInt().optional(),
  });

/** A progressive-delivery gate: roll back when a bound is crossed for a while, or the rollout is stuck. */
const rollbackWhenSchema = () =>
  z.strictObject({
    p99Above: duration().optional(),
    errorRateAbove: ratio().optional(),
    /** how long a bound must stay crossed (default 0: the first step over it) */
    for: duration().optional(),
    progressDeadlineExceeded: z.boolean().optional(),
  });

/** apps/v1 DeploymentSpec's strategy, minReadySeconds and progressDeadlineSeconds, durations as elsewhere. */
export const rolloutSchema = () =>
  z.strictObject({
    workload: name(),
    strategy: z.enum(['RollingUpdate', 'Recreate']).optional(),
    maxSurge: intOrPercent().optional(),
    maxUnavailable: intOrPercent().optional(),
    minReady: duration().optional(),
    progressDeadline: duration().optional(),
    template: revisionSchema(),
    rollbackWhen: rollbackWhenSchema().optional(),
  });

/**
 * A node group's nodes replaced (a new image): at most maxUnavailable old nodes cordoned and
 * drained at once, or maxSurge replacements launched first and an old node drained as each is Ready.
 */
export const rotateSchema = () =>
  z.strictObject({
    nodeGroup: name(),
    maxUnavailable: count().optional(),
    maxSurge: count().optional(),
    /** the replacements' machine type: allocatable and price as the catalogue gives them */
    instanceType: z.string().min(1).optional(),
  });

export const changeSchema = () =>
  z.strictObject({
    at: duration(),
    /** cluster names in the order the change goes through them, or `all` (the scenario's order) */
    clusters: z.union([z.literal('all'), z.array(name()).min(1)]),
    /** sequential (default): one cluster at a time; parallel: every cluster at `at` */
    order: z.enum(['sequential', 'parallel']).optional(),
    /** sequential: after a cluster's change ends, this long before the next cluster's starts */
    waitBetweenClusters: duration().optional(),
    rollout: rolloutSchema().optional(),
    rotate: rotateSchema().optional(),
    /** a DaemonSet added (a new name) or changed (a name of daemonSets:), node by node */
    daemonSet: daemonSetSchema()
      .extend({ maxUnavailable: positiveInt().optional() })
      .optional(),
    /** `path: value` as --set takes them (clusterAutoscaler.expander: price), applied to each cluster in its turn */
    override: z.record(z.string().min(1), z.unknown()).optional(),
  });

/** The keys of an entry that each name a kind of change; an entry gives exactly one. */
export const CHANGE_KINDS = ['rollout', 'rotate', 'daemonSet', 'override'] as const;
