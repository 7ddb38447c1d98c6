/**
 * Two-axis recommendations: the frontier (for each value of the second axis, the smallest value of
 * the first that meets the SLOs, with its cost), in recommendation.json, .md and .html; and
 * `--search` beside a `--vary`, which bisects once per value of the other axis and finds the same
 * frontier as a grid of every value.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../src/scenario/index.ts';
import { executeSweep, parseSearch, parseSlo, planSweep, recommend, searchRecommendation, writeRecommendation, type CellRunner } from '../../src/sweep/index.ts';
import { frontierOf } from '../../src/sweep/frontier.ts';
import { makeGrid } from '../../src/sweep/grid.ts';
import { parseVary } from '../../src/sweep/vary.ts';
import type { Candidate } from '../../src/sweep/recommend.ts';
import { fakeMetrics } from './fixtures/fake-runner.ts';
import { tempDirs, TINY } from './fixtures/tmp.ts';

const newDir = tempDirs();
const SLOS = [parseSlo('p99<=250ms')];
const REPLICAS = 'overprovisioner.0.replicasPerCluster';
const TARGET = 'workloads.0.hpa.targetCPUUtilization';

const targetOf = (s: Scenario) => (s.workloads[0].hpa as unknown as { targetCPUUtilization: number }).targetCPUUtilization;
/** the fake runner's numbers, with a hotter HPA target needing more headroom: +2 ms of p99 a point over 60 */
const runner: CellRunner = async (s) => {
  const m = fakeMetrics(s);
  m['latencyMs.p99'] = (m['latencyMs.p99'] ?? 0) + 2 * (targetOf(s) - 60);
  return m;
};
/** the smallest replicas whose every seed (7, 8) meets p99 <= 250: 400 − 3r + 4 (seed mod 5) + 2 (t − 60) <= 250 */
const smallest = (t: number) => {
  for (let r = 0; r <= 60; r++) if ([7, 8].every((seed) => 400 - 3 * r + 4 * (seed % 5) + 2 * (t - 60) <= 250)) return r;
  return null;
};

describe('frontierOf', () => {
  const cand = (point: number, qualifies: boolean): Candidate => ({ point, qualifies, attainment: qualifies ? 1 : 0, costMean: point, costPerMonthMean: point * 730, p99: { mean: 1, p95: 1, min: 1, max: 1 } }) as Candidate;

  it('takes the lowest number of the first axis that meets, whatever the order given', () => {
    const grid = makeGrid([parseVary(`${REPLICAS}=30,10,20`), parseVary('clusterAutoscaler.expander=random,price')], 1, 1);
    // points: a × 2 + b; 30 meets for both, 10 for random only, 20 for price only
    const f = frontierOf(grid, [cand(0, true), cand(1, true), cand(2, true), cand(3, false), cand(4, false), cand(5, true)])!;
    expect(f.path).toBe(REPLICAS);
    expect(f.by).toBe('clusterAutoscaler.expander');
    expect(f.rows.map((r) => [r.by, r.value, r.costPerMonthMean])).toEqual([
      ['random', 10, 2 * 730],
      ['price', 20, 5 * 730],
    ]);
  });

  it('takes the first in the order given when the first axis is not numeric, and null when nothing meets', () => {
    const grid = makeGrid([parseVary('clusterAutoscaler.expander=price,random'), parseVary(`${REPLICAS}=0,10`)], 1, 1);
    const f = frontierOf(grid, [cand(0, false), cand(1, true), cand(2, false), cand(3, true)])!;
    expect(f.rows.map((r) => [r.by, r.value])).toEqual([
      [0, null],
      [10, 'price'],
    ]);
    expect(f.rows[0]).toMatchObject({ attainment: null, costMean: null, costPerMonthMean: null, p99Mean: null });
  });

  it('is only for two axes', () => {
    expect(frontierOf(makeGrid([parseVary(`${REPLICAS}=0,10`)], 1, 1), [])).toBeUndefined();
  });
});

describe('recommend over two axes', () => {
  const targets = [40, 50, 60];

  it('a grid gives the frontier, written to all three files', async () => {
    const plan = planSweep({ file: TINY, vary: [`${REPLICAS}=0:60:5`, `${TARGET}=${targets.join(',')}`], seeds: 2 });
    const dir = newDir();
    const out = await executeSweep(plan, { outDir: dir, runner, concurrency: 2 });
    const rec = recommend(plan.grid, out.rows, { slos: SLOS, confidence: 1, currency: 'USD' });
    // the grid steps by 5: the smallest multiple of 5 at or above the exact smallest
    expect(rec.frontier!.rows.map((r) => [r.by, r.value])).toEqual(targets.map((t) => [t, Math.ceil(smallest(t)! / 5) * 5]));
    const info = { scenario: 'tiny', scenarioHash: plan.manifest.scenarioHash, grid: plan.grid, currency: 'USD' };
    await writeRecommendation(dir, rec, info);
    const json = JSON.parse(readFileSync(join(dir, 'recommendation.json'), 'utf8'));
    expect(json.frontier).toEqual(JSON.parse(JSON.stringify(rec.frontier)));
    expect(json.frontier.rows[0]).toEqual({
      by: 40,
      value: rec.frontier!.rows[0].value,
      attainment: 1,
      costMean: rec.frontier!.rows[0].costMean,
      costPerMonthMean: rec.frontier!.rows[0].costPerMonthMean,
      p99Mean: rec.frontier!.rows[0].p99Mean,
    });
    const md = readFileSync(join(dir, 'recommendation.md'), 'utf8');
    expect(md).toContain('## Smallest replicasPerCluster for each targetCPUUtilization\n');
    const r40 = rec.frontier!.rows[0];
    expect(md).toContain(`| 40 | ${r40.value} | 100% | ${r40.costMean!.toFixed(2)} | ${Math.round(r40.costPerMonthMean!).toLocaleString('en-US')} |`);
    const html = readFileSync(join(dir, 'recommendation.html'), 'utf8');
    const card = html.slice(html.indexOf('<section class="card" id="frontier">'));
    expect(card).toContain('<svg');
    expect(card).toContain(`${Math.round(r40.costPerMonthMean!).toLocaleString('en-US')} USD/month`);
  });

  it('--search beside --vary bisects for each value and finds the exact smallest, in fewer runs than the grid', async () => {
    const search = parseSearch(`${REPLICAS}=0:60`);
    const plan = planSweep({ file: TINY, vary: [`${REPLICAS}=${search.axis.spec}`, `${TARGET}=${targets.join(',')}`], seeds: 2 });
    const dir = newDir();
    const rec = (await searchRecommendation(plan, search, (cells) => executeSweep(plan, { outDir: dir, runner, concurrency: 2, cells }), {
      slos: SLOS,
      confidence: 1,
      currency: 'USD',
    }))!;
    expect(rec.frontier!.rows.map((r) => [r.by, r.value])).toEqual(targets.map((t) => [t, smallest(t)]));
    const s = rec.searched!;
    expect(s.by).toBe(TARGET);
    expect(s.exhaustiveRuns).toBe(61 * 3 * 2);
    expect(s.runs).toBe(s.probes.length * 2);
    expect(s.runs).toBeLessThan(s.exhaustiveRuns / 5);
    // every probe is at one of the target values, and each value's answer sits right above a probe that failed
    for (const t of targets) {
      const mine = s.probes.filter((p) => p.by === t);
      expect(mine.find((p) => p.value === smallest(t))?.meets).toBe(true);
      expect(mine.find((p) => p.value === smallest(t)! - 1)?.meets).toBe(false);
    }
    // the value is the recommendation's: the cheapest that meets is at the coolest target (fewest placeholders)
    expect(s.value).toBe(rec.recommended!.values[REPLICAS]);
  });
});
