import { formatCpu, formatMemory } from '../../quantity.ts';
import { WORKLOAD_DEFAULTS } from '../defaults.ts';
import type { RawWorkload } from '../schema/index.ts';
import type { PriorityClass, ServiceTimeSpec, WorkloadSpec } from '../types.ts';
import { type At, bytes, type IssueSink, milli, type NormalizeContext, sec } from './context.ts';
import { normalizeDelay } from './delay.ts';
import { normalizeHpa } from './hpa.ts';
import { resolvePriority } from './priority.ts';
import { normalizeTraffic } from './traffic.ts';

// For a lognormal, ln(p99/mean) = 2.3263·σ − σ²/2, which peaks at σ = 2.3263: a p99 above
// e^(2.3263²/2) ≈ 15.0 times the mean has no lognormal.
const Z99 = 2.3263478740408408;
const MAX_LOGNORMAL_P99_OVER_MEAN = Math.exp((Z99 * Z99) / 2);

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
    serviceTime: normalizeServiceTime(raw.serviceTime, (sub = []) => at(['serviceTime', ...sub]), sink),
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
  return spec;
}

function normalizeServiceTime(raw: RawWorkload['serviceTime'], at: At, sink: IssueSink): ServiceTimeSpec {
  if (typeof raw === 'string' || typeof raw === 'number') {
    const meanSec = sec(raw);
    if (meanSec <= 0) sink.add(at(), 'serviceTime must be greater than 0');
    return { meanSec, dist: 'exponential' };
  }
  const meanSec = sec(raw.mean);
  if (meanSec <= 0) sink.add(at(['mean']), 'mean must be greater than 0');
  // A p99 only means something for the lognormal; giving one picks it.
  const dist = raw.dist ?? (raw.p99 !== undefined ? 'lognormal' : 'exponential');
  if (dist === 'exponential') {
    if (raw.p99 !== undefined) sink.add(at(['p99']), 'p99 applies to dist lognormal (an exponential p99 is fixed at 4.6 times the mean)', true);
    return { meanSec, dist };
  }
  if (raw.p99 === undefined) {
    sink.add(at(), 'dist lognormal needs p99');
    return { meanSec, dist };
  }
  const p99Sec = sec(raw.p99);
  if (meanSec > 0 && p99Sec <= meanSec) sink.add(at(['p99']), `p99 (${p99Sec}s) must be greater than the mean (${meanSec}s)`);
  else if (meanSec > 0 && p99Sec / meanSec > MAX_LOGNORMAL_P99_OVER_MEAN) {
    sink.add(at(['p99']), `no lognormal has a p99 more than ${MAX_LOGNORMAL_P99_OVER_MEAN.toFixed(1)} times its mean (got ${(p99Sec / meanSec).toFixed(1)})`);
  }
  return { meanSec, dist, p99Sec };
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
