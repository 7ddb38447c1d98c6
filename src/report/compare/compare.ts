/**
 * `compareRuns`: two run folders in, compare.html and compare.md out: every key number side by
 * side (fleet and per cluster) with its difference, and the two runs' charts overlaid.
 */
import { basename, join, resolve } from 'node:path';
import { renderCharts } from '../build.ts';
import { metricValue } from '../metrics.ts';
import { readRun } from '../read-run.ts';
import { runDurationSec, sloVerdict } from '../model.ts';
import type { SloVerdict } from '../model.ts';
import type { RunData } from '../types.ts';
import { writeFileAtomic } from '../write.ts';
import { fleetOverlay, nodesMax, nodesOverlay, p99Overlay, p99Range } from './charts.ts';
import type { OverlayContext } from './charts.ts';
import { clusterUnion, diffSummaries } from './diff.ts';
import { compareHtml } from './html.ts';
import type { CompareSection } from './html.ts';
import { compareMarkdown } from './markdown.ts';
import type { RunLabel } from './markdown.ts';

export interface CompareOptions {
  /** names of the two runs on the page (default: the folder names) */
  labelA?: string;
  labelB?: string;
  /** at most this many points per series in a chart (default 1000) */
  maxPointsPerSeries?: number;
}

/** Paths of the two files written. */
export interface CompareResult {
  html: string;
  markdown: string;
}

function runLabel(run: RunData, label: string | undefined, fallback: string): RunLabel {
  const s = run.summary;
  return {
    label: label ?? (basename(resolve(run.dir)) || fallback),
    dir: run.dir,
    scenario: typeof s.scenario === 'string' ? s.scenario : '—',
    seed: s.seed === undefined ? '—' : String(s.seed),
    overrides: Array.isArray(s.overrides) && s.overrides.length > 0 ? s.overrides.map(String).join(' ') : '—',
  };
}

function sections(a: RunData, b: RunData, clusters: string[], ctx: OverlayContext): CompareSection[] {
  const byName = (run: RunData, name: string) => run.series.find((cs) => cs.cluster === name);
  const both = [...a.series, ...b.series];
  if (both.length === 0) return [];
  const slo = metricValue(a.summary, 'slo.latencyP99Ms') ?? metricValue(b.summary, 'slo.latencyP99Ms');
  const range = p99Range(both, slo);
  const nMax = nodesMax(both);
  const out: CompareSection[] = [
    {
      id: 'p99',
      title: 'p99 latency per cluster',
      note: 'Each step’s p99 of served requests, A against B, on a log scale.',
      wide: false,
      charts: clusters.map((c) => ({ title: c, spec: p99Overlay(ctx, byName(a, c), byName(b, c), range, slo) })),
    },
    {
      id: 'nodes',
      title: 'Nodes Ready per cluster',
      note: 'Ready nodes over time, A against B.',
      wide: false,
      charts: clusters.map((c) => ({ title: c, spec: nodesOverlay(ctx, byName(a, c), byName(b, c), nMax) })),
    },
  ];
  const fleetNodes = fleetOverlay(ctx, a.series, b.series, 'nodes_ready', 'nodes Ready', ',d');
  const fleetCost = fleetOverlay(ctx, a.series, b.series, 'cost_per_hour', `cost per hour (${ctx.currency ?? 'USD'})`, ',~r');
  const fleet = [
    ...(fleetNodes ? [{ title: 'Nodes Ready, whole fleet', spec: fleetNodes }] : []),
    ...(fleetCost ? [{ title: 'Cost per hour, whole fleet', spec: fleetCost }] : []),
  ];
  if (fleet.length > 0) out.push({ id: 'fleet', title: 'Whole fleet', note: 'Summed over clusters, A against B.', wide: true, charts: fleet });
  return out;
}

export async function compareRuns(runA: string, runB: string, outDir: string, opts: CompareOptions = {}): Promise<CompareResult> {
  const [a, b] = await Promise.all([readRun(runA), readRun(runB)]);
  const la = runLabel(a, opts.labelA, 'A');
  const lb = runLabel(b, opts.labelB, 'B');
  if (la.label === lb.label && !opts.labelA && !opts.labelB) {
    la.label = `A (${la.label})`;
    lb.label = `B (${lb.label})`;
  }
  const clusters = clusterUnion(a.summary, b.summary, a.clusters, b.clusters);
  const scopes = diffSummaries(a.summary, b.summary, clusters);
  const currency = typeof a.summary.cost?.currency === 'string' ? a.summary.cost.currency : 'USD';
  const ctx: OverlayContext = { endSec: Math.max(runDurationSec(a), runDurationSec(b)), maxPoints: opts.maxPointsPerSeries ?? 1000, currency };
  const secs = sections(a, b, clusters, ctx);
  const svgs = await renderCharts(secs, 'k');
  const htmlPath = join(outDir, 'compare.html');
  const mdPath = join(outDir, 'compare.md');
  const verdicts: [SloVerdict, SloVerdict] = [sloVerdict(a.summary), sloVerdict(b.summary)];
  writeFileAtomic(htmlPath, compareHtml(la, lb, verdicts, scopes, secs, svgs, currency));
  writeFileAtomic(mdPath, compareMarkdown(la, lb, verdicts, scopes, currency));
  return { html: htmlPath, markdown: mdPath };
}
