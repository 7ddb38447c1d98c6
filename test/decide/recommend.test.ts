import { describe, expect, it } from 'vitest';
import { runDecide } from '../../src/cli/decide.ts';
import { decideRecommend } from '../../src/decide/recommend.ts';

const T0 = 1_700_000_000;
const minutes = (n: number, value: unknown) => Array.from({ length: n }, (_, i) => [T0 + i * 60, value]);

describe('decide recommend', () => {
  it('a day of 500m and 500 MB in one pod: target 587m / 587,804,717 B, the bounds by one day of confidence', () => {
    const r = decideRecommend({ pods: [{ name: 'web-1', cpuRequest: '500m', cpu: minutes(1440, '500m'), memory: minutes(1440, 500e6) }] });
    expect(r.target).toEqual({ cpuMilli: 587, memoryBytes: 587804717 });
    // confidence = min(1439/1440, 1440/1440) days; upper × (1 + 1/0.99931) ≈ × 2.0007
    expect(r.confidence.cpu).toBeCloseTo(0.999306, 6);
    expect(r.upperBound.cpuMilli).toBe(Math.trunc(587 * (1 + 1 / (1439 / 1440))));
    expect(r.lowerBound.cpuMilli).toBeLessThanOrEqual(587);
  });

  it('custom percentiles, margin and caps', () => {
    const r = decideRecommend({
      pods: [{ name: 'a', cpu: minutes(1440, 0.5), memory: minutes(1440, '1Gi') }],
      targetPercentile: 0.5,
      safetyMargin: 0,
      maxAllowed: { memory: '512Mi' },
    });
    expect(r.target.cpuMilli).toBe(511);
    expect(r.target.memoryBytes).toBe(512 * 2 ** 20);
    expect(r.uncappedTarget.memoryBytes).toBeGreaterThan(2 ** 30);
  });

  it('bad input is one line naming the key', () => {
    const out = runDecide('recommend', JSON.stringify({ pods: [{ name: 'a', cpu: [[1, 0.5], [1, 0.4]] }] }), false);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatch(/pods\.0\.cpu\.1.*time does not increase/);
    expect(runDecide('recommend', JSON.stringify({ pods: [{ name: 'a', memory: [[1, -3]] }] }), false).errors[0]).toMatch(/pods\.0\.memory\.0/);
    expect(runDecide('recommend', JSON.stringify({ pods: [{ name: 'a', cpu: [] }] }), false).errors[0]).toMatch(/no cpu samples/);
  });
});
