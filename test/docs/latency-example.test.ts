/**
 * docs/latency.md's example, docs/examples/skewed-service.yaml, run both ways: what the page says
 * of it holds (the same SLO verdict, the steady p99 at the service time's own 300 ms in both
 * models, the run's p99 set by the burst), and its seed table. The fluid column is run here for
 * every seed and the request-by-request model for the file's own seed (7); the other
 * request-by-request seeds take some 12 s each, so their column is the one
 * bench/skewed-service-seeds.ts printed, and the statistics and the prose's figures are checked
 * against the table as it stands.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.ts';
import { runScenario } from '../../src/run.ts';
import { SEEDS, SKEWED_SERVICE, seedStats, seedTable, shownMs, signedPct } from '../../bench/skewed-service-seeds.ts';

const doc = readFileSync(new URL('../../docs/latency.md', import.meta.url), 'utf8');
/** the page's prose with its line breaks as spaces */
const prose = doc.replace(/\s+/g, ' ');
const FILE_SEED = 7;

async function run(model: 'fluid' | 'requests', seed?: number) {
  const sets = [`serving.model=${model}`, ...(seed === undefined ? [] : [`seed=${seed}`])];
  const r = await runScenario(loadScenario(SKEWED_SERVICE, { sets }));
  // the steady minutes before the burst (it starts at 20 min): the step p99 of az-a
  const series = r.series;
  if (!series) throw new Error('expected the time series');
  const p99 = series.workloads[series.clusterNames.indexOf('az-a')][0].p99_ms;
  const steady: number[] = [];
  for (let k = 0; k < series.length; k++) if (series.timeSec[k] >= 60 && series.timeSec[k] < 1200) steady.push(p99[k]);
  const mean = steady.reduce((a, b) => a + b, 0) / steady.length;
  return { summary: r.summary, steadyP99Ms: mean };
}

/** The seed table's column `col` (1: fluid, 2: request-by-request) as the page shows it. */
function docColumn(col: number): number[] {
  const start = doc.indexOf('| seed | fluid p99, ms |');
  const rows = doc.slice(start).split('\n').slice(2, 2 + SEEDS.length);
  return rows.map((row, i) => {
    const cells = row.split('|').map((c) => c.trim());
    expect(Number(cells[1])).toBe(SEEDS[i]);
    return Number(cells[1 + col]);
  });
}

describe('docs/latency.md: the skewed service', () => {
  it('gives the same verdict in both models with the file’s seed, the steady p99 near 300 ms', async () => {
    const fluid = await run('fluid');
    const requests = await run('requests');
    expect(fluid.summary.seed).toBe(FILE_SEED);
    expect(fluid.summary.slo.met).toBe(false);
    expect(requests.summary.slo.met).toBe(false);
    expect(fluid.summary.sloViolationSeconds).toBe(3600);
    expect(requests.summary.sloViolationSeconds).toBe(3600);
    expect(Math.abs(fluid.steadyP99Ms / 300 - 1)).toBeLessThan(0.01);
    expect(Math.abs(requests.steadyP99Ms / 300 - 1)).toBeLessThan(0.03);
    // the run's p99 comes from the burst: above the steady 300 ms in both
    expect(fluid.summary.latencyMs.p99).toBeGreaterThan(330);
    expect(requests.summary.latencyMs.p99).toBeGreaterThan(330);
    // the table's row for the file's seed, both models
    expect(docColumn(1)[FILE_SEED - 1]).toBe(Number(fluid.summary.latencyMs.p99.toFixed(1)));
    expect(docColumn(2)[FILE_SEED - 1]).toBe(Number(requests.summary.latencyMs.p99.toFixed(1)));
  }, 120_000);

  it('the seed table: the fluid column as run, the statistics and the prose’s figures', async () => {
    const fluid: number[] = [];
    for (const seed of SEEDS) {
      const r = await run('fluid', seed);
      expect(r.summary.slo.met).toBe(false);
      expect(r.summary.sloViolationSeconds).toBe(3600);
      fluid.push(r.summary.latencyMs.p99);
    }
    const requests = docColumn(2);
    expect(doc).toContain(seedTable(fluid, requests));
    const f = seedStats(shownMs(fluid));
    const q = seedStats(requests);
    const standardError = q.sd / Math.sqrt(SEEDS.length);
    expect(prose).toContain(`standard deviation of ${q.sd.toFixed(1)} ms, ${Math.round((100 * q.sd) / q.mean)}% of its mean`);
    expect(prose).toContain(`about ±${((100 * standardError) / q.mean).toFixed(1)}% (one standard error, ${standardError.toFixed(1)} ms)`);
    expect(prose).toContain(`within ${signedPct(f.mean, q.mean).slice(1)} of that mean`);
    const own = shownMs(fluid)[FILE_SEED - 1];
    expect(prose).toContain(`own seed (${own.toFixed(1)} ms) within ${signedPct(own, q.mean).slice(1)}`);
    expect(prose).toContain(`spreads less (${f.sd.toFixed(1)} ms)`);
    // seed by seed within about 25%
    for (let i = 0; i < SEEDS.length; i++) expect(Math.abs(fluid[i] / requests[i] - 1)).toBeLessThan(0.25);
  }, 300_000);
});
