/**
 * The cost–p99 chart of a recommendation as a vega-lite spec (plain JSON): one point per
 * candidate (mean cost, mean p99) with a bar from its best to its worst seed, the Pareto frontier
 * (candidates no other beats on both cost and p99) as a line, and the p99 SLO as a rule.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from '../report/charts/theme.ts';
import { P99_METRIC, type Candidate, type Recommendation } from './recommend.ts';

export const STATUS = { recommended: 'recommended', meets: 'meets the SLOs', misses: 'falls short' } as const;
const STATUS_COLORS = ['#2b8a3e', '#3366b0', '#d62728'];
const MAX_LABELS = 30;

/** Candidates on the cost–p99 Pareto frontier, cheapest first. */
export function paretoFrontier(candidates: readonly Candidate[]): Candidate[] {
  const known = candidates.filter((c) => Number.isFinite(c.costMean) && Number.isFinite(c.p99.mean));
  const sorted = [...known].sort((a, b) => a.costMean - b.costMean || a.p99.mean - b.p99.mean || a.point - b.point);
  const out: Candidate[] = [];
  let bestP99 = Infinity;
  for (const c of sorted) {
    if (c.p99.mean < bestP99) {
      out.push(c);
      bestP99 = c.p99.mean;
    }
  }
  return out;
}

export function frontierSpec(rec: Recommendation, currency: string): TopLevelSpec {
  const frontier = new Set(paretoFrontier(rec.candidates));
  const rows = rec.candidates
    .filter((c) => Number.isFinite(c.costMean) && Number.isFinite(c.p99.mean))
    .map((c) => ({
      label: c.label,
      cost: c.costMean,
      p99: c.p99.mean,
      p99Lo: c.p99.min,
      p99Hi: c.p99.max,
      status: c === rec.recommended ? STATUS.recommended : c.qualifies ? STATUS.meets : STATUS.misses,
      frontier: frontier.has(c),
    }));
  const x = { field: 'cost', type: 'quantitative', scale: { zero: false, nice: true }, axis: { title: `mean cost per run (${currency})`, grid: true } };
  const y = { field: 'p99', type: 'quantitative', scale: { zero: false, nice: true }, axis: { title: 'p99 latency, mean over seeds (ms)', grid: true } };
  const layers: Record<string, unknown>[] = [
    { mark: { type: 'rule', color: '#c9ced6' }, encoding: { x, y: { ...y, field: 'p99Lo' }, y2: { field: 'p99Hi' } } },
    {
      transform: [{ filter: 'datum.frontier' }],
      mark: { type: 'line', color: '#6e7781', strokeDash: [4, 3], point: false },
      encoding: { x, y, order: { field: 'cost', type: 'quantitative' } },
    },
    {
      mark: { type: 'point', filled: true, opacity: 1 },
      encoding: {
        x,
        y,
        size: { condition: { test: `datum.status === '${STATUS.recommended}'`, value: 150 }, value: 60 },
        color: {
          field: 'status',
          type: 'nominal',
          scale: { domain: Object.values(STATUS), range: STATUS_COLORS },
          legend: { title: null, orient: 'bottom' },
        },
      },
    },
  ];
  // Past a few dozen points the labels would pile up; the table below the chart names them all.
  if (rows.length <= MAX_LABELS) {
    layers.push({
      mark: { type: 'text', align: 'left', dx: 7, dy: -6, fontSize: 10, color: '#57606a' },
      encoding: { x, y, text: { field: 'label' } },
    });
  }
  const p99Slo = rec.slos.find((s) => s.metric === P99_METRIC);
  if (p99Slo) {
    layers.push({
      data: { values: [{ slo: p99Slo.threshold, text: `SLO ${p99Slo.text}` }] },
      layer: [
        { mark: { type: 'rule', color: COLORS.slo, strokeDash: [6, 4] }, encoding: { y: { field: 'slo', type: 'quantitative' } } },
        {
          mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, x: 'width', fontSize: 10, color: COLORS.slo },
          encoding: { y: { field: 'slo', type: 'quantitative' }, text: { field: 'text' } },
        },
      ],
    });
  }
  return {
    width: 680,
    height: 380,
    config: CHART_CONFIG,
    data: { values: rows },
    layer: layers,
  } as unknown as TopLevelSpec;
}
