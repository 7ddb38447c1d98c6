import { afterAll, describe, expect, it } from 'vitest';
import { loadRates } from '../../../src/traffic/load.ts';
import { scratch, traceSpec } from '../fixtures.ts';

const tmp = scratch();
afterAll(() => tmp.cleanup());

// what `curl '.../api/v1/query_range?query=sum(rate(http_requests_total[1m]))&step=60'` returns
const T0 = 1_700_000_000;
function answer(series: { metric: Record<string, string>; values: [number, string][] }[]): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } }, null, 2);
}

async function rates(text: string, aggregate: 'sum' | undefined, durationSec: number, stepSec: number): Promise<number[]> {
  const path = tmp.write('q.json', text);
  return Array.from(await loadRates(traceSpec(path, { format: 'prometheus', aggregate }), { durationSec, stepSec }));
}

describe('Prometheus query_range answers', () => {
  it('one series: samples are per-second rates, each holding until the next', async () => {
    const text = answer([{ metric: {}, values: [[T0, '12.5'], [T0 + 60, '20'], [T0 + 120, '7.25']] }]);
    // 3 samples every 60 s, the last holding 60 s; step 30
    expect(await rates(text, undefined, 240, 30)).toEqual([12.5, 12.5, 20, 20, 7.25, 7.25, 0, 0]);
  });

  it('several series with aggregate sum: added on the shared grid, a missing sample adds nothing', async () => {
    const text = answer([
      { metric: { pod: 'a' }, values: [[T0, '1'], [T0 + 60, '2'], [T0 + 120, '3']] },
      // pod b has no sample at T0 + 60 (it was not scraped)
      { metric: { pod: 'b' }, values: [[T0, '10'], [T0 + 120, '30']] },
      { metric: { pod: 'c' }, values: [[T0 + 60, '100']] },
    ]);
    // T0: 1+10 = 11; T0+60: 2+100 = 102; T0+120: 3+30 = 33
    expect(await rates(text, 'sum', 180, 60)).toEqual([11, 102, 33]);
  });

  it('fractional timestamps and numbers as values', async () => {
    const text = JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: {}, values: [[T0 + 0.5, 4], [T0 + 15.5, '8']] }] },
    });
    expect(await rates(text, undefined, 30, 15)).toEqual([4, 8]);
  });

  it('the same options as CSV: scale, speedup, loop', async () => {
    const text = answer([{ metric: {}, values: [[T0, '1'], [T0 + 60, '2']] }]);
    const path = tmp.write('opts.json', text);
    const r = await loadRates(traceSpec(path, { format: 'prometheus', scale: 10, speedup: 60, loop: true }), { durationSec: 5, stepSec: 1 });
    expect(Array.from(r)).toEqual([10, 20, 10, 20, 10]);
  });
});
