/**
 * Whole processes, as a user runs them: `headroom --version`, `--help`, the default scenario with
 * its report (what `npm start` runs), a busy day of four zone clusters, rightsize on that day
 * (four recommenders, five runs), the same fleet ten times larger, and rightsize reading a week of
 * a thousand containers' minutes from a usage export (JSON, then CSV), each timed from spawn to
 * exit (median of several runs) with its peak memory, beside a bare `node -e 0` for scale. Each
 * figure is printed beside its goal; nothing asserts.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_EXPORT, generateUsageExport } from './usage-export-files.ts';

interface Row {
  key: string;
  args: string[];
  runs: number;
  /** goal for the median wall time, seconds */
  goalSec: number;
  /** simulated seconds, for the real-time factor */
  simulatedSec?: number;
  goalMemoryBytes?: number;
  /** how long one run may take before the row is given up (default 600 s) */
  timeoutSec?: number;
  /** the row's input, made before its timed runs and removed after them; make returns its size in bytes */
  input?: { file: string; make: () => number };
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** The bench's usage export written to `file` (not timed): its size in bytes. */
function writeUsageExport(file: string, format: 'json' | 'csv'): number {
  const fd = openSync(file, 'w');
  try {
    generateUsageExport(format, BENCH_EXPORT, (text) => writeSync(fd, text));
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

const formatGoal = (row: Row) => {
  const parts = [Number.isFinite(row.goalSec) ? `<= ${row.goalSec} s` : '', row.goalMemoryBytes ? `< ${row.goalMemoryBytes >= GiB ? `${row.goalMemoryBytes / GiB} GiB` : `${row.goalMemoryBytes / MiB} MiB`}` : ''].filter(Boolean);
  return parts.length ? ` (goal ${parts.join(', ')})` : '';
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `only`: the rows to run, by key (default every row). */
export function benchCommands(root: string, log: (line: string) => void, only?: readonly string[]): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-'));
  const bin = join(root, 'bin/headroom.mjs');
  const out: Record<string, number> = {};
  const rows: Row[] = [
    { key: 'bareNodeStart', args: ['-e', '0'], runs: 5, goalSec: Infinity },
    { key: 'versionCommand', args: [bin, '--version'], runs: 5, goalSec: 0.25 },
    { key: 'helpCommand', args: [bin, '--help'], runs: 5, goalSec: 0.25 },
    { key: 'defaultScenarioCommand', args: [bin, 'run', join(root, 'scenarios/default.yaml'), '--quiet', '--out', join(dir, 'default')], runs: 3, goalSec: 1.0, simulatedSec: 4 * 3600 },
    { key: 'busyDayCommand', args: [bin, 'run', join(root, 'bench/busy-day.yaml'), '--quiet', '--out', join(dir, 'busy')], runs: 3, goalSec: 1.7, simulatedSec: 24 * 3600 },
    // Five runs of the busy day (today's requests, then the four policies' on two threads), the charts and rightsized.yaml:
    // the goal is three busy-day runs end to end plus the pool's start.
    { key: 'rightsizeBusyDayCommand', args: [bin, 'rightsize', join(root, 'bench/busy-day.yaml'), '--quiet', '--workers', '2', '--out', join(dir, 'rightsize')], runs: 1, goalSec: 6, timeoutSec: 1800 },
    { key: 'tenTimesFleetCommand', args: [bin, 'run', join(root, 'bench/ten-times-fleet.yaml'), '--quiet', '--out', join(dir, 'ten')], runs: 1, goalSec: 8.6, simulatedSec: 24 * 3600, goalMemoryBytes: GiB },
    // A week of 1-minute cpu rates for 1,000 containers (10.08 M samples) and their working sets,
    // read and recommended on by the four policies in bounded memory; the file is made first.
    ...(['json', 'csv'] as const).map((format): Row => {
      const file = join(dir, `usage-week.${format}`);
      const key = format === 'json' ? 'rightsizeExportJsonCommand' : 'rightsizeExportCsvCommand';
      return {
        key,
        args: [bin, 'rightsize', file, '--out', join(dir, `export-${format}`)],
        runs: 1,
        goalSec: Infinity,
        goalMemoryBytes: 512 * MiB,
        timeoutSec: 1800,
        input: { file, make: () => writeUsageExport(file, format) },
      };
    }),
  ];
  try {
    for (const row of rows.filter((r) => !only || only.includes(r.key))) {
      if (row.input) out[`${row.key}FileMiB`] = Math.round(row.input.make() / MiB);
      const walls: number[] = [];
      const rssFile = join(dir, `${row.key}.rss`);
      writeFileSync(rssFile, '');
      for (let i = 0; i < row.runs; i++) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, ['--import', join(root, 'bench/peak-memory.mjs'), ...row.args], {
          env: { ...process.env, HEADROOM_BENCH_RSS: rssFile },
          encoding: 'utf8',
          timeout: (row.timeoutSec ?? 600) * 1000,
        });
        walls.push((performance.now() - t0) / 1000);
        if (r.status !== 0) throw new Error(`${row.key} exited ${r.status}: ${r.stderr.split('\n')[0]}`);
      }
      if (row.input) rmSync(row.input.file, { force: true });
      const wallSec = Math.round(median(walls) * 1000) / 1000;
      const peakBytes = Math.max(...readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number));
      out[`${row.key}WallSec`] = wallSec;
      out[`${row.key}PeakMiB`] = Math.round(peakBytes / 2 ** 20);
      const goal = formatGoal(row);
      const input = out[`${row.key}FileMiB`] !== undefined ? `, a ${out[`${row.key}FileMiB`]} MiB file` : '';
      const speed = row.simulatedSec ? `, ${Math.round(row.simulatedSec / wallSec).toLocaleString('en-US')}x real time` : '';
      if (row.simulatedSec) out[`${row.key}Speedup`] = Math.round(row.simulatedSec / wallSec);
      log(`  ${row.key.padEnd(24)} ${wallSec} s median of ${row.runs}${speed}, peak ${out[`${row.key}PeakMiB`]} MiB${input}${goal}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
