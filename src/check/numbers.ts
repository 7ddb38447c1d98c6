/** summary.json -> the flat key numbers a baseline keeps and a check compares. */
import { KEY_NUMBERS, keyNumber, type ClusterSummary, type Summary } from '../metrics/summary-types.ts';
import type { Numbers, RunNumbers } from './types.ts';

export function clusterNumbers(summary: ClusterSummary): Numbers {
  const out: Numbers = {};
  for (const key of KEY_NUMBERS) {
    const v = keyNumber(summary, key);
    // JSON has no NaN or Infinity; a number the summary lacks is left out and reported as missing
    if (Number.isFinite(v)) out[key] = v;
  }
  return out;
}

export function runNumbers(summary: Summary): RunNumbers {
  const perCluster: Record<string, Numbers> = {};
  for (const name of Object.keys(summary.perCluster).sort()) perCluster[name] = clusterNumbers(summary.perCluster[name]);
  return {
    seed: summary.seed,
    numbers: clusterNumbers(summary),
    perCluster,
    slo: { latencyP99Ms: summary.slo.latencyP99Ms, errorRate: summary.slo.errorRate, met: summary.slo.met },
  };
}
