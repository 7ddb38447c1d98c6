/**
 * Whole processes, as a user runs them: `headroom --version`, `--help`, the default scenario with
 * its report (what `npm start` runs), a busy day of four zone clusters, rightsize on that day
 * (four recommenders, five runs) and the same fleet ten times larger, each timed from spawn to exit (median of several runs) with its peak memory,
 * beside a bare `node -e 0` for scale. Each figure is printed beside its goal; nothing asserts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
}

const GiB = 2 ** 30;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function benchCommands(root: string, log: (line: string) => void): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-'));
  const bin = join(root, 'bin/headroom.mjs');
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
  ];
  const out: Record<string, number> = {};
  try {
    for (const row of rows) {
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
      const wallSec = Math.round(median(walls) * 1000) / 1000;
      const peakBytes = Math.max(...readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number));
      out[`${row.key}WallSec`] = wallSec;
      out[`${row.key}PeakMiB`] = Math.round(peakBytes / 2 ** 20);
      const goal = Number.isFinite(row.goalSec) ? ` (goal <= ${row.goalSec} s${row.goalMemoryBytes ? `, < ${row.goalMemoryBytes / GiB} GiB` : ''})` : '';
      const speed = row.simulatedSec ? `, ${Math.round(row.simulatedSec / wallSec).toLocaleString('en-US')}x real time` : '';
      if (row.simulatedSec) out[`${row.key}Speedup`] = Math.round(row.simulatedSec / wallSec);
      log(`  ${row.key.padEnd(24)} ${wallSec} s median of ${row.runs}${speed}, peak ${out[`${row.key}PeakMiB`]} MiB${goal}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
