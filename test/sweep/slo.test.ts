import { describe, expect, it } from 'vitest';
import { parseSlo, scenarioSlos, sloMet } from '../../src/sweep/slo.ts';
import { planSweep } from '../../src/sweep/index.ts';
import { TINY } from './fixtures/tmp.ts';

describe('parseSlo', () => {
  it.each([
    ['p99<=250ms', 'latencyMs.p99', '<=', 250],
    // seconds to ms: 0.25 s = 250 ms
    ['p99 <= 0.25s', 'latencyMs.p99', '<=', 250],
    // a bare latency is ms
    ['p95<120', 'latencyMs.p95', '<', 120],
    ['p50<=1s', 'latencyMs.p50', '<=', 1000],
    ['mean<=80ms', 'latencyMs.mean', '<=', 80],
    // 0.1% = 0.001
    ['errorRate<=0.1%', 'requests.errorRate', '<=', 0.001],
    ['errorRate<0.001', 'requests.errorRate', '<', 0.001],
    ['cost<=120.5', 'cost.total', '<=', 120.5],
    ['pods.maxPending<20', 'pods.maxPending', '<', 20],
    // seconds keys take durations: 10m = 600 s
    ['sloViolationSeconds<=10m', 'sloViolationSeconds', '<=', 600],
    ['binPacking.cpuRequestedShare>=60%', 'binPacking.cpuRequestedShare', '>=', 0.6],
    ['latencyMs.max>2s', 'latencyMs.max', '>', 2000],
  ])('%s', (text, metric, op, threshold) => {
    expect(parseSlo(text)).toMatchObject({ metric, op, threshold });
  });

  it.each([
    ['p99', /expected metric<=value/],
    ['p98<=250ms', /unknown metric "p98"/],
    ['latencyMs.p99x<=1', /did you mean "latencyMs.p99"/],
    ['p99<=fast', /not a duration/],
    ['errorRate<=lots', /fraction like 0\.001 or a percentage/],
    ['cost<=cheap', /"cheap" is not a number/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSlo(text)).toThrow(message);
    expect(() => parseSlo(text)).toThrow(/^--slo /);
  });

  it('judges a run: <= includes the threshold, < does not; a missing number never meets', () => {
    const m = { 'latencyMs.p99': 250, 'requests.errorRate': null };
    expect(sloMet(parseSlo('p99<=250ms'), m)).toBe(true);
    expect(sloMet(parseSlo('p99<250ms'), m)).toBe(false);
    expect(sloMet(parseSlo('errorRate<=1%'), m)).toBe(false);
  });

  it("defaults to the scenario's own slo", () => {
    // tiny.yaml: slo {latencyP99: 250ms, errorRate: 0.1%}
    const slos = scenarioSlos(planSweep({ file: TINY, vary: [] }).base);
    expect(slos.map((s) => s.text)).toEqual(['p99<=250ms', 'errorRate<=0.1%']);
    expect(slos.map((s) => s.threshold)).toEqual([250, 0.001]);
  });
});
