/**
 * Serving benchmarks: requests simulated per second by the request-by-request model, fluid steps
 * per second, and the fluid model replaying the NASA and World Cup traces (simulated seconds per
 * wall second). Run alone with `node bin/run-ts.mjs bench/serving.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { FluidQueue } from '../src/serving/fluid.ts';
import { RequestQueue } from '../src/serving/requests.ts';
import { erlangC } from '../src/maths/erlang.ts';
import { LatencySketch } from '../src/maths/latency-sketch.ts';
import type { ServiceTimeSpec } from '../src/scenario/types.ts';

const TRACES = fileURLToPath(new URL('../../shared/traces/', import.meta.url));

/** Requests per wall second: 64 servers of 50 ms at 90% load, 10 s steps, step percentiles and a sketch. */
function requestModeRate(serviceTime?: ServiceTimeSpec, requests = 6_000_000): number {
  const mu = 20;
  const servers = 64;
  const lambda = 0.9 * servers * mu;
  const queue = new RequestQueue(seedrandom.alea('bench-arrivals'), serviceTime, {
    serviceRng: seedrandom.alea('bench-service'),
  });
  const sketch = new LatencySketch();
  queue.step(60, lambda, servers, mu, 2, sketch); // warm up
  const start = performance.now();
  let n = 0;
  while (n < requests) n += queue.step(10, lambda, servers, mu, 2, sketch).arrived;
  return n / ((performance.now() - start) / 1000);
}

/** Fluid steps per wall second under noisy load around 80%, each step poured into a sketch. */
function fluidStepRate(steps = 20_000): number {
  const rng = seedrandom.alea('bench-fluid');
  const queue = new FluidQueue();
  const sketch = new LatencySketch();
  const start = performance.now();
  for (let i = 0; i < steps; i++) queue.step(10, 2000 * (0.8 + 0.2 * (rng() - 0.5)), 125, 20, 2, sketch);
  return steps / ((performance.now() - start) / 1000);
}

/** Rows of a `timestamp_s,requests_per_s` trace. */
function readTrace(file: string): { times: Float64Array; rates: Float64Array } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const times: number[] = [];
  const rates: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const comma = line.indexOf(',');
    times.push(Number(line.slice(0, comma)));
    rates.push(Number(line.slice(comma + 1)));
  }
  return { times: Float64Array.from(times), rates: Float64Array.from(rates) };
}

/**
 * Simulated seconds per wall second of one fluid queue replaying a trace in 10 s steps, scaled so
 * that its peak is 1.2× the capacity of a fixed pool (bursts overload it, as they would before an
 * autoscaler reacts), every step poured into a sketch. At most `maxSteps` steps.
 */
function fluidTraceSpeed(file: string, maxSteps = 100_000): number {
  const { times, rates } = readTrace(file);
  let peak = 0;
  for (const r of rates) peak = Math.max(peak, r);
  const mu = 20;
  const servers = 400;
  const scale = (1.2 * servers * mu) / peak;
  const queue = new FluidQueue();
  const sketch = new LatencySketch();
  const stepSec = 10;
  const end = Math.min(times[times.length - 1], maxSteps * stepSec);
  let row = 0;
  const start = performance.now();
  for (let t = 0; t < end; t += stepSec) {
    while (row + 1 < times.length && times[row + 1] <= t) row++;
    queue.step(stepSec, rates[row] * scale, servers, mu, 2, sketch);
  }
  queue.flush(sketch);
  return end / ((performance.now() - start) / 1000);
}

/** Erlang C evaluations per wall second at c = 100,000 near saturation. */
function erlangRate(n = 20_000): number {
  const start = performance.now();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += erlangC(100_000, 99_000 + (i % 900));
  if (!(sink > 0)) throw new Error('erlangC returned nonsense');
  return n / ((performance.now() - start) / 1000);
}

export function benchServing(): Record<string, number> {
  const out: Record<string, number> = {
    requestModeRequestsPerSec: Math.round(requestModeRate()),
    requestModeLognormalRequestsPerSec: Math.round(
      requestModeRate({ meanSec: 0.05, dist: 'lognormal', p99Sec: 0.25 }, 3_000_000),
    ),
    fluidStepsPerSec: Math.round(fluidStepRate()),
    erlangC100kPerSec: Math.round(erlangRate()),
  };
  for (const [key, file] of [
    ['fluidNasaSimSecPerWallSec', 'nasa-http-1995-jul-per-minute.csv'],
    ['fluidWorldCupSimSecPerWallSec', 'worldcup98-per-minute.csv'],
  ] as const) {
    if (existsSync(TRACES + file)) out[key] = Math.round(fluidTraceSpeed(TRACES + file));
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const results = benchServing();
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results)}\n`);
  } else {
    for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(36)} ${v.toLocaleString('en-US')}\n`);
  }
}
