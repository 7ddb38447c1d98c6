/**
 * Requests are conserved through shifts and outages on every real trace in ../shared/traces:
 * served + failed = ∫ rate dt over the run, with ∫ rate dt computed here from the raw rows.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../src/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';

const TRACES = fileURLToPath(new URL('../../../shared/traces/', import.meta.url));
const traces = existsSync(TRACES) ? readdirSync(TRACES).filter((f) => f.endsWith('.csv')).sort() : [];
const WEEK = 7 * 86400;

/** ∫ rate dt over [0, end): each row's rate holds until the next; the last for the median interval. */
function integral(csv: string, end: number): { total: number; span: number; step: number } {
  const rows = csv.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const gaps = rows.slice(1).map((r, i) => r[0] - rows[i][0]).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  let total = 0;
  rows.forEach(([t, rate], i) => {
    const until = i + 1 < rows.length ? rows[i + 1][0] : t + median;
    total += rate * Math.max(0, Math.min(until, end) - Math.min(t, end));
  });
  return { total, span: rows[rows.length - 1][0] + median, step: median };
}

describe.skipIf(traces.length === 0)('requests are conserved on the real traces', () => {
  it.each(traces)('%s', async (name) => {
    const csv = readFileSync(TRACES + name, 'utf8');
    const { span, step } = integral(csv, Infinity);
    const duration = Math.min(WEEK, Math.floor(span / step) * step);
    const want = integral(csv, duration).total;
    const at = (f: number) => Math.round((duration * f) / 10) * 10;
    const yaml = `
name: conservation
seed: 5
duration: ${duration}
step: ${Math.max(10, step)}
clusters: [az-a, az-b, az-c, az-d]
nodeGroups:
  - {name: g, allocatable: {cpu: 16, memory: 64Gi, pods: 110}, pricePerHour: 1, min: 1, max: 50, initial: 2, provisioningDelay: {fixed: 90s}}
workloads:
  - name: web
    requests: {cpu: 250m, memory: 256Mi}
    serviceTime: 20ms
    concurrency: 4
    timeout: 2s
    replicas: 2
    hpa: {min: 2, max: 200, targetCPUUtilization: 60}
    traffic: {trace: ${TRACES + name}}
routing:
  shifts: [{at: ${at(0.2)}, drain: az-b, over: 60s}, {at: ${at(0.3)}, restore: az-b, over: 5m}]
  outages: [{at: ${at(0.5)}, cluster: az-c, for: ${at(0.1)}, autoShift: true}, {at: ${at(0.7)}, cluster: az-d, for: ${at(0.05)}, autoShift: false}]
`;
    // the traces are outside the test's (virtual) folder: allowed as --allow-read would
    const r = await runScenario(parseScenario(yaml, 'conservation.yaml', { reads: { allow: [TRACES], unrestricted: false } }), { summaryOnly: true });
    const s = r.summary.requests;
    // served + failed = ∫ rate dt (summary rounds each to 0.1 request)
    expect(Math.abs(s.served + s.failed - want)).toBeLessThanOrEqual(1e-9 * want + 0.2);
    expect(Math.abs(s.total - want)).toBeLessThanOrEqual(1e-9 * want + 0.2);
    // the outage without autoShift lost requests; the fleet still served most
    expect(s.served).toBeGreaterThan(0.5 * want);
  }, 120_000);
});
