import { describe, it, expect } from 'vitest';
import { closeUpWindow } from '../../src/report/charts/run-charts.ts';
import type { ClusterSeries } from '../../src/report/types.ts';

/** Two hours at 10 s steps: a node wait at 0:20 and, later, failures at 1:30. */
function series(): ClusterSeries {
  const n = 720;
  const t = Float64Array.from({ length: n }, (_, i) => i * 10);
  const failed = new Float64Array(n);
  const requested = new Float64Array(n).fill(8);
  const ready = new Float64Array(n).fill(8);
  const p99 = new Float64Array(n).fill(120);
  const served = new Float64Array(n).fill(1000);
  for (let i = 120; i < 140; i++) requested[i] = 12; // 0:20, nodes asked for
  for (let i = 540; i < 545; i++) failed[i] = 50; // 1:30, requests failing
  for (let i = 300; i < 310; i++) p99[i] = 900; // 0:50, slow but nothing failed
  return { cluster: 'az-a', timeSec: t, columns: { failed_rps: failed, nodes_requested: requested, nodes_ready: ready, p99_ms: p99, served_rps: served } };
}

describe('the close-up window', () => {
  it('goes where requests failed first, then where p99 broke the SLO, then where nodes were awaited', () => {
    const s = series();
    expect(closeUpWindow([s], 7200, 250)).toMatchObject({ reason: 'errors', peakSec: 5400 });
    s.columns.failed_rps!.fill(0);
    expect(closeUpWindow([s], 7200, 250)).toMatchObject({ reason: 'latency', peakSec: 3000 });
    s.columns.p99_ms!.fill(120);
    expect(closeUpWindow([s], 7200, 250)).toMatchObject({ reason: 'nodes', peakSec: 1200 });
  });
});
