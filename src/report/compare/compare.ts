/**
 * `compareRuns`: run folders in, compare.html and compare.md out: every key number side by side
 * (fleet and per cluster) with each later run's difference from the first, and the runs' charts
 * overlaid.
 */
import { basename, join, resolve } from 'node:path';
import { renderCharts } from '../build.ts';
import { metricValue } from '../metrics.ts';
import { readRun } from '../read-run.ts';
import { runDurationSec, sloVerdict } from '../model.ts';
import type { RunData } from '../types.ts';
import { writeFileAtomic } from '../write.ts';
import { fleetOverlay, nodesMax, nodesOverlay, p99Overlay, p99Range, runKey } from './charts.ts';
import type { OverlayContext } from './charts.ts';
import { clusterUnion, diffRuns } from './diff.ts';
import { compareHtml } from './html.ts';
import type { CompareSection } from './html.ts';
import { compareMarkdown } from './markdown.ts';
import type { RunLabel } from './markdown.ts';

export interface CompareOptions {
  /** names of the runs on the page, in order (default: the folder names) */
  labels?: readonly string[];
  /** at most this many points per series in a chart (default 1000) */
  maxPointsPerSeries?: number;
}

/** Paths of the two files written. */
export interface CompareResult {
  html: string;
  markdown: string;
}

function runLabel(run: RunData, i: number, label: string | undefined): RunLabel {
  const s = run.summary;
  const key = runKey(i);
  return {
    key,
    label: label ?? (basename(resolve(run.dir)) || key),
    dir: run.dir,
    scenario: typeof s.scenario === 'string' ? s.scenario : '—',
    seed: s.seed === undefined ? '—' : String(s.seed),
    overrides: Array.isArray(s.overrides) && s.overrides.length > 0 ? s.overrides.map(String).join(' ') : '—',
  };
}

function sections(runs: RunData[], clusters: string[], ctx: OverlayContext): CompareSection[] {
  const all = runs.flatMap((r) => r.series);
  if (all.length === 0) return [];
  const byName = (name: string) => runs.map((run) => run.series.find((cs) => cs.cluster === name));
  const slo = runs.map((r) => metricValue(r.summary, 'slo.latencyP99Ms')).find((v) => v !== undefined);
  const range = p99Range(all, slo);
  const nMax = nodesMax(all);
  const against = runs.length === 2 ? 'A against B' : 'run by run';
  const out: CompareSection[] = [
    {
      id: 'p99',
      title: 'p99 latency per cluster',
      note: `Each step’s p99 of served requests, ${against}, on a log scale.`,
      wide: false,
      charts: clusters.map((c) => ({ title: c, spec: p99Overlay(ctx, byName(c), range, slo) })),
    },
    {
      id: 'nodes',
      title: 'Nodes Ready per cluster',
      note: `Ready nodes over time, ${against}.`,
      wide: false,
      charts: clusters.map((c) => ({ title: c, spec: nodesOverlay(ctx, byName(c), nMax) })),
    },
  ];
  const series = runs.map((r) => r.series);
  const fleetNodes = fleetOverlay(ctx, series, 'nodes_ready', 'nodes Ready', ',d');
  const fleetCost = fleetOverlay(ctx, series, 'cost_per_hour', `cost per hour (${ctx.currency ?? 'USD'})`, ',~r');
  const fleet = [
    ...(fleetNodes ? [{ title: 'Nodes Ready, whole fleet', spec: fleetNodes }] : []),
    ...(fleetCost ? [{ title: 'Cost per hour, whole fleet', spec: fleetCost }] : []),
  ];
  if (fleet.length > 0) out.push({ id: 'fleet', title: 'Whole fleet', note: `Summed over clusters, ${against}.`, wide: true, charts: fleet });
  return out;
}

/** Two or more run folders in, compare.html and compare.md out; later runs are judged against the first. */
export async function compareRuns(dirs: readonly string[], outDir: string, opts: CompareOptions = {}): Promise<CompareResult> {
  const runs = await Promise.all(dirs.map((d) => readRun(d)));
  const labels = runs.map((run, i) => runLabel(run, i, opts.labels?.[i]));
  // Two folders of one name (runs/x and other/x): the key tells them apart.
  if (!opts.labels && new Set(labels.map((l) => l.label)).size < labels.length) for (const l of labels) l.label = `${l.key} (${l.label})`;
  const clusters = clusterUnion(runs.map((r) => ({ summary: r.summary, clusters: r.clusters })));
  const scopes = diffRuns(
    runs.map((r) => r.summary),
    clusters,
  );
  const currency = typeof runs[0].summary.cost?.currency === 'string' ? runs[0].summary.cost.currency : 'USD';
  const ctx: OverlayContext = { endSec: Math.max(...runs.map(runDurationSec)), maxPoints: opts.maxPointsPerSeries ?? 1000, currency };
  const secs = sections(runs, clusters, ctx);
  const svgs = await renderCharts(secs, 'k');
  const htmlPath = join(outDir, 'compare.html');
  const mdPath = join(outDir, 'compare.md');
  const verdicts = runs.map((r) => sloVerdict(r.summary));
  writeFileAtomic(htmlPath, compareHtml(labels, verdicts, scopes, secs, svgs, currency));
  writeFileAtomic(mdPath, compareMarkdown(labels, verdicts, scopes, currency));
  return { html: htmlPath, markdown: mdPath };
}
