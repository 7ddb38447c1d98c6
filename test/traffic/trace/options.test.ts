import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRates } from '../../../src/traffic/load.ts';
import { csv, scratch, sum, traceSpec } from '../fixtures.ts';

const tmp = scratch();
afterAll(() => tmp.cleanup());

// rows every 60 s: 10, 20, 30 req/s; the last row holds 60 s (the median gap), so the trace is
// 180 s long and carries 60·(10 + 20 + 30) = 3600 requests
const threeRows = tmp.write('three.csv', csv([[0, 10], [60, 20], [120, 30]]));

async function rates(path: string, over: Parameters<typeof traceSpec>[1], durationSec: number, stepSec: number): Promise<number[]> {
  return Array.from(await loadRates(traceSpec(path, over), { durationSec, stepSec }));
}

describe('interpolate', () => {
  // rows 10 @0, 20 @10, 0 @20; gaps 10 and 10, so the last row holds 10 s
  const path = tmp.write('ramp.csv', csv([[0, 10], [10, 20], [20, 0]]));

  it.each([
    // step: each row's rate holds until the next row
    ['step', [10, 10, 20, 20, 0, 0, 0]],
    // linear: 10→20 over [0,10): means 12.5, 17.5; 20→0 over [10,20): 15, 5; then the last row's 0
    ['linear', [12.5, 17.5, 15, 5, 0, 0, 0]],
  ] as const)('%s', async (interpolate, expected) => {
    expect(await rates(path, { interpolate }, 35, 5)).toEqual(expected);
  });

  it('linear conserves the trapezoid integral at an unaligned step', async () => {
    // ∫ = 10·(10+20)/2 + 10·(20+0)/2 + 0 = 150 + 100 = 250 requests
    const r = await rates(path, { interpolate: 'linear' }, 42, 7);
    expect(sum(r) * 7).toBeCloseTo(250, 10);
  });
});

describe('scale, speedup, offset', () => {
  it.each([
    ['as recorded', {}, 240, 60, [10, 20, 30, 0]],
    // scale multiplies the rate
    ['scale 3', { scale: 3 }, 240, 60, [30, 60, 90, 0]],
    // speedup 60: one simulated second reads one trace minute, at the rate recorded
    ['speedup 60', { speedup: 60 }, 4, 1, [10, 20, 30, 0]],
    // speedup 120 at step 1: each step spans two trace minutes: (10+20)/2, (30+0)/2
    ['speedup 120', { speedup: 120 }, 2, 1, [15, 15]],
    // offset skips trace seconds: from t_trace = 60
    ['offset 60', { offsetSec: 60 }, 180, 60, [20, 30, 0]],
    // offset 90 and steps of 60: [90,150) = 30·20 + 30·30 → 25; [150,210) = 30·30 → 15
    ['offset 90', { offsetSec: 90 }, 120, 60, [25, 15]],
    // both: t_trace = 60 + 30·t
    ['offset 60, speedup 30', { offsetSec: 60, speedup: 30 }, 4, 1, [20, 20, 30, 30]],
  ] as const)('%s', async (_name, over, durationSec, stepSec, expected) => {
    expect(await rates(threeRows, over, durationSec, stepSec)).toEqual(expected);
  });

  it('speedup keeps the per-second rate, so the requests shrink by the speedup', async () => {
    const played = await rates(threeRows, { speedup: 12 }, 15, 1);
    expect(sum(played)).toBeCloseTo(3600 / 12, 10);
  });

  it('offset past the end of a trace that does not loop is an error', async () => {
    await expect(rates(threeRows, { offsetSec: 180, displayPath: 'three.csv' }, 60, 10)).rejects.toThrow(/offset 180s is past the end of the trace \(180s long\)/);
  });
});

describe('loop', () => {
  it.each([
    // the trace repeats every 180 s
    ['from the start', {}, [10, 20, 30, 10, 20, 30, 10, 20]],
    // offset picks where in the repeating trace to start
    ['offset 120', { offsetSec: 120 }, [30, 10, 20, 30, 10, 20, 30, 10]],
    // offset of more than one period: 400 mod 180 = 40 → [40,100) = 20·10 + 40·20 → 16.67 ...
    ['offset 400', { offsetSec: 400 }, [50 / 3, 80 / 3, 50 / 3, 50 / 3, 80 / 3, 50 / 3, 50 / 3, 80 / 3]],
  ] as const)('%s', async (_name, over, expected) => {
    const r = await rates(threeRows, { loop: true, ...over }, 480, 60);
    r.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 10));
  });

  it('with speedup, plays the trace over and over faster', async () => {
    // speedup 90: one period every 2 simulated seconds, each step of 1 s covers 90 trace seconds
    const r = await rates(threeRows, { loop: true, speedup: 90 }, 6, 1);
    // [0,90) = 60·10 + 30·20 → 13.33; [90,180) = 30·20 + 60·30 → 26.67
    r.forEach((x, i) => expect(x).toBeCloseTo(i % 2 === 0 ? 40 / 3 : 80 / 3, 10));
  });

  it('conserves requests over many periods at any step, offset and speedup (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 500 })), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 97 }),
        fc.constantFrom(0.5, 1, 3),
        fc.constantFrom('step' as const, 'linear' as const),
        async (gapsAndRates, offsetSec, stepSec, speedup, interpolate) => {
          // rows at cumulative gaps; the test's own model of the periodic rate function
          const rows: [number, number][] = [];
          let t = 0;
          for (const [gap, rate] of gapsAndRates) {
            rows.push([t, rate]);
            t += gap;
          }
          const gaps = gapsAndRates.slice(0, -1).map(([g]) => g).sort((a, b) => a - b);
          const median = (gaps[(gaps.length - 1) >> 1] + gaps[gaps.length >> 1]) / 2;
          const times = rows.map(([x]) => x);
          const period = times[times.length - 1] + median;
          const rateAt = (u: number): [number, number] => {
            // value and slope of the rate at trace time u in [0, period)
            let i = times.length - 1;
            while (times[i] > u) i--;
            const r0 = rows[i][1];
            if (interpolate === 'step' || i === times.length - 1) return [r0, 0];
            const slope = (rows[i + 1][1] - r0) / (times[i + 1] - times[i]);
            return [r0 + slope * (u - times[i]), slope];
          };
          // exact ∫ over [0, x) of one period, by pieces
          const within = (x: number): number => {
            let acc = 0;
            const knots = [...times, period];
            for (let i = 0; i + 1 < knots.length && knots[i] < x; i++) {
              const b = Math.min(knots[i + 1], x);
              const [ra] = rateAt(knots[i]);
              const slope = interpolate === 'linear' && i + 1 < times.length ? (rows[i + 1][1] - rows[i][1]) / (times[i + 1] - times[i]) : 0;
              acc += (b - knots[i]) * (ra + (ra + slope * (b - knots[i]))) / 2;
            }
            return acc;
          };
          const G = (u: number) => Math.floor(u / period) * within(period) + within(u - Math.floor(u / period) * period);
          const path = tmp.write('prop.csv', csv(rows));
          const durationSec = 3 * period;
          const r = await rates(path, { loop: true, offsetSec, speedup, interpolate }, durationSec, stepSec);
          const steps = Math.ceil(durationSec / stepSec);
          const expected = (G(offsetSec + steps * stepSec * speedup) - G(offsetSec)) / speedup;
          expect(Math.abs(sum(r) * stepSec - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
          // and step by step
          for (const k of [0, steps >> 1, steps - 1]) {
            const a = offsetSec + k * stepSec * speedup;
            const want = (G(a + stepSec * speedup) - G(a)) / (stepSec * speedup);
            expect(r[k]).toBeCloseTo(want, 6);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('time and rate columns', () => {
  it.each([
    ['timestamp in unix seconds, made relative to the first row', 'timestamp,requests_per_s\n1700000000,5\n1700000060,7\n'],
    ['timestamp in ISO-8601 UTC', 'timestamp,requests_per_s\n2024-03-01T00:00:00Z,5\n2024-03-01T00:01:00Z,7\n'],
    ['ISO-8601 with an offset and fractions', 'timestamp,requests_per_s\n2024-03-01T02:00:00.000+02:00,5\n2024-03-01T00:01:00.000Z,7\n'],
    ['ISO-8601 without a zone is UTC', 'timestamp,requests_per_s\n2024-03-31 00:30:00,5\n2024-03-31 00:31:00,7\n'],
    ['extra columns and spaces', 'host, timestamp_s , requests_per_s\na, 100, 5\nb, 160, 7\n'],
  ])('%s', async (_name, text) => {
    const path = tmp.write('time.csv', text);
    expect(await rates(path, {}, 180, 60)).toEqual([5, 7, 0]);
  });

  it('reads the columns named by timeColumn and column', async () => {
    const path = tmp.write('named.csv', 'minute,rps,other\n0,5,1\n60,7,1\n');
    expect(await rates(path, { timeColumn: 'minute', column: 'rps' }, 120, 60)).toEqual([5, 7]);
  });

  it('stops reading once the window is past: later rows are not even parsed', async () => {
    // the garbage at the end would be an error if it were read
    const path = tmp.write('early.csv', `${csv([[0, 1], [60, 2], [120, 3], [180, 4]])}oops,not-a-rate\n`);
    expect(await rates(path, {}, 120, 60)).toEqual([1, 2]);
  });

  it('skips empty lines and a byte order mark', async () => {
    const path = tmp.write('bom.csv', '\ufefftimestamp_s,requests_per_s\r\n0,5\r\n\r\n60,7\r\n');
    expect(await rates(path, {}, 120, 60)).toEqual([5, 7]);
  });
});

describe('kind none', () => {
  it('is all zeros', async () => {
    expect(Array.from(await loadRates({ kind: 'none' }, { durationSec: 25, stepSec: 10 }))).toEqual([0, 0, 0]);
  });
});
