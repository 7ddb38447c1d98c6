/**
 * The VPA recommender against hand-worked histograms and the facts of the VPA's own estimator
 * tests (vertical-pod-autoscaler/pkg/recommender/logic/estimator_test.go).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aggregateContainers, type ContainerHistory } from '../../../src/decisions/vpa/aggregate.ts';
import {
  confidence,
  cpuAmountFromCores,
  MAX_RESOURCE_AMOUNT,
  recommendContainer,
  RECOMMENDER_DEFAULTS,
  withConfidence,
  withMargin,
} from '../../../src/decisions/vpa/recommender.ts';

const T0 = 1_700_000_000;
const MIN = 60;
const DAY = 86400;

/** One container sampled once a minute for `minutes`, cpu and memory from functions of the minute. */
function steady(minutes: number, cpu: (i: number) => number, memory: (i: number) => number, requestCores = 0.5): ContainerHistory {
  const times = Array.from({ length: minutes }, (_, i) => T0 + i * MIN);
  return { cpuTimesSec: times, cpuCores: times.map((_, i) => cpu(i)), cpuRequestCores: requestCores, memoryTimesSec: times, memoryBytes: times.map((_, i) => memory(i)) };
}

describe('estimators (estimator_test.go)', () => {
  it('cpu 1, 2, 3 cores: the 20th percentile is 1 core within the histogram\'s 5% (TestPercentileEstimator)', () => {
    // three containers at one instant, so no sample has decayed against another
    const h = (cores: number, bytes: number): ContainerHistory => ({ cpuTimesSec: [T0], cpuCores: [cores], cpuRequestCores: 0, memoryTimesSec: [T0], memoryBytes: [bytes] });
    const s = aggregateContainers([h(1, 1e9), h(2, 2e9), h(3, 3e9)]);
    expect(s.cpu.percentile(0.2)).toBeGreaterThan(0.95);
    expect(s.cpu.percentile(0.2)).toBeLessThan(1.05);
    // one peak per container: the median is 2e9 within 5%
    expect(Math.abs(s.memoryPeaks.percentile(0.5) - 2e9) / 2e9).toBeLessThan(0.05);
  });

  it('9 samples 2 minutes apart: confidence 9 / 1440 = 0.00625, and 3.14 × (1 + 0.1/0.00625)^2 = 907.46 (TestConfidenceMultiplier)', () => {
    const times = Array.from({ length: 9 }, (_, i) => T0 + i * 2 * MIN);
    const s = aggregateContainers([{ cpuTimesSec: times, cpuCores: times.map(() => 1), cpuRequestCores: 0, memoryTimesSec: [], memoryBytes: [] }]);
    const c = confidence(s, DAY);
    expect(c).toBe(0.00625);
    expect(withConfidence(cpuAmountFromCores(3.14), 0.1, 2, c)).toBe(907460);
    expect(withConfidence(3.14e9, 0.1, 2, c)).toBe(9.0746e11);
    // TestConfidenceMultiplierWithCustomInterval: an 18-minute interval gives 9/18 = 0.5, and
    // 3.14 × 1.2^2 = 4.5216, truncated to whole millicores 4.521
    const c18 = confidence(s, 18 * MIN);
    expect(c18).toBe(0.5);
    expect(withConfidence(3140, 0.1, 2, c18)).toBe(4521);
    expect(withConfidence(3.14e9, 0.1, 2, c18)).toBe(4.5216e9);
  });

  it('no history: × ∞ is the largest amount, × 0 is zero (TestConfidenceMultiplierNoHistory)', () => {
    expect(withConfidence(3140, 1, 1, 0)).toBe(MAX_RESOURCE_AMOUNT);
    expect(withConfidence(3140, 1, -1, 0)).toBe(0);
  });

  it('a 10% margin on 3.14 cores is 3.454 (TestMarginEstimator)', () => {
    expect(withMargin(3140, 0.1)).toBe(3454);
  });
});

describe('recommendContainer, hand-worked', () => {
  it('8 days of 0.5 core and 500 MB: the end of their bucket + 15%, the bounds by the confidence', () => {
    const s = aggregateContainers([steady(8 * 1440, () => 0.5, () => 500e6)]);
    const r = recommendContainer(s);
    // cpu: 0.5 core is in bucket 25 (log_1.05(0.5 × 0.05 / 0.01 + 1) = 25.7); its end is
    // 0.01 × (1.05^26 − 1) / 0.05 = 0.5111 → 511m; + trunc(511 × 0.15) = 76 → 587m.
    expect(r.target.cpuMilli).toBe(587);
    // memory: 500 MB is in bucket 25 too (first bucket 10 MB): end 511,134,537 B + 15% = 587,804,717
    expect(r.target.memoryBytes).toBe(587804717);
    // confidence = min(11519 / 1440, 11520 / 1440) = 7.9993 days: upper × (1 + 1/7.9993) = 660m,
    // lower × (1 + 0.001/7.9993)^−2 = 586m
    expect(r.upperBound.cpuMilli).toBe(660);
    expect(r.lowerBound.cpuMilli).toBe(586);
  });

  it('an OOM kill at a 512Mi request counts as a peak of max(512Mi + 100Mi, 512Mi × 1.2) = 644,245,094 B', () => {
    const h = steady(720, () => 0.5, () => 500e6);
    h.ooms = [{ timeSec: T0 + 600 * MIN, memoryRequestBytes: 512 * 2 ** 20 }];
    const r = recommendContainer(aggregateContainers([h]));
    // 644,245,094 B is in bucket 29; its end 664,388,475 B + 15% = 764,046,746 B
    expect(r.target.memoryBytes).toBe(764046746);
    const without = recommendContainer(aggregateContainers([steady(720, () => 0.5, () => 500e6)]));
    expect(without.target.memoryBytes).toBe(587804717);
    // 12 hours of history: the upper bound is about × 3 (recommender.go's comment)
    expect(r.upperBound.memoryBytes / r.target.memoryBytes).toBeCloseTo(3.0028, 3);
  });

  it('the per-pod minimum is 25m and 250 MiB, shared over the containers of a pod', () => {
    const idle = aggregateContainers([steady(1440, () => 0, () => 1e6)]);
    expect(recommendContainer(idle).target).toEqual({ cpuMilli: 25, memoryBytes: 250 * 2 ** 20 });
    // two containers: each gets half, 12m (trunc 12.5) and 125 MiB
    expect(recommendContainer(idle, { ...RECOMMENDER_DEFAULTS, containersPerPod: 2 }).target).toEqual({ cpuMilli: 12, memoryBytes: 125 * 2 ** 20 });
  });

  it('minAllowed raises and maxAllowed lowers every bound; the uncapped target is kept', () => {
    const s = aggregateContainers([steady(1440, () => 0.5, () => 500e6)]);
    const r = recommendContainer(s, { ...RECOMMENDER_DEFAULTS, minAllowed: { cpuMilli: 1000 }, maxAllowed: { memoryBytes: 300e6 } });
    expect(r.target.cpuMilli).toBe(1000);
    expect(r.lowerBound.cpuMilli).toBe(1000);
    expect(r.upperBound.memoryBytes).toBe(300e6);
    expect(r.uncappedTarget.cpuMilli).toBe(587);
  });

  it('cpu samples weigh max(request, 0.1 core): the samples taken at a larger request count more', () => {
    // a day at 0.2 core under a 0.1 request, then a day at 1 core under a 4-core request
    const a = steady(1440, () => 0.2, () => 1e8, 0.1);
    const b = { ...steady(1440, () => 1, () => 1e8, 4), cpuTimesSec: Array.from(a.cpuTimesSec, (t) => t + DAY), memoryTimesSec: Array.from(a.memoryTimesSec, (t) => t + DAY) };
    const s = aggregateContainers([a, b]);
    // weights 0.1 vs 4 (× 2 for the later day's decay): the median is the 1-core bucket's end
    expect(s.cpu.percentile(0.5)).toBeGreaterThan(1);
    expect(s.cpu.percentile(0.5)).toBeLessThan(1.06);
  });
});

describe('recommendContainer, properties', () => {
  const pattern = fc.array(fc.double({ min: 0, max: 8, noNaN: true }), { minLength: 24, maxLength: 24 });
  const memPattern = fc.array(fc.integer({ min: 0, max: 8e9 }), { minLength: 24, maxLength: 24 });

  it('lower bound ≤ target ≤ upper bound, and the margin and the minimums hold', () => {
    fc.assert(
      fc.property(pattern, memPattern, fc.integer({ min: 60, max: 3 * 1440 }), (cpu, mem, minutes) => {
        const s = aggregateContainers([steady(minutes, (i) => cpu[Math.floor(i / 60) % 24], (i) => mem[Math.floor(i / 60) % 24])]);
        const r = recommendContainer(s);
        expect(r.lowerBound.cpuMilli).toBeLessThanOrEqual(r.target.cpuMilli);
        expect(r.target.cpuMilli).toBeLessThanOrEqual(r.upperBound.cpuMilli);
        expect(r.lowerBound.memoryBytes).toBeLessThanOrEqual(r.target.memoryBytes);
        expect(r.target.memoryBytes).toBeLessThanOrEqual(r.upperBound.memoryBytes);
        expect(r.target.cpuMilli).toBeGreaterThanOrEqual(25);
        expect(r.target.memoryBytes).toBeGreaterThanOrEqual(250 * 2 ** 20);
        const p90 = cpuAmountFromCores(s.cpu.percentile(0.9));
        expect(r.target.cpuMilli).toBeGreaterThanOrEqual(Math.max(25, p90 + Math.trunc(p90 * 0.15)));
      }),
      { numRuns: 40 },
    );
  });

  it('more of the same history never widens the bounds', () => {
    fc.assert(
      fc.property(pattern, fc.integer({ min: 1, max: 3 }), (cpu, days) => {
        const rec = (d: number) => recommendContainer(aggregateContainers([steady(d * 1440, (i) => cpu[Math.floor(i / 60) % 24], () => 1e9)]));
        const short = rec(days);
        const long = rec(days + 1);
        expect(long.upperBound.cpuMilli).toBeLessThanOrEqual(short.upperBound.cpuMilli);
        expect(long.lowerBound.cpuMilli).toBeGreaterThanOrEqual(short.lowerBound.cpuMilli);
      }),
      { numRuns: 15 },
    );
  });
});
