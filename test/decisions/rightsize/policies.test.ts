import { describe, expect, it } from 'vitest';
import { krrSimple, quantileLinear } from '../../../src/decisions/rightsize/krr.ts';
import { POLICY_DEFAULTS, recommendPolicies } from '../../../src/decisions/rightsize/policies.ts';
import type { ContainerHistory } from '../../../src/decisions/vpa/aggregate.ts';

const T0 = 1_700_000_000;
function pod(minutes: number, cpu: (i: number) => number, memory: (i: number) => number): ContainerHistory {
  const times = Array.from({ length: minutes }, (_, i) => T0 + i * 60);
  return { cpuTimesSec: times, cpuCores: times.map((_, i) => cpu(i)), cpuRequestCores: 1, memoryTimesSec: times, memoryBytes: times.map((_, i) => memory(i)) };
}

describe('KRR simple (robusta_krr/strategies/simple.py)', () => {
  it('quantiles interpolate between closest ranks, as numpy and quantile_over_time do', () => {
    // rank 0.95 × 4 = 3.8: 4 + 0.8 × (5 − 4)
    expect(quantileLinear([5, 1, 4, 2, 3], 0.95)).toBeCloseTo(4.8, 12);
    expect(quantileLinear([1, 2], 0.5)).toBe(1.5);
  });

  it('cpu request = the highest pod p95, no cpu limit; memory request = limit = the highest peak × 1.15', () => {
    const pods = [
      { cpuCores: Array.from({ length: 100 }, (_, i) => i / 100), memoryBytes: Array.from({ length: 100 }, () => 1e9) },
      { cpuCores: Array.from({ length: 100 }, () => 0.2), memoryBytes: Array.from({ length: 100 }, (_, i) => (i === 50 ? 2e9 : 1e9)) },
    ];
    const r = krrSimple(pods);
    // pod 1: rank 0.95 × 99 = 94.05 → 0.94 + 0.05 × 0.01 = 0.9405 cores → 941m (rounded up)
    expect(r.requests.cpuMilli).toBe(941);
    expect(r.limits.cpuMilli).toBeNull();
    expect(r.requests.memoryBytes).toBe(2.3e9);
    expect(r.limits.memoryBytes).toBe(2.3e9);
  });

  it('fewer than 100 points: no recommendation for that resource', () => {
    const r = krrSimple([{ cpuCores: [1, 2, 3], memoryBytes: [1, 2, 3] }]);
    expect(r.requests).toEqual({ cpuMilli: null, memoryBytes: null });
  });
});

describe('the named policies on one container', () => {
  const r = recommendPolicies([pod(1440, (i) => (i % 2 ? 0.3 : 0.6), () => 400e6)]);

  it('goldilocks-guaranteed is request = limit = the VPA target', () => {
    expect(r.policies['goldilocks-guaranteed'].requests).toEqual(r.vpa.target);
    expect(r.policies['goldilocks-guaranteed'].limits).toEqual(r.vpa.target);
  });

  it('goldilocks-burstable is request = lower bound, limit = upper bound', () => {
    expect(r.policies['goldilocks-burstable'].requests).toEqual(r.vpa.lowerBound);
    expect(r.policies['goldilocks-burstable'].limits).toEqual(r.vpa.upperBound);
  });

  it('vpa sets the target as requests and no limits', () => {
    expect(r.policies.vpa.requests).toEqual(r.vpa.target);
    expect(r.policies.vpa.limits).toEqual({ cpuMilli: null, memoryBytes: null });
  });

  it('maxAllowed caps krr too', () => {
    const capped = recommendPolicies([pod(1440, () => 2, () => 400e6)], {
      ...POLICY_DEFAULTS,
      recommender: { ...POLICY_DEFAULTS.recommender, maxAllowed: { cpuMilli: 1000 } },
    });
    expect(capped.policies.krr.requests.cpuMilli).toBe(1000);
    expect(capped.policies.vpa.requests.cpuMilli).toBe(1000);
  });
});
