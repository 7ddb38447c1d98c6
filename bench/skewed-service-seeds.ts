/**
 * docs/latency.md's seed table for docs/examples/skewed-service.yaml: the run's p99 in both serving
 * models over seeds 1 to 15, and each model's mean and standard deviation over them.
 * `node bin/run-ts.mjs bench/skewed-service-seeds.ts` prints the table (a few minutes: the
 * request-by-request model simulates some 28 million requests a seed);
 * test/docs/latency-example.test.ts holds the page's fluid column, the file's own seed in both
 * models and the statistics to it.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/scenario/index.ts';
import { runScenario } from '../src/run.ts';

export const SKEWED_SERVICE = fileURLToPath(new URL('../docs/examples/skewed-service.yaml', import.meta.url));
export const SEEDS = Array.from({ length: 15 }, (_, i) => i + 1);

export type ServingModel = 'fluid' | 'requests';

/** The run's p99 (ms) of the example with `model` and `seed`. */
export async function runP99Ms(model: ServingModel, seed: number): Promise<number> {
  const r = await runScenario(loadScenario(SKEWED_SERVICE, { sets: [`serving.model=${model}`, `seed=${seed}`] }));
  return r.summary.latencyMs.p99;
}

/** Mean and sample standard deviation (n − 1). */
export function seedStats(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** Signed per cent of `a` against `b`, one decimal, with a true minus sign. */
export function signedPct(a: number, b: number): string {
  const e = (a / b - 1) * 100;
  const s = Math.abs(e).toFixed(1);
  return s === '0.0' ? '0.0%' : `${e > 0 ? '+' : '−'}${s}%`;
}

/** A p99 as the page shows it, to a tenth of a millisecond: the table's statistics are of these. */
export function shownMs(values: readonly number[]): number[] {
  return values.map((v) => Math.round(v * 10) / 10);
}

/** The page's table: one row per seed, then the mean and standard deviation of each column. */
export function seedTable(fluidMs: readonly number[], requestsMs: readonly number[]): string {
  const fluid = shownMs(fluidMs);
  const requests = shownMs(requestsMs);
  const rows = ['| seed | fluid p99, ms | request-by-request p99, ms | fluid against requests |', '|---:|---:|---:|---:|'];
  SEEDS.forEach((seed, i) => rows.push(`| ${seed} | ${fluid[i].toFixed(1)} | ${requests[i].toFixed(1)} | ${signedPct(fluid[i], requests[i])} |`));
  const f = seedStats(fluid);
  const q = seedStats(requests);
  rows.push(`| mean | ${f.mean.toFixed(1)} | ${q.mean.toFixed(1)} | ${signedPct(f.mean, q.mean)} |`);
  rows.push(`| standard deviation | ${f.sd.toFixed(1)} | ${q.sd.toFixed(1)} | |`);
  return `${rows.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const fluid: number[] = [];
  const requests: number[] = [];
  for (const seed of SEEDS) {
    fluid.push(await runP99Ms('fluid', seed));
    requests.push(await runP99Ms('requests', seed));
  }
  process.stdout.write(seedTable(fluid, requests));
}
