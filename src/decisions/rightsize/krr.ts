/**
 * KRR's simple strategy (robusta-dev/krr, robusta_krr/strategies/simple.py): cpu request = the
 * highest of the pods' `cpu_percentile` percentiles of cpu use (PercentileCPULoader takes
 * quantile_over_time per pod), no cpu limit; memory request = limit = the highest pod's peak
 * working set × (1 + memory_buffer_percentage / 100). The current defaults are 95 and 15; older
 * releases used 99 and 5. Fewer than `points_required` (100) samples give no recommendation.
 */


export interface KrrOptions {
  cpuPercentile: number;
  memoryBufferPercentage: number;
  pointsRequired: number;
}

export const KRR_DEFAULTS: Readonly<KrrOptions> = Object.freeze({ cpuPercentile: 95, memoryBufferPercentage: 15, pointsRequired: 100 });

/** One pod's samples of one container: cpu in cores, memory in bytes. */
export interface PodUsage {
  cpuCores: ArrayLike<number>;
  memoryBytes: ArrayLike<number>;
}

export interface KrrRecommendation {
  /** null: not enough data for that resource */
  requests: { cpuMilli: number | null; memoryBytes: number | null };
  limits: { cpuMilli: null; memoryBytes: number | null };
}

/**
 * The q-quantile with linear interpolation between closest ranks, rank q × (n − 1): numpy's
 * default and Prometheus' quantile_over_time alike.
 */
export function quantileLinear(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function krrSimple(pods: readonly PodUsage[], options: KrrOptions = KRR_DEFAULTS): KrrRecommendation {
  const cpuPoints = pods.reduce((n, p) => n + p.cpuCores.length, 0);
  const memoryPoints = pods.reduce((n, p) => n + p.memoryBytes.length, 0);
  let cpuMilli: number | null = null;
  if (cpuPoints >= options.pointsRequired) {
    let cores = 0;
    for (const p of pods) if (p.cpuCores.length) cores = Math.max(cores, quantileLinear(p.cpuCores, options.cpuPercentile / 100));
    cpuMilli = Math.ceil(cores * 1000);
  }
  let memoryBytes: number | null = null;
  if (memoryPoints >= options.pointsRequired) {
    let peak = 0;
    for (const p of pods) for (let i = 0; i < p.memoryBytes.length; i++) peak = Math.max(peak, p.memoryBytes[i]);
    memoryBytes = Math.ceil(peak * (1 + options.memoryBufferPercentage / 100));
  }
  return { requests: { cpuMilli, memoryBytes }, limits: { cpuMilli: null, memoryBytes } };
}

