import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildReport, compareRuns } from '../../src/report/index.ts';
import { HEADLINE_METRICS, formatMetric, metricValue } from '../../src/report/metrics.ts';
import { HAVE_CHROMIUM, SKIP_REASON, chartMarks, launchChromium, openFile } from './browser.ts';
import type { OpenedPage } from './browser.ts';
import { XSS_CLUSTER, XSS_SCENARIO, XSS_WORKLOAD } from '../fixtures/runs.ts';
import { copyFixture } from './helpers.ts';
import type { MiniWindow } from './dom.ts';

const REPORTS = fileURLToPath(new URL('../../reports/', import.meta.url));

describe.skipIf(!HAVE_CHROMIUM)(`report pages in chromium${HAVE_CHROMIUM ? '' : ` (${SKIP_REASON})`}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('the burst-and-outage run', () => {
    let dir: string;
    let opened: OpenedPage;
    beforeAll(async () => {
      dir = copyFixture('run-burst-outage');
      opened = await openFile(browser, await buildReport(dir));
    });

    it('opens offline: no request leaves the file, no console error, nothing thrown', () => {
      expect(opened.outside).toEqual([]);
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    });

    it('draws every chart with marks', async () => {
      const charts = await chartMarks(opened.page);
      expect(charts.length).toBe(30);
      for (const c of charts) expect(c.marks, c.chart).toBeGreaterThan(0);
    });

    it('shows the header numbers of summary.json', async () => {
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
      const tiles = await opened.page.$$eval('.kpi', (els) =>
        els.map((e) => ({ key: e.getAttribute('data-key'), value: e.getAttribute('data-value'), text: e.querySelector('.value')?.textContent })),
      );
      expect(tiles.map((t) => t.key)).toEqual(HEADLINE_METRICS.map((m) => m.path));
      for (const def of HEADLINE_METRICS) {
        const tile = tiles.find((t) => t.key === def.path)!;
        expect(Number(tile.value), def.path).toBe(metricValue(summary, def.path));
        expect(tile.text, def.path).toBe(formatMetric(def, metricValue(summary, def.path), 'USD'));
      }
    });

    it('fits a laptop screen: no horizontal scroll, four cluster panels a row', async () => {
      const layout = await opened.page.evaluate(() => {
        const { document } = globalThis as unknown as MiniWindow;
        const tops = Array.from(document.querySelectorAll('#traffic figure')).map((f) => Math.round(f.getBoundingClientRect().top));
        return { scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, tops };
      });
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      expect(new Set(layout.tops).size).toBe(1);
    });

    it('saves screenshots for a person to look at', async () => {
      mkdirSync(REPORTS, { recursive: true });
      await opened.page.screenshot({ path: join(REPORTS, 'report-screenshot.png') });
      await opened.page.screenshot({ path: join(REPORTS, 'report-screenshot-full.png'), fullPage: true });
    });
  });

  it('runs nothing from hostile names and shows them as text', async () => {
    const o = await openFile(browser, await buildReport(copyFixture('run-xss')));
    expect(o.dialogs).toEqual([]);
    expect(o.consoleErrors).toEqual([]);
    expect(o.outside).toEqual([]);
    const seen = await o.page.evaluate(() => {
      const { document } = globalThis as unknown as MiniWindow;
      return {
      images: document.querySelectorAll('img').length,
      scripts: Array.from(document.scripts).map((s) => s.type),
      h1: document.querySelector('h1')?.textContent,
      captions: Array.from(document.querySelectorAll('figcaption')).map((f) => f.textContent),
      workloads: Array.from(document.querySelectorAll('#workloads td.name')).map((td) => td.textContent),
      };
    });
    expect(seen.images).toBe(0);
    expect(seen.scripts).toEqual(['application/json']);
    expect(seen.h1).toBe(`headroom run${XSS_SCENARIO}`);
    expect(seen.captions).toContain(XSS_CLUSTER);
    expect(seen.workloads).toContain(XSS_WORKLOAD);
  });

  it('opens the comparison page offline with every chart drawn', async () => {
    const out = copyFixture('run-burst-outage-lean');
    const { html } = await compareRuns([copyFixture('run-burst-outage'), out], out);
    const o = await openFile(browser, html);
    expect(o.outside).toEqual([]);
    expect(o.consoleErrors).toEqual([]);
    const charts = await chartMarks(o.page);
    // p99 and nodes for 4 clusters, fleet nodes and cost
    expect(charts.length).toBe(10);
    for (const c of charts) expect(c.marks, c.chart).toBeGreaterThan(0);
    await o.page.screenshot({ path: join(REPORTS, 'compare-screenshot.png') });
  });
});
