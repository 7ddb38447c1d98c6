import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, generateFixtureRun } from '../../src/report/index.ts';
import { HAVE_CHROMIUM, SKIP_REASON, chartMarks, launchChromium, openFile } from './browser.ts';

/**
 * A day at 1 s steps: 86,400 samples per cluster for 4 clusters, two workloads. The page must
 * stay under 5 MB (the charts down-sample, the numbers do not) and open in under 3 s.
 */
const DAY = {
  name: 'day-at-one-second',
  durationSec: 86_400,
  stepSec: 1,
  podEvents: false,
  bursts: [
    { atSec: 3_600, factor: 4, riseSec: 60, holdSec: 600, fallSec: 300 },
    { atSec: 13 * 3_600, factor: 3, riseSec: 30, holdSec: 900, fallSec: 600 },
  ],
  outages: [{ cluster: 'az-c', atSec: 18 * 3_600, forSec: 1_800, detectionSec: 30, shiftOverSec: 60 }],
};

describe('a day of per-second samples', () => {
  let root: string;
  let page: string;
  let buildMs: number;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'headroom-day-'));
    await generateFixtureRun(join(root, 'run'), DAY);
    const started = performance.now();
    page = await buildReport(join(root, 'run'));
    buildMs = performance.now() - started;
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives a page under 5 MB from 86,400 samples per cluster', () => {
    const bytes = statSync(page).size;
    const csvBytes = statSync(join(root, 'run', 'timeseries.csv')).size;
    process.stderr.write(`day at 1 s: timeseries.csv ${(csvBytes / 1e6).toFixed(1)} MB -> report.html ${(bytes / 1e6).toFixed(2)} MB in ${Math.round(buildMs)} ms\n`);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });

  it.skipIf(!HAVE_CHROMIUM)(`opens in chromium in under 3 s with every chart drawn${HAVE_CHROMIUM ? '' : ` (${SKIP_REASON})`}`, async () => {
    const browser = await launchChromium();
    try {
      const o = await openFile(browser, page);
      process.stderr.write(`day at 1 s: load event after ${Math.round(o.loadMs)} ms\n`);
      expect(o.loadMs).toBeLessThan(3000);
      expect(o.outside).toEqual([]);
      expect(o.consoleErrors).toEqual([]);
      const charts = await chartMarks(o.page);
      expect(charts.length).toBeGreaterThanOrEqual(24);
      for (const c of charts) expect(c.marks, c.chart).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });
});
