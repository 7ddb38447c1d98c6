/**
 * Traffic benchmarks: how fast traces load (rows per second, streamed, each real trace in
 * ../shared/traces over its whole length at a 10 s step), a synthetic million-row trace with its
 * heap growth (bounded memory: the rows are never held), and generator and routing throughput.
 *
 *   node bin/run-ts.mjs bench/traffic.ts [--json]
 */
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TrafficSpec } from '../src/scenario/types.ts';
import { generatorRates } from '../src/traffic/generator.ts';
import { loadRates } from '../src/traffic/load.ts';
import { routeShares } from '../src/traffic/routing/shares.ts';

const TRACES = fileURLToPath(new URL('../../shared/traces/', import.meta.url));
const STEP_SEC = 10;
const SYNTHETIC_ROWS = 1_000_000;

function csvTrace(path: string): Extract<TrafficSpec, { kind: 'trace' }> {
  return { kind: 'trace', path, displayPath: basename(path), format: 'csv', interpolate: 'step', scale: 1, speedup: 1, loop: false, offsetSec: 0 };
}

/** Rows per second of wall time to load a trace over its whole length. */
async function timeLoad(path: string, rows: number, durationSec: number): Promise<number> {
  const started = performance.now();
  await loadRates(csvTrace(path), { durationSec, stepSec: STEP_SEC });
  return rows / ((performance.now() - started) / 1000);
}

function traceExtent(path: string): { rows: number; durationSec: number } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const last = Number(lines[lines.length - 1].split(',')[0]);
  return { rows: lines.length - 1, durationSec: last + 60 };
}

async function writeSynthetic(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('timestamp_s,requests_per_s\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${i},${(100 + 50 * Math.sin(i / 600)).toFixed(3)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

export async function benchTraffic(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  if (existsSync(TRACES)) {
    let allRows = 0;
    let allSec = 0;
    for (const file of readdirSync(TRACES).filter((f) => f.endsWith('.csv')).sort()) {
      const path = join(TRACES, file);
      const { rows, durationSec } = traceExtent(path);
      await timeLoad(path, rows, durationSec); // warm-up
      const rate = await timeLoad(path, rows, durationSec);
      results[`traceRowsPerSec.${file.replace(/\.csv$/, '')}`] = Math.round(rate);
      allRows += rows;
      allSec += rows / rate;
    }
    results.traceRowsPerSec = Math.round(allRows / allSec);
  }

  const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-traffic-'));
  try {
    const path = join(dir, 'synthetic.csv');
    await writeSynthetic(path, SYNTHETIC_ROWS);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 20);
    const rate = await timeLoad(path, SYNTHETIC_ROWS, SYNTHETIC_ROWS);
    clearInterval(sampler);
    results.syntheticTraceRowsPerSec = Math.round(rate);
    // the step array alone is 8 bytes × 100,000 steps; rows are not kept
    results.syntheticTraceHeapGrowthMB = Math.round(((heapPeak - heapBefore) / 2 ** 20) * 10) / 10;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const day = 86_400;
  let started = performance.now();
  const generator = {
    base: 2000,
    bursts: Array.from({ length: 24 }, (_, h) => ({ atSec: h * 3600 + 600, peak: 8000, riseSec: 60, holdSec: 600, fallSec: 300 })),
    diurnal: { amplitude: 0.3, periodSec: day, phaseSec: 0 },
    noise: 0.05,
  };
  let x = 1;
  const rng = () => ((x = (x * 16807) % 2147483647) - 1) / 2147483646;
  generatorRates(generator, { durationSec: 30 * day, stepSec: 1, rng });
  results.generatorStepsPerSec = Math.round((30 * day) / ((performance.now() - started) / 1000));

  started = performance.now();
  const zones = ['az-a', 'az-b', 'az-c', 'az-d'];
  routeShares(
    {
      weights: {},
      shifts: Array.from({ length: 48 }, (_, i) => ({ atSec: i * 1800, cluster: zones[i % 4], action: i % 2 ? ('restore' as const) : ('drain' as const), overSec: 300 })),
      outages: [{ atSec: 4 * 3600, cluster: 'az-c', forSec: 1800, autoShift: true, detectionDelaySec: 60, shiftOverSec: 120, restoreDelaySec: 0 }],
    },
    zones,
    day,
    1,
  );
  results.routeSharesStepsPerSec = Math.round(day / ((performance.now() - started) / 1000));
  return results;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const results = await benchTraffic();
  if (process.argv.includes('--json')) console.log(JSON.stringify(results));
  else for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(60)} ${value.toLocaleString('en-US')}`);
}
