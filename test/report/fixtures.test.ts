import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS, metricValue } from '../../src/report/metrics.ts';
import { readRun } from '../../src/report/read-run.ts';
import { KEY_NUMBERS } from '../../src/metrics/summary-types.ts';
import { FIXTURE_RUNS, FIXTURES_DIR, makeFixtureRun } from '../fixtures/runs.ts';

describe('the run folders under test/fixtures', () => {
  it.each(Object.keys(FIXTURE_RUNS))('%s is what headroom run writes for its scenario, byte for byte', async (name) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'headroom-fixture-')), name);
    await makeFixtureRun(name, dir);
    const committed = join(FIXTURES_DIR, name);
    const files = readdirSync(committed).sort();
    expect(readdirSync(dir).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), `${name}/${f} (run: npm run fixtures)`).toBe(readFileSync(join(committed, f), 'utf8'));
  });

  it('hold every key number the report and the comparison show, fleet-wide and per cluster', async () => {
    const run = await readRun(join(FIXTURES_DIR, 'run-burst-outage'));
    for (const m of METRICS.filter((d) => !d.optional)) {
      expect(metricValue(run.summary, m.path), m.path).toBeTypeOf('number');
      if (!m.fleetOnly) for (const c of run.clusters) expect(metricValue(run.summary.perCluster?.[c], m.path), `${c} ${m.path}`).toBeTypeOf('number');
    }
  });

  it('agree with themselves: requests in summary.json = the sum of arrival_rps x step over the series', async () => {
    const run = await readRun(join(FIXTURES_DIR, 'run-burst-outage'));
    let arrived = 0;
    for (const cs of run.series) for (const v of cs.columns.arrival_rps!) arrived += v * run.stepSec;
    // the CSV rounds each rate to 1/1000 req/s: 1,440 rows x 60 s x 0.0005 = 43 requests at most
    expect(Math.abs(arrived - metricValue(run.summary, 'requests.total')!)).toBeLessThan(50);
    expect(run.clusters).toEqual(['az-a', 'az-b', 'az-c', 'az-d']);
    expect(run.events.some((e) => e.type === 'outage')).toBe(true);
  });

  it('the report shows every key number the simulator defines', () => {
    for (const k of KEY_NUMBERS) expect(METRICS.map((m) => m.path), k).toContain(k);
  });
});
