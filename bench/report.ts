/**
 * The report on a day of per-second samples (86,400 per cluster, four clusters: a real run of
 * bench/day-at-one-second.yaml): how long each stage of the page takes, from the run's numbers in
 * memory (`headroom run`) and from its files (`headroom report`), how big the page is, and how
 * fast chromium opens it. `node bin/run-ts.mjs bench/report.ts [run folder]` measures one folder
 * (by default that day); `benchReport()` is the same for bench/main.ts.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderCharts } from '../src/report/build.ts';
import { reportPageHtml } from '../src/report/html/report-page.ts';
import { buildReportModel } from '../src/report/model.ts';
import { writeRunOutputs } from '../src/report/outputs.ts';
import { readRun } from '../src/report/read-run.ts';
import { runDataOf } from '../src/report/run-data.ts';
import { writeFileAtomic } from '../src/report/write.ts';
import { runScenario } from '../src/run.ts';
import { loadScenario } from '../src/scenario/index.ts';

const CHROMIUM = '/usr/bin/chromium';

const DAY = fileURLToPath(new URL('./day-at-one-second.yaml', import.meta.url));

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - started)];
}

/** Milliseconds from navigation to the load event in headless chromium, or undefined without it. */
async function chromiumLoadMs(page: string): Promise<number | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    return Math.round(
      await tab.evaluate(() => {
        const nav = (globalThis as unknown as { performance: { getEntriesByType(t: string): { loadEventEnd: number; startTime: number }[] } }).performance.getEntriesByType('navigation')[0];
        return nav ? nav.loadEventEnd - nav.startTime : Number.NaN;
      }),
    );
  } finally {
    await browser.close();
  }
}

export async function benchReport(runDir?: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let dir = runDir;
  let scratch: string | undefined;
  if (!dir) {
    scratch = mkdtempSync(join(tmpdir(), 'headroom-bench-report-'));
    dir = join(scratch, 'run');
    const [result, runMs] = await timed(() => runScenario(loadScenario(DAY)));
    out['report.run_day_ms'] = runMs;
    [, out['report.write_files_ms']] = await timed(() => writeRunOutputs(dir!, result, { wallSec: 0, report: false }));
    // what `headroom run` does: the page's numbers straight from the run, no file read back
    [, out['report.from_memory_ms']] = await timed(() => runDataOf(result, dir!));
  }
  try {
    out['report.timeseries_csv_mb'] = Math.round(statSync(join(dir, 'timeseries.csv')).size / 1e5) / 10;
    // what `headroom report` does: the same numbers parsed from the folder's files
    const [run, readMs] = await timed(() => readRun(dir!));
    out['report.read_ms'] = readMs;
    const [model, modelMs] = await timed(() => buildReportModel(run));
    out['report.model_ms'] = modelMs;
    const [svgs, renderMs] = await timed(() => renderCharts(model.sections));
    out['report.render_svg_ms'] = renderMs;
    out['report.charts'] = svgs.flat().length;
    const page = join(dir, 'report.html');
    const [, writeMs] = await timed(() => writeFileAtomic(page, reportPageHtml(model, svgs)));
    out['report.page_write_ms'] = writeMs;
    out['report.total_ms'] = readMs + modelMs + renderMs + writeMs;
    out['report.page_kb'] = Math.round(statSync(page).size / 1024);
    const load = await chromiumLoadMs(page);
    if (load !== undefined) out['report.chromium_load_ms'] = load;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const results = await benchReport(process.argv[2]);
  for (const [k, v] of Object.entries(results)) process.stdout.write(`  ${k.padEnd(32)} ${v.toLocaleString('en-US')}\n`);
}
