/**
 * The fluid model against the request-by-request model on steady load: lognormal service times of
 * squared coefficient of variation 0.25, 1, 4 and 16, utilization 0.5 to 0.95, 1 to 200 servers,
 * a timeout of 40 mean service times. `node bin/run-ts.mjs bench/latency-matrix.ts --write`
 * simulates the reference (about two minutes) into test/serving/latency-reference.json, which
 * test/serving/latency-matrix.test.ts reads; without --write it prints the comparison.
 * `--markdown` prints the table of docs/latency.md from the stored reference (the test holds the
 * page to it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { LatencySketch } from '../src/maths/latency-sketch.ts';
import { FluidQueue } from '../src/serving/fluid.ts';
import { RequestQueue } from '../src/serving/requests.ts';
import { serviceLawOf } from '../src/serving/service-law.ts';
import { type ServiceTimeSpec, Z99 } from '../src/serving/service-time.ts';

export const SCVS = [0.25, 1, 4, 16];
export const UTILIZATIONS = [0.5, 0.8, 0.9, 0.95];
export const SERVERS = [1, 8, 64, 200];
export const TIMEOUT_MEANS = 40;

export interface Cell {
  scv: number;
  utilization: number;
  servers: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
}

/** A lognormal of mean 1 and the given SCV, as a scenario would give it (mean and p99). */
export function lognormalSpec(scv: number): ServiceTimeSpec {
  const sigma = Math.sqrt(Math.log1p(scv));
  return { meanSec: 1, dist: 'lognormal', p99Sec: Math.exp(-0.5 * sigma * sigma + Z99 * sigma) };
}

/** The fluid model's steady state for a cell: one long step. */
export function fluidCell(scv: number, utilization: number, servers: number): Cell {
  const queue = new FluidQueue(serviceLawOf(lognormalSpec(scv)));
  const sketch = new LatencySketch();
  const r = queue.step(1000, utilization * servers, servers, 1, TIMEOUT_MEANS, sketch);
  return cellOf(scv, utilization, servers, sketch, r.failed / r.arrived);
}

/** The request-by-request model over `requests` arrivals after a warm-up. */
export function requestCell(scv: number, utilization: number, servers: number, requests: number, seed = 'matrix'): Cell {
  const lambda = utilization * servers;
  const queue = new RequestQueue(seedrandom.alea(`${seed}/arrivals`), lognormalSpec(scv), {
    serviceRng: seedrandom.alea(`${seed}/service`),
    stepPercentiles: false,
  });
  const stepSec = Math.max(10, 20_000 / lambda);
  // warm up over a tenth of the run, then count
  for (let n = 0; n < requests / 10; ) n += queue.step(stepSec, lambda, servers, 1, TIMEOUT_MEANS).arrived;
  const sketch = new LatencySketch();
  let arrived = 0;
  let failed = 0;
  while (arrived < requests) {
    const r = queue.step(stepSec, lambda, servers, 1, TIMEOUT_MEANS, sketch);
    arrived += r.arrived;
    failed += r.failed;
  }
  return cellOf(scv, utilization, servers, sketch, failed / arrived);
}

function cellOf(scv: number, utilization: number, servers: number, s: LatencySketch, errorRate: number): Cell {
  return { scv, utilization, servers, p50: s.quantile(0.5), p95: s.quantile(0.95), p99: s.quantile(0.99), errorRate };
}

const REFERENCE = fileURLToPath(new URL('../test/serving/latency-reference.json', import.meta.url));

/** The stored request-by-request cells. */
export function referenceCells(): Cell[] {
  return (JSON.parse(readFileSync(REFERENCE, 'utf8')) as { cells: Cell[] }).cells;
}

/** Relative error in per cent, signed, to one decimal. */
export function errorPct(fluid: number, reference: number): string {
  const e = (fluid / reference - 1) * 100;
  return `${e >= 0.05 ? '+' : ''}${(Math.abs(e) < 0.05 ? 0 : e).toFixed(1)}`;
}

/** The docs table: one row per cell, the reference in mean service times, the fluid model's errors. */
export function markdownTable(refs: readonly Cell[]): string {
  const rows = [
    '| SCV | servers | ρ | p50 | p95 | p99 | p50 err % | p95 err % | p99 err % | errors (reference) | errors (fluid) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of refs) {
    const f = fluidCell(r.scv, r.utilization, r.servers);
    const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
    rows.push(
      `| ${r.scv} | ${r.servers} | ${r.utilization} | ${r.p50.toFixed(3)} | ${r.p95.toFixed(3)} | ${r.p99.toFixed(3)} | ` +
        `${errorPct(f.p50, r.p50)} | ${errorPct(f.p95, r.p95)} | ${errorPct(f.p99, r.p99)} | ${pct(r.errorRate)} | ${pct(f.errorRate)} |`,
    );
  }
  return `${rows.join('\n')}\n`;
}

if (process.argv.includes('--markdown') && process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.stdout.write(markdownTable(referenceCells()));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const requests = Number(process.env.MATRIX_REQUESTS ?? 4_000_000);
  const cells: Cell[] = [];
  for (const scv of SCVS) {
    for (const servers of SERVERS) {
      for (const utilization of UTILIZATIONS) {
        const ref = requestCell(scv, utilization, servers, requests);
        const fl = fluidCell(scv, utilization, servers);
        cells.push(ref);
        const e = (k: 'p50' | 'p95' | 'p99') => `${((fl[k] / ref[k] - 1) * 100).toFixed(1)}%`.padStart(7);
        process.stdout.write(`SCV ${scv} c ${servers} ρ ${utilization}: p50 ${e('p50')} p95 ${e('p95')} p99 ${e('p99')} errors ${(ref.errorRate * 100).toFixed(3)}% vs ${(fl.errorRate * 100).toFixed(3)}%\n`);
      }
    }
  }
  if (process.argv.includes('--write')) {
    writeFileSync(REFERENCE, `${JSON.stringify({ requestsPerCell: requests, timeoutMeans: TIMEOUT_MEANS, cells }, null, 1)}\n`);
  }
}
