/**
 * What a sweep keeps of a run: every key number of its summary, by dotted path. A number the
 * summary lacks (or that is not finite) is null, so it survives JSON and reads as an empty CSV field.
 */
import { KEY_NUMBERS, keyNumber, type ClusterSummary } from '../metrics/summary-types.ts';

export type RunMetrics = Record<string, number | null>;

/**
 * The key numbers, then the cost as rates: not key numbers (a check holds cost.total, and these
 * follow from it and the duration), but what a planner compares candidates by.
 */
export const METRIC_COLUMNS: readonly string[] = [...KEY_NUMBERS, 'cost.perHour', 'cost.perMonth', 'cost.headroomPerMonth'];

export function pickMetrics(summary: ClusterSummary): RunMetrics {
  const out: RunMetrics = {};
  for (const key of METRIC_COLUMNS) {
    const v = keyNumber(summary, key);
    out[key] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/** A metric as a number (NaN when missing), for arithmetic. */
export function metricOf(metrics: RunMetrics, key: string): number {
  const v = metrics[key];
  return typeof v === 'number' ? v : NaN;
}
