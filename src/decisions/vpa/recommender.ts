/**
 * The VPA recommender's estimate for one container: target, lower bound and upper bound, each a
 * percentile of the aggregated histograms plus the safety margin, the bounds widened by the
 * confidence multipliers on short history, every one at least the per-pod minimum shared over the
 * pod's containers, then capped to minAllowed/maxAllowed
 * (vertical-pod-autoscaler/pkg/recommender/logic/recommender.go, CreatePodResourceRecommender and
 * GetRecommendedPodResources; logic/estimator.go; pkg/utils/vpa/capping.go).
 *
 * Amounts are ResourceAmounts as upstream keeps them: whole millicores and whole bytes, each step
 * truncating (model/types.go, ScaleResource and resourceAmountFromFloat, capped at 1e14).
 */
import { VPA_DEFAULTS } from '../defaults.ts';
import type { AggregateContainerState } from './aggregate.ts';

export interface Resources {
  cpuMilli: number;
  memoryBytes: number;
}

export interface VpaRecommendation {
  target: Resources;
  lowerBound: Resources;
  upperBound: Resources;
  /** the target before minAllowed/maxAllowed */
  uncappedTarget: Resources;
}

export interface RecommenderOptions {
  targetPercentile: { cpu: number; memory: number };
  lowerBoundPercentile: { cpu: number; memory: number };
  upperBoundPercentile: { cpu: number; memory: number };
  safetyMarginFraction: number;
  podMinCpuMillicores: number;
  podMinMemoryMb: number;
  confidenceIntervalSec: { cpu: number; memory: number };
  /** the pod's containers: the per-pod minimum is shared out evenly among them */
  containersPerPod: number;
  /** ContainerResourcePolicy minAllowed / maxAllowed */
  minAllowed?: Partial<Resources>;
  maxAllowed?: Partial<Resources>;
}

const both = (v: number) => ({ cpu: v, memory: v });

export const RECOMMENDER_DEFAULTS: Readonly<RecommenderOptions> = Object.freeze({
  targetPercentile: both(VPA_DEFAULTS.targetPercentile),
  lowerBoundPercentile: both(VPA_DEFAULTS.lowerBoundPercentile),
  upperBoundPercentile: both(VPA_DEFAULTS.upperBoundPercentile),
  safetyMarginFraction: VPA_DEFAULTS.safetyMarginFraction,
  podMinCpuMillicores: VPA_DEFAULTS.podMinCpuMillicores,
  podMinMemoryMb: VPA_DEFAULTS.podMinMemoryMb,
  confidenceIntervalSec: both(VPA_DEFAULTS.confidenceIntervalSec),
  containersPerPod: 1,
});

/** MaxResourceAmount (model/types.go). */
export const MAX_RESOURCE_AMOUNT = 1e14;

/** resourceAmountFromFloat: negative is 0, beyond the maximum is the maximum, else truncated (NaN, 0 × ∞, is 0 here). */
export function resourceAmount(x: number): number {
  if (!(x >= 0)) return 0;
  if (x > MAX_RESOURCE_AMOUNT) return MAX_RESOURCE_AMOUNT;
  return Math.trunc(x);
}

export const scaleResource = (amount: number, factor: number): number => resourceAmount(amount * factor);
export const cpuAmountFromCores = (cores: number): number => resourceAmount(cores * 1000);

/**
 * How much history the aggregate holds, in confidence intervals (days by default): the shorter
 * of the span from first to last sample and the sample count at one a minute (getConfidence).
 */
export function confidence(s: AggregateContainerState, intervalSec: number): number {
  if (s.totalSamplesCount === 0) return 0;
  const lifespan = (s.lastSampleSec - s.firstSampleSec) / intervalSec;
  const samples = s.totalSamplesCount / (intervalSec / 60);
  return Math.min(lifespan, samples);
}

/** amount × (1 + multiplier / confidence)^exponent: no history gives × ∞ or × 0 (cpuConfidenceMultiplier). */
export function withConfidence(amount: number, multiplier: number, exponent: number, conf: number): number {
  return scaleResource(amount, (1 + multiplier / conf) ** exponent);
}

/** base + ScaleResource(base, margin) (cpuMarginEstimator, memoryMarginEstimator). */
export function withMargin(amount: number, marginFraction: number): number {
  return amount + scaleResource(amount, marginFraction);
}

type Bound = 'target' | 'lower' | 'upper';

/**
 * The upper bound × (1 + 1/confidence): ×3 on 12 h of history, ×2 on 24 h, ×1.14 on a week; the
 * lower bound × (1 + 0.001/confidence)^−2, near 1 after an hour (recommender.go's comments).
 */
const CONFIDENCE: Record<Bound, { multiplier: number; exponent: number } | null> = {
  target: null,
  upper: { multiplier: 1, exponent: 1 },
  lower: { multiplier: 0.001, exponent: -2 },
};

function estimate(s: AggregateContainerState, bound: Bound, o: RecommenderOptions): Resources {
  const pct = bound === 'target' ? o.targetPercentile : bound === 'lower' ? o.lowerBoundPercentile : o.upperBoundPercentile;
  let cpu = withMargin(cpuAmountFromCores(s.cpu.percentile(pct.cpu)), o.safetyMarginFraction);
  let memory = withMargin(resourceAmount(s.memoryPeaks.percentile(pct.memory)), o.safetyMarginFraction);
  const c = CONFIDENCE[bound];
  if (c) {
    cpu = withConfidence(cpu, c.multiplier, c.exponent, confidence(s, o.confidenceIntervalSec.cpu));
    memory = withConfidence(memory, c.multiplier, c.exponent, confidence(s, o.confidenceIntervalSec.memory));
  }
  // The per-pod minimum, shared over the pod's containers (GetRecommendedPodResources).
  const fraction = 1 / o.containersPerPod;
  const minCpu = scaleResource(cpuAmountFromCores(o.podMinCpuMillicores * 0.001), fraction);
  const minMemory = scaleResource(resourceAmount(o.podMinMemoryMb * 1024 * 1024), fraction);
  return { cpuMilli: Math.max(cpu, minCpu), memoryBytes: Math.max(memory, minMemory) };
}

/** Raises to minAllowed and lowers to maxAllowed, one resource at a time (capping.go). */
export function capResources(r: Resources, minAllowed?: Partial<Resources>, maxAllowed?: Partial<Resources>): Resources {
  const cap = (v: number, lo: number | undefined, hi: number | undefined) => {
    let x = v;
    if (lo !== undefined && x < lo) x = lo;
    if (hi !== undefined && x > hi) x = hi;
    return x;
  };
  return {
    cpuMilli: cap(r.cpuMilli, minAllowed?.cpuMilli, maxAllowed?.cpuMilli),
    memoryBytes: cap(r.memoryBytes, minAllowed?.memoryBytes, maxAllowed?.memoryBytes),
  };
}

export function recommendContainer(s: AggregateContainerState, options: RecommenderOptions = RECOMMENDER_DEFAULTS): VpaRecommendation {
  const target = estimate(s, 'target', options);
  const cap = (r: Resources) => capResources(r, options.minAllowed, options.maxAllowed);
  return {
    target: cap(target),
    lowerBound: cap(estimate(s, 'lower', options)),
    upperBound: cap(estimate(s, 'upper', options)),
    uncappedTarget: target,
  };
}
