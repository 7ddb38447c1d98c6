/**
 * `npm run bench`: measures and prints; asserts nothing. `npm run bench -- --json` prints one JSON
 * object. Figures: the engine's hold rate beside a bare heap, the default scenario's speed, a busy
 * simulated day, whole commands as a user runs them (start-up, npm start, the busy day and a fleet
 * ten times larger, rightsize on a week-long usage export, each beside its goal; `--rows=KEY,...`
 * for some of them), and the serving, traffic and sweep benchmarks.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEngine } from './engine.ts';
import { benchScenarios } from './scenarios.ts';
import { benchCommands } from './commands.ts';

const json = process.argv.includes('--json');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
// `--rows=KEY,...`: only those rows of the commands section (e.g. rightsizeExportJsonCommand)
const rows = process.argv.find((a) => a.startsWith('--rows='))?.slice('--rows='.length).split(',');
const results: Record<string, number> = {};
const log = (msg: string) => {
  if (!json) process.stdout.write(`${msg}\n`);
};

async function section(name: string, run: () => Promise<Record<string, number>> | Record<string, number>, printsItself = false): Promise<void> {
  if (only && !only.split(',').includes(name)) return;
  log(`# ${name}`);
  try {
    const r = await run();
    for (const [k, v] of Object.entries(r)) {
      results[k] = v;
      if (!printsItself) log(`  ${k.padEnd(44)} ${v.toLocaleString('en-US')}`);
    }
  } catch (e) {
    log(`  (skipped: ${(e as Error).message})`);
  }
}

const here = fileURLToPath(new URL('.', import.meta.url));
await section('engine', () => benchEngine());
await section('scenarios', () => benchScenarios(here));
await section('commands', () => benchCommands(join(here, '..'), log, rows), true);
await section('serving', async () => (await import('./serving.ts')).benchServing());
await section('traffic', async () => (await import('./traffic.ts')).benchTraffic());
await section('report', async () => (await import('./report.ts')).benchReport());
await section('sweep', async () => (await import('./sweep.ts')).benchSweep());
if (json) process.stdout.write(`${JSON.stringify(results)}\n`);
