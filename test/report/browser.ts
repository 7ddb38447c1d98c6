/**
 * Opening a page from disk in Debian's chromium, driven by playwright-core, with the network
 * shut: every request other than the page's own file is recorded and aborted.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { MiniElement, MiniWindow } from './dom.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SKIP_REASON = `skipped: ${CHROMIUM} not found (CI installs Debian's chromium)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** URLs the page tried to reach other than its own file */
  outside: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  /** from navigation start to the load event, as the browser measured it */
  loadMs: number;
}

/** Open a file in a fresh page of a 1366×768 laptop screen, with everything else blocked. */
export async function openFile(browser: Browser, file: string): Promise<OpenedPage> {
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const opened: OpenedPage = { page, outside: [], consoleErrors: [], pageErrors: [], dialogs: [], loadMs: 0 };
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target === url) return route.continue();
    opened.outside.push(target);
    return route.abort('blockedbyclient');
  });
  page.on('console', (m) => {
    if (m.type() === 'error') opened.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => opened.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  opened.loadMs = await page.evaluate(() => {
    const nav = (globalThis as unknown as MiniWindow).performance.getEntriesByType('navigation')[0];
    return nav ? nav.loadEventEnd - nav.startTime : Number.NaN;
  });
  return opened;
}

export interface ChartMarks {
  chart: string;
  /** drawn marks (paths, lines, rects, symbols inside vega's mark groups) with a visible size */
  marks: number;
}

/** For every chart on the page, how many of its marks the browser laid out with a size. */
export function chartMarks(page: Page): Promise<ChartMarks[]> {
  return page.$$eval('figure.chart', (figures) =>
    (figures as unknown as MiniElement[]).map((f) => {
      const win = globalThis as unknown as MiniWindow;
      const shapes = Array.from(f.querySelectorAll('svg g.role-mark path, svg g.role-mark line, svg g.role-mark rect'));
      const visible = shapes.filter((s) => {
        const b = s.getBBox();
        const style = win.getComputedStyle(s);
        return (b.width > 0 || b.height > 0) && style.visibility !== 'hidden' && style.opacity !== '0' && s.getAttribute('opacity') !== '0';
      });
      return { chart: f.getAttribute('data-chart') ?? '?', marks: visible.length };
    }),
  );
}
