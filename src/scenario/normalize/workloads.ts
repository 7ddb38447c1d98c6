import { formatCpu, formatMemory } from '../../quantity.ts';
import { WORKLOAD_DEFAULTS } from '../defaults.ts';
import type { RawWorkload } from '../schema/index.ts';
import type { PriorityClass, ResourceLimits, UsageSpec, WorkloadSpec } from '../types.ts';
import { defaultUsage } from '../../decisions/usage/model.ts';
import { limitViolations } from '../../decisions/usage/limits.ts';
import { type At, bytes, type IssueSink, milli, type NormalizeContext, sec } from './context.ts';
import { normalizeDelay } from './delay.ts';
import { normalizeHpa } from './hpa.ts';
import { normalizePlacement } from './placement.ts';
import { resolvePriority } from './priority.ts';
import { normalizeServiceTime } from './service-time.ts';
import { normalizeTraffic } from './traffic.ts';
import { normalizeStrategy, type RawStrategy } from './strategy.ts';

export function normalizeWorkload(raw: RawWorkload, at: At, classes: readonly PriorityClass[], ctx: NormalizeContext): WorkloadSpec {
  const { sink } = ctx;
  const priority = resolvePriority(raw.priorityClass, classes, (sub = []) => at(['priorityClass', ...sub]), sink);
  const requests = { cpuMilli: milli(raw.requests.cpu), memoryBytes: bytes(raw.requests.memory) };
  const hpa = raw.hpa ? normalizeHpa(raw.hpa, (sub = []) => at(['hpa', ...sub]), sink) : undefined;
  if (hpa && requests.cpuMilli === 0) {
    // The HPA's utilization is a share of the cpu request; the real controller refuses a pod without one.
    sink.add(at(['requests', 'cpu']), 'a workload with an hpa needs a cpu request above 0 (utilization is a share of it)');
  }
  const replicas = raw.replicas ?? hpa?.minReplicas ?? WORKLOAD_DEFAULTS.replicas;
  if (hpa && raw.replicas !== undefined && (replicas < hpa.minReplicas || replicas > hpa.maxReplicas)) {
    sink.add(at(['replicas']), `replicas (${replicas}) must be between hpa.min (${hpa.minReplicas}) and hpa.max (${hpa.maxReplicas})`);
  }
  const timeoutSec = raw.timeout === undefined ? WORKLOAD_DEFAULTS.timeoutSec : sec(raw.timeout);
  if (timeoutSec <= 0) sink.add(at(['timeout']), 'timeout must be greater than 0');
  const spec: WorkloadSpec = {
    name: raw.name,
    priorityClass: priority?.priorityClass ?? raw.priorityClass ?? '',
    priority: priority?.priority ?? WORKLOAD_DEFAULTS.priority,
    preemptionPolicy: priority?.preemptionPolicy ?? 'PreemptLowerPriority',
    requests,
    serviceTime: normalizeServiceTime(raw.serviceTime, (sub = []) => at(['serviceTime', ...sub]), ctx),
    concurrency: raw.concurrency ?? WORKLOAD_DEFAULTS.concurrency,
    timeoutSec,
    startupDelay: raw.startupDelay
      ? normalizeDelay(raw.startupDelay, (sub = []) => at(['startupDelay', ...sub]), sink)
      : { ...WORKLOAD_DEFAULTS.startupDelay },
    terminationGracePeriodSec:
      raw.terminationGracePeriod === undefined ? WORKLOAD_DEFAULTS.terminationGracePeriodSec : sec(raw.terminationGracePeriod),
    replicas,
    traffic: normalizeTraffic(raw.traffic, (sub = []) => at(['traffic', ...sub]), ctx),
    labels: { ...(raw.labels ?? {}) },
  };
  if (hpa) spec.hpa = hpa;
  // only a workload that says how it rolls out gains the key (every other keeps its shape and hash)
  if (raw.strategy !== undefined || raw.minReady !== undefined || raw.progressDeadline !== undefined) {
    const keyAt = (key: keyof RawStrategy) => (key === 'minReady' || key === 'progressDeadline' ? at([key]) : at(['strategy', key]));
    spec.deployment = normalizeStrategy({ ...raw.strategy, minReady: raw.minReady, progressDeadline: raw.progressDeadline }, keyAt, sink);
  }
  // only a workload that gives usage or limits gains the keys (every other keeps its shape and hash)
  if (raw.usage !== undefined) spec.usage = normalizeUsage(raw.usage, spec);
  if (raw.limits !== undefined) spec.limits = normalizeLimits(raw.limits, spec, at, sink);
  const placement = normalizePlacement(raw);
  if (placement !== undefined) spec.placement = placement;
  return spec;
}

/** Each usage key left out keeps today's model: cpu per request that fills the request at full load, memory = the request. */
function normalizeUsage(raw: NonNullable<RawWorkload['usage']>, spec: WorkloadSpec): UsageSpec {
  const d = defaultUsage(spec.requests, spec.concurrency, spec.serviceTime.meanSec);
  return {
    cpuSecPerRequest: raw.cpuPerRequest === undefined ? d.cpuSecPerRequest : sec(raw.cpuPerRequest),
    idleCpuMilli: raw.idleCpu === undefined ? d.idleCpuMilli : milli(raw.idleCpu),
    memoryBytes: raw.memory === undefined ? d.memoryBytes : bytes(raw.memory),
    memoryBytesPerRequest: raw.memoryPerRequest === undefined ? d.memoryBytesPerRequest : bytes(raw.memoryPerRequest),
    memoryGrowthBytesPerHour: raw.memoryGrowthPerHour === undefined ? d.memoryGrowthBytesPerHour : bytes(raw.memoryGrowthPerHour),
  };
}

/** The limits as given, each violation of decisions/usage/limits.ts's rule reported at its key. */
function normalizeLimits(
  raw: NonNullable<RawWorkload['limits']>,
  spec: WorkloadSpec,
  at: At,
  sink: IssueSink,
): ResourceLimits {
  const limits: ResourceLimits = {};
  if (raw.cpu !== undefined) limits.cpuMilli = milli(raw.cpu);
  if (raw.memory !== undefined) limits.memoryBytes = bytes(raw.memory);
  for (const v of limitViolations(spec.requests, limits, spec.usage?.idleCpuMilli)) sink.add(at(['limits', v.resource]), v.message);
  return limits;
}

/** A pod that fits on no node group's empty node can never run: say so now rather than pend forever. */
export function checkFitsSomewhere(
  requests: { cpuMilli: number; memoryBytes: number },
  groups: readonly { name: string; allocatable: { cpuMilli: number; memoryBytes: number } }[],
  at: At,
  sink: IssueSink,
  where: string,
): void {
  if (groups.length === 0) return;
  const fits = groups.some((g) => requests.cpuMilli <= g.allocatable.cpuMilli && requests.memoryBytes <= g.allocatable.memoryBytes);
  if (!fits) {
    const largest = groups.reduce((a, b) => (b.allocatable.cpuMilli > a.allocatable.cpuMilli ? b : a));
    sink.add(
      at(['requests']),
      `a pod requesting ${formatCpu(requests.cpuMilli)} cpu and ${formatMemory(requests.memoryBytes)} memory fits on no node group${where} (largest: ${largest.name}, ${formatCpu(largest.allocatable.cpuMilli)} cpu)`,
    );
  }
}
