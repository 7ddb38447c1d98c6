/**
 * The default scenario's own report, as `npm start` writes it, opened from disk in chromium with
 * the network blocked: no outside request, no console error, every chart drawn, and the header's
 * numbers equal to summary.json. Leaves a screenshot in reports/ for a person to look at.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { loadScenario } from '../../src/scenario/index.ts';
import { runScenario } from '../../src/run.ts';
import { writeRunOutputs } from '../../src/report/outputs.ts';
import { HEADLINE_METRICS, formatMetric, metricValue } from '../../src/report/metrics.ts';
import { HAVE_CHROMIUM, SKIP_REASON, chartMarks, launchChromium, openFile, type OpenedPage } from './browser.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe.skipIf(!HAVE_CHROMIUM)(`the default scenario's report in chromium${HAVE_CHROMIUM ? '' : ` (${SKIP_REASON})`}`, () => {
  let browser: Browser;
  let dir: string;
  let opened: OpenedPage;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-default-'));
    const result = await runScenario(loadScenario(join(ROOT, 'scenarios/default.yaml')), { recordEvents: true });
    const written = await writeRunOutputs(dir, result, { wallSec: 1, report: true });
    browser = await launchChromium();
    opened = await openFile(browser, written.find((p) => p.endsWith('report.html'))!);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens offline with no console error and no request leaving the file', () => {
    expect(opened.outside).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
  });

  it('draws every chart with marks', async () => {
    const charts = await chartMarks(opened.page);
    expect(charts.length).toBeGreaterThan(10);
    for (const c of charts) expect(c.marks, c.chart).toBeGreaterThan(0);
  });

  it("shows summary.json's numbers in the header", async () => {
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const tiles = await opened.page.$$eval('.kpi', (els) =>
      els.map((e) => ({ key: e.getAttribute('data-key'), value: e.getAttribute('data-value'), text: e.querySelector('.value')?.textContent })),
    );
    expect(tiles.length).toBe(HEADLINE_METRICS.length);
    for (const def of HEADLINE_METRICS) {
      const tile = tiles.find((t) => t.key === def.path)!;
      expect(Number(tile.value), def.path).toBe(metricValue(summary, def.path));
      expect(tile.text, def.path).toBe(formatMetric(def, metricValue(summary, def.path), summary.cost.currency));
    }
  });

  it('saves a screenshot under reports/', async () => {
    const reports = join(ROOT, 'reports');
    mkdirSync(reports, { recursive: true });
    await opened.page.screenshot({ path: join(reports, 'default-report.png') });
    await opened.page.screenshot({ path: join(reports, 'default-report-full.png'), fullPage: true });
  });
});
