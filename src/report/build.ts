/**
 * `buildReport`: a run folder in, report.html out. The pipeline reads the run's files, builds
 * the report model (numbers, annotations, vega-lite specs), renders every spec to SVG and writes
 * one self-contained page atomically.
 */
import { join } from 'node:path';
import { escapeHtml } from './escape.ts';
import { renderSvg } from './charts/render-svg.ts';
import { reportPageHtml } from './html/report-page.ts';
import { buildReportModel } from './model.ts';
import type { ModelOptions } from './model.ts';
import type { Chart } from './sections/types.ts';
import { readRun } from './read-run.ts';
import type { RunData } from './types.ts';
import { writeFileAtomic } from './write.ts';

export interface ReportOptions extends ModelOptions {
  /** where to write the page (default: report.html in the run folder) */
  outFile?: string;
}

/** Render sections' charts to SVG, section by section; idPrefix keeps ids unique in a page. */
export async function renderCharts(sections: readonly { title: string; charts: Chart[] }[], idPrefix = 'c'): Promise<string[][]> {
  const out: string[][] = [];
  for (const [si, s] of sections.entries()) {
    const row: string[] = [];
    for (const [ci, c] of s.charts.entries()) {
      row.push((await renderSvg(c.spec, `${idPrefix}${si}-${ci}`, escapeHtml(`${s.title}: ${c.title}`))).svg);
    }
    out.push(row);
  }
  return out;
}

/** The page's HTML for run data already read. */
export async function reportHtml(run: RunData, opts: ModelOptions = {}): Promise<string> {
  const model = buildReportModel(run, opts);
  return reportPageHtml(model, await renderCharts(model.sections));
}

/** Write report.html for the run in runDir; returns the page's path. */
export async function buildReport(runDir: string, opts: ReportOptions = {}): Promise<string> {
  const run = await readRun(runDir);
  const html = await reportHtml(run, opts);
  const out = opts.outFile ?? join(runDir, 'report.html');
  writeFileAtomic(out, html);
  return out;
}
