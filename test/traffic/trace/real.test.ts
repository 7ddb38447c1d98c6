import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRates } from '../../../src/traffic/load.ts';
import { SHARED_TRACES, sum, traceSpec } from '../fixtures.ts';

/**
 * The trace's requests computed straight from its rows, independently of the loader: each row's
 * rate times its interval (the gap to the next row; the last row's interval is the median gap).
 */
function rawTotal(text: string): { requests: number; durationSec: number; rows: number } {
  const lines = text.trim().split('\n').slice(1);
  const t = lines.map((l) => Number(l.split(',')[0]));
  const r = lines.map((l) => Number(l.split(',')[1]));
  const gaps = t.slice(1).map((x, i) => x - t[i]);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
  let requests = 0;
  for (let i = 0; i < r.length; i++) requests += r[i] * (i + 1 < t.length ? t[i + 1] - t[i] : median);
  return { requests, durationSec: t[t.length - 1] - t[0] + median, rows: r.length };
}

const files = readdirSync(SHARED_TRACES).filter((f) => f.endsWith('.csv'));

describe('real traces in ../shared/traces', () => {
  it('are there to test against', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  // step 10 s is the default scenario's; 7 s cuts every per-minute row in two unequal parts
  describe.each(files)('%s', (file) => {
    const path = join(SHARED_TRACES, file);
    const raw = rawTotal(readFileSync(path, 'utf8'));

    it.each([10, 7])('conserves requests at step %d s: Σ rate·step = Σ rate × interval of the rows', async (stepSec) => {
      // a run a step longer than the trace: the tail after the end is rate 0
      const rates = await loadRates(traceSpec(path), { durationSec: raw.durationSec + stepSec, stepSec });
      expect(rates.length).toBe(Math.ceil((raw.durationSec + stepSec) / stepSec));
      // rounding only: 1e-9 of 1.35e9 requests is a hundredth of a request
      expect(Math.abs(sum(rates) * stepSec - raw.requests)).toBeLessThanOrEqual(1e-9 * raw.requests);
      expect(rates[rates.length - 1]).toBe(0);
      expect(rates.every((x) => x >= 0)).toBe(true);
    });
  });

  it('gives a 10 s trace back row for row at step 10 s', async () => {
    const path = join(SHARED_TRACES, 'azure-llm-inference-2023-code-per-10s.csv');
    const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    const rates = await loadRates(traceSpec(path), { durationSec: rows.length * 10, stepSec: 10 });
    expect(Array.from(rates)).toEqual(rows);
  });

  it('matches the totals SOURCES.md states (WorldCup98 1,352,804,107; NASA 1,891,675)', async () => {
    // the rates are rounded to 4 decimals in the files, so the totals agree to a request
    for (const [file, total] of [
      ['worldcup98-per-minute.csv', 1_352_804_107],
      ['nasa-http-1995-jul-per-minute.csv', 1_891_675],
    ] as const) {
      const rates = await loadRates(traceSpec(join(SHARED_TRACES, file)), { durationSec: 88 * 86400, stepSec: 60 });
      expect(Math.abs(sum(rates) * 60 - total)).toBeLessThan(1);
    }
  });
});
