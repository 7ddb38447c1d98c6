import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeGrid, type Grid } from '../../src/sweep/grid.ts';
import { executeSweep, parseSlo, planSweep, recommend, writeRecommendation, type SweepRow } from '../../src/sweep/index.ts';
import { METRIC_COLUMNS } from '../../src/sweep/metrics.ts';
import { parseVary } from '../../src/sweep/vary.ts';
import { paretoFrontier } from '../../src/sweep/frontier-chart.ts';
import { fakeRunner } from './fixtures/fake-runner.ts';
import { tempDirs, TINY } from './fixtures/tmp.ts';

const newDir = tempDirs();
const SLOS = [parseSlo('p99<=250ms'), parseSlo('errorRate<=0.1%')];

/** One candidate per entry; each run is [p99 ms, cost]; error rate 0. */
function table(runs: [number, number][][]): { grid: Grid; rows: SweepRow[] } {
  const seeds = runs[0].length;
  const grid = makeGrid([parseVary(`overprovisioner.0.replicasPerCluster=${runs.map((_, i) => i * 10).join(',')}`)], 1, seeds);
  const rows: SweepRow[] = runs.flatMap((seedRuns, point) =>
    seedRuns.map(([p99, cost], k) => {
      const metrics = Object.fromEntries(METRIC_COLUMNS.map((c) => [c, 0]));
      metrics['latencyMs.p99'] = p99;
      metrics['cost.total'] = cost;
      // a run of one hour: a month of 730 hours costs 730 runs
      metrics['cost.perMonth'] = cost * 730;
      return { cell: point * seeds + k, point, texts: [String(point * 10)], values: {}, seed: 1 + k, metrics };
    }),
  );
  return { grid, rows };
}

const pick = (runs: [number, number][][], confidence = 0.95) => {
  const { grid, rows } = table(runs);
  return recommend(grid, rows, { slos: SLOS, confidence, currency: 'USD' });
};

describe('recommend', () => {
  it('picks the cheapest candidate that meets the SLOs in enough seeds, with the next cheapest as runner-up', () => {
    const rec = pick([
      // replicas 0: meets in 3 of 5 seeds (60%), cost 100
      [[200, 100], [300, 100], [240, 100], [260, 100], [250, 100]],
      // replicas 10: 5 of 5, cost mean (110 + 112 + 108 + 110 + 110) / 5 = 110, p95 (nearest rank 5 of 5) = 112
      [[200, 110], [210, 112], [220, 108], [230, 110], [240, 110]],
      // replicas 20: 5 of 5, cost 120
      [[150, 120], [150, 120], [150, 120], [150, 120], [150, 120]],
    ]);
    expect(rec.recommended).toMatchObject({ point: 1, attainment: 1, costMean: 110, costP95: 112 });
    expect(rec.runnerUp).toMatchObject({ point: 2, costMean: 120 });
    expect(rec.closest).toBeNull();
    expect(rec.candidates[0]).toMatchObject({ seedsMet: 3, attainment: 0.6, qualifies: false });
    expect(rec.answer).toBe(
      'Recommended: replicasPerCluster=10. It meets p99<=250ms and errorRate<=0.1% in 5 of 5 seeds (100%), at least the 95% asked for, ' +
        // 110 x 730 = 80,300 a month
        'at a mean cost of 110.00 USD per run (p95 112.00 USD; 80,300.00 USD a month); p99 averages 220 ms.',
    );
    // runner-up: 120 - 110 = 10 more, 10 / 110 = 9.091%
    expect(rec.reasons).toEqual([
      'Runner-up: replicasPerCluster=20, which also meets them in 5 of 5 seeds (100%) but costs 10.00 USD more per run on average (+9.091%), 87,600.00 USD a month.',
      // p99 300 and 260 break p99<=250ms; error rate 0 never breaks its SLO
      'Cheaper candidates fall short: replicasPerCluster=0 met them in 3 of 5 seeds (60%) (broken: p99<=250ms in 2).',
    ]);
  });

  it('lowers the bar with the confidence: 60% lets the cheapest through', () => {
    const rec = pick(
      [
        [[200, 100], [300, 100], [240, 100], [260, 100], [250, 100]],
        [[200, 110], [210, 110], [220, 110], [230, 110], [240, 110]],
      ],
      0.6,
    );
    expect(rec.recommended?.point).toBe(0);
    expect(rec.runnerUp?.point).toBe(1);
  });

  it('counts 19 of 20 seeds as reaching 95%', () => {
    const ok = Array.from({ length: 20 }, (_, k): [number, number] => [k === 0 ? 400 : 200, 100]);
    expect(pick([ok]).recommended?.attainment).toBe(0.95);
  });

  it('breaks a tie in mean cost by the p95 cost, then by grid order', () => {
    const rec = pick([
      // mean 110, p95 (the larger of 2) 120
      [[100, 100], [100, 120]],
      // mean 110, p95 110
      [[100, 110], [100, 110]],
      [[100, 110], [100, 110]],
    ]);
    expect(rec.recommended?.point).toBe(1);
    expect(rec.runnerUp?.point).toBe(2);
    expect(rec.reasons[0]).toMatch(/costs the same \(110\.00 USD per run, p95 110\.00 USD\) and comes later in the grid/);
  });

  it('says plainly when no candidate meets the SLOs and names the closest', () => {
    const rec = pick([
      // 0 of 2 seeds
      [[400, 100], [500, 100]],
      // 1 of 2 seeds, shortfall of the other (300 - 250) / 250 = 0.2
      [[200, 110], [300, 110]],
      // 1 of 2 seeds, shortfall (260 - 250) / 250 = 0.04: closer
      [[240, 120], [260, 120]],
    ]);
    expect(rec.recommended).toBeNull();
    expect(rec.runnerUp).toBeNull();
    expect(rec.closest?.point).toBe(2);
    expect(rec.answer).toBe(
      'No candidate meets p99<=250ms and errorRate<=0.1% in at least 95% of seeds. Closest: replicasPerCluster=20, which met them in 1 of 2 seeds (50%) (broken: p99<=250ms in 1), ' +
        'with p99 averaging 250 ms at a mean cost of 120.00 USD per run; try wider ranges.',
    );
  });

  it('puts a candidate of unknown cost last', () => {
    const rec = pick([[[100, NaN]], [[100, 500]]]);
    expect(rec.recommended?.point).toBe(1);
  });

  it('finds the cost-p99 frontier: candidates no other beats on both', () => {
    const rec = pick([[[300, 100]], [[200, 110]], [[250, 120]], [[150, 130]]]);
    // 120 costs more than 110 and has a worse p99 than it: off the frontier
    expect(paretoFrontier(rec.candidates).map((c) => c.point)).toEqual([0, 1, 3]);
  });

  it('writes recommendation.json, .md and a self-contained .html', async () => {
    const dir = newDir();
    // fake runner: p99 = 400 - 3 x replicas + 4 x (seed mod 5); seeds 7, 8, 9 add 8, 12, 16
    // replicas 50: 250 + 8, 12, 16 -> none of the seeds meet p99<=250ms; replicas 60: 220 + ... all meet
    const plan = planSweep({ file: TINY, vary: ['overprovisioner.0.replicasPerCluster=40:70:10'], seeds: 3, sets: ['nodeGroups.0.initial=10'] });
    const out = await executeSweep(plan, { outDir: dir, runner: fakeRunner });
    const rec = recommend(plan.grid, out.rows, { slos: SLOS, confidence: 0.95, currency: 'USD' });
    const written = await writeRecommendation(dir, rec, { scenario: 'tiny', scenarioHash: plan.manifest.scenarioHash, grid: plan.grid, currency: 'USD' });
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual(['recommendation.json', 'recommendation.md', 'recommendation.html']);

    const json = JSON.parse(readFileSync(join(dir, 'recommendation.json'), 'utf8'));
    // cost 130 + (seed mod 3) / 10 over seeds 7, 8, 9 = 130.1, 130.2, 130.0; x 730 a month = 94,973
    expect(json.recommended).toEqual({ values: { 'overprovisioner.0.replicasPerCluster': 60 }, attainment: 1, costMean: 130.1, costP95: 130.2, costPerMonthMean: 94973 });
    expect(json.runnerUp.values).toEqual({ 'overprovisioner.0.replicasPerCluster': 70 });
    expect(json.candidates).toHaveLength(4);
    expect(json.candidates[0]).toMatchObject({ attainment: 0, seedsMet: 0, seeds: 3, meets: false, p99: { mean: 292, max: 296 } });
    // replicas 40: p99 over 250 -> error rate 0.2% in every seed, and 42 s of violation on average (292 - 250)
    expect(json.candidates[0]).toMatchObject({
      errorRate: { mean: 0.002, max: 0.002 },
      sloViolationSeconds: { mean: 42, min: 38, max: 46 },
      slos: [
        { text: 'p99<=250ms', seedsMet: 0 },
        { text: 'errorRate<=0.1%', seedsMet: 0 },
      ],
    });

    const md = readFileSync(join(dir, 'recommendation.md'), 'utf8');
    expect(md).toContain('Recommended: replicasPerCluster=60.');
    expect(md).toMatch(/\| 60 \| 100% \| 3\/3 \| 130\.10 \| 130\.20 \| 94973 \| .* \| \*\*recommended\*\* \|/);
    // every SLO judged has its column, and the error rate and violation time sit beside p99
    expect(md).toMatch(/\| p99 mean \(ms\) \| p99 max \| error rate mean \| error rate max \| SLO violation mean \| SLO violation max \| p99<=250ms seeds \| errorRate<=0\.1% seeds \| verdict \|/);
    expect(md).toMatch(/^\| 40 \| 0% \| .* \| 0\.2% \| 0\.2% \| 42 s \| 46 s \| 0\/3 \| 0\/3 \|  \|$/m);

    const html = readFileSync(join(dir, 'recommendation.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Recommended: replicasPerCluster=60.');
    expect(html).not.toMatch(/<script|src=|<link rel="stylesheet"|https?:\/\/(?!www\.w3\.org)/);
    expect(existsSync(join(dir, 'sweep.csv'))).toBe(true);
  });
});

describe('the runner-up sentence when two candidates cost alike', () => {
  it('says they cost the same, not "12.06 at p95 against 12.06"', () => {
    const rec = pick([
      [[200, 12.06], [210, 12.06]],
      [[150, 12.06], [150, 12.06]],
    ]);
    expect(rec.reasons[0]).toBe('Runner-up: replicasPerCluster=10, which also meets them in 2 of 2 seeds (100%) but costs the same (12.06 USD per run, p95 12.06 USD) and comes later in the grid.');
  });

  it('names the p95 when only it differs', () => {
    const rec = pick([
      [[200, 10], [210, 14]],
      [[150, 12], [150, 12]],
    ]);
    // means 12 and 12; p95 (nearest rank) 14 against 12: the steadier one is recommended
    expect(rec.recommended?.point).toBe(1);
    expect(rec.reasons[0]).toBe('Runner-up: replicasPerCluster=0, which also meets them in 2 of 2 seeds (100%) but costs the same on average but 14.00 USD at p95 against 12.00 USD.');
  });
});
