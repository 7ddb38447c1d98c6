import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport } from '../../src/report/index.ts';
import { writeRunOutputs } from '../../src/report/outputs.ts';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { HAVE_CHROMIUM, SKIP_REASON, chartMarks, launchChromium, openFile } from './browser.ts';

/**
 * A day at 1 s steps (bench/day-at-one-second.yaml): 86,400 samples per cluster for 4 clusters.
 * The page must stay under 5 MB (the charts down-sample, the numbers do not) and open in under 3 s.
 */
const DAY = fileURLToPath(new URL('../../bench/day-at-one-second.yaml', import.meta.url));

describe('a day of per-second samples', () => {
  let root: string;
  let page: string;
  let buildMs: number;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'headroom-day-'));
    await writeRunOutputs(join(root, 'run'), await runScenario(loadScenario(DAY)), { wallSec: 0, report: false });
    const started = performance.now();
    page = await buildReport(join(root, 'run'));
    buildMs = performance.now() - started;
  }, 300_000);
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
