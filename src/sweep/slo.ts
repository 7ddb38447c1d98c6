/**
 * SLO expressions for `headroom recommend`: `p99<=250ms`, `errorRate<=0.1%`, `cost<=120`,
 * `costPerMonth<=9000`, or any number a sweep keeps, by its path (`pods.maxPending<20`,
 * `binPacking.cpuRequestedShare>=60%`). Latency
 * takes ms or s (a bare number is ms), shares take % or a fraction, seconds take a duration.
 */
import { HeadroomError } from '../errors.ts';
import { parseDurationSec, parseRatio } from '../quantity.ts';
import { didYouMean, type Scenario } from '../scenario/index.ts';
import { METRIC_COLUMNS, metricOf, type RunMetrics } from './metrics.ts';

export type SloOp = '<=' | '<' | '>=' | '>';

export interface Slo {
  /** as written (or built from the scenario's slo) */
  text: string;
  /** a key number path */
  metric: string;
  op: SloOp;
  /** in the metric's own unit (ms, fraction, seconds, money) */
  threshold: number;
}

export const SLO_ALIASES: Readonly<Record<string, string>> = {
  p50: 'latencyMs.p50',
  p95: 'latencyMs.p95',
  p99: 'latencyMs.p99',
  mean: 'latencyMs.mean',
  max: 'latencyMs.max',
  errorRate: 'requests.errorRate',
  cost: 'cost.total',
  costPerMonth: 'cost.perMonth',
  // judging by violation time (an error budget) rather than by the whole run's percentile
  violation: 'sloViolationSeconds',
};

const EXPR = /^\s*([A-Za-z][\w.]*)\s*(<=|<|>=|>)\s*(\S.*?)\s*$/;

export function parseSlo(text: string): Slo {
  const m = EXPR.exec(text);
  if (!m) throw usage(text, 'expected metric<=value, e.g. p99<=250ms or errorRate<=0.1%');
  const [, name, op, valueText] = m;
  const metric = SLO_ALIASES[name] ?? name;
  if (!METRIC_COLUMNS.includes(metric)) {
    const known = [...Object.keys(SLO_ALIASES), ...METRIC_COLUMNS];
    throw usage(text, `unknown metric "${name}"${didYouMean(name, known)} (use p50, p95, p99, mean, max, errorRate, cost, costPerMonth, violation, or a key number such as pods.maxPending)`);
  }
  let threshold: number;
  try {
    threshold = readThreshold(metric, valueText);
  } catch (e) {
    if (e instanceof HeadroomError) throw usage(text, e.message);
    throw e;
  }
  return { text: text.trim(), metric, op: op as SloOp, threshold };
}

function readThreshold(metric: string, text: string): number {
  if (metric.startsWith('latencyMs.')) {
    if (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number(text);
    return Math.round(parseDurationSec(text, 'the latency') * 1e9) / 1e6;
  }
  if (metric === 'requests.errorRate' || metric.startsWith('binPacking.')) return parseRatio(text, 'the share');
  if (/Seconds|P95S$/.test(metric)) return parseDurationSec(text, 'the time');
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw new HeadroomError('usage', `"${text}" is not a number`);
  return n;
}

/** The scenario's own `slo:` (p99 and error rate), used when no --slo is given. */
export function scenarioSlos(scenario: Scenario): Slo[] {
  const ms = Math.round(scenario.slo.latencyP99Sec * 1e6) / 1e3;
  const pct = Number((scenario.slo.errorRate * 100).toPrecision(6));
  return [
    { text: `p99<=${ms}ms`, metric: 'latencyMs.p99', op: '<=', threshold: ms },
    { text: `errorRate<=${pct}%`, metric: 'requests.errorRate', op: '<=', threshold: scenario.slo.errorRate },
  ];
}

/** A missing or non-finite number never meets an SLO. */
export function sloMet(slo: Slo, metrics: RunMetrics): boolean {
  const v = metricOf(metrics, slo.metric);
  if (!Number.isFinite(v)) return false;
  switch (slo.op) {
    case '<=':
      return v <= slo.threshold;
    case '<':
      return v < slo.threshold;
    case '>=':
      return v >= slo.threshold;
    case '>':
      return v > slo.threshold;
  }
}

/**
 * How far a run is from meeting the SLO, relative to the threshold (0 when met): 0.2 means 20%
 * past it. Ranks the candidates when none meets the SLOs.
 */
export function sloShortfall(slo: Slo, metrics: RunMetrics): number {
  const v = metricOf(metrics, slo.metric);
  if (!Number.isFinite(v)) return Infinity;
  if (sloMet(slo, metrics)) return 0;
  const scale = Math.max(Math.abs(slo.threshold), 1e-9);
  return Math.abs(v - slo.threshold) / scale;
}

function usage(text: string, message: string): HeadroomError {
  return new HeadroomError('usage', `--slo ${text}: ${message}`);
}
