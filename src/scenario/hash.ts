/**
 * A stable fingerprint of a normalized scenario, for baselines, sweep folders and run folders:
 * two runs compare only when their scenarios hash the same. The contents of every file the
 * scenario reads (`inputs`: traces, included manifests, Helm values) are in it, so a changed trace
 * makes a baseline stale. It ignores where the file lives (its name and absolute trace paths),
 * so a checkout in another folder hashes alike.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from './types.ts';

/** JSON with object keys sorted at every level and no whitespace; undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** sha256 (hex) of the scenario's canonical JSON, without its file and machine-specific paths. */
export function scenarioHash(scenario: Scenario): string {
  const { file: _file, podDisruptionBudgets, ...rest } = scenario;
  // Keys added to the format later are left out while empty, so older scenarios keep their hash
  // (and the baselines recorded under it).
  const portable = {
    ...rest,
    ...(podDisruptionBudgets.length > 0 ? { podDisruptionBudgets } : {}),
    clusters: rest.clusters.map(({ buffers, ...c }) => (buffers.length > 0 ? { ...c, buffers } : c)),
    workloads: rest.workloads.map((w) =>
      w.traffic.kind === 'trace' ? { ...w, traffic: { ...w.traffic, path: w.traffic.displayPath } } : w,
    ),
  };
  return createHash('sha256').update(canonicalJson(portable)).digest('hex');
}
