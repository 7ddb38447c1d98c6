import { describe, expect, it } from 'vitest';
import { checkSlo } from '../../src/check/slo.ts';
import { formatRate, formatValue } from '../../src/check/format/values.ts';
import { makeRun } from '../fixtures/check/summaries.ts';

const format = { ms: (v: number) => formatValue('ms', v), rate: formatRate };
// the fixture SLO: p99 <= 250 ms, error rate <= 0.1%
const run = (p99: number, errorRate: number, seed = 7, met?: boolean) =>
  makeRun({ seed, set: { 'latencyMs.p99': p99, 'requests.errorRate': errorRate }, slo: met === undefined ? {} : { met } });

describe('checkSlo', () => {
  // [p99, errorRate, met override, broken, reason]
  const cases: [number, number, boolean | undefined, boolean, string | undefined][] = [
    [120, 0.0002, undefined, false, undefined],
    [250, 0.001, undefined, false, undefined], // on the SLO is meeting it
    [251, 0.0002, undefined, true, 'p99 251 ms > 250 ms'],
    [120, 0.0011, undefined, true, 'error rate 0.11% > 0.1%'],
    [120, 0.0002, false, true, 'summary.slo.met is false'], // the run says so for its own reasons
  ];
  it.each(cases)('one seed: p99 %d ms, error rate %d, met %s -> broken %s', (p99, rate, met, broken, reason) => {
    const s = checkSlo([run(p99, rate, 7, met)], format);
    expect(s.broken).toBe(broken);
    if (reason) expect(s.reasons).toEqual([reason]);
    else expect(s.reasons).toEqual([]);
  });

  it('with several seeds, more than half must break it', () => {
    // 1 of 3 broken: met; 2 of 3: broken; 1 of 2: met (not more than half)
    expect(checkSlo([run(300, 0, 1), run(100, 0, 2), run(100, 0, 3)], format).broken).toBe(false);
    const two = checkSlo([run(300, 0, 1), run(310, 0, 2), run(100, 0, 3)], format);
    expect(two.broken).toBe(true);
    expect(two.brokenSeeds).toEqual([1, 2]);
    expect(two.reasons).toEqual(['p99 > 250 ms in 2 of 3 seeds (worst 310 ms)']);
    expect(checkSlo([run(300, 0, 1), run(100, 0, 2)], format).broken).toBe(false);
  });
});
