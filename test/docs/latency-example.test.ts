/**
 * docs/latency.md's example, docs/examples/skewed-service.yaml, run both ways with the file's seed:
 * what the page says of it holds (the same SLO verdict, the steady p99 at the service time's own
 * 300 ms in both models, the run's p99 set by the burst and within the per-seed spread the page gives).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.ts';
import { runScenario } from '../../src/run.ts';

const FILE = new URL('../../docs/examples/skewed-service.yaml', import.meta.url).pathname;

async function run(model: 'fluid' | 'requests') {
  const r = await runScenario(loadScenario(FILE, { sets: [`serving.model=${model}`] }));
  // the steady minutes before the burst (it starts at 20 min): the step p99 of az-a
  const series = r.series;
  if (!series) throw new Error('expected the time series');
  const p99 = series.workloads[series.clusterNames.indexOf('az-a')][0].p99_ms;
  const steady: number[] = [];
  for (let k = 0; k < series.length; k++) if (series.timeSec[k] >= 60 && series.timeSec[k] < 1200) steady.push(p99[k]);
  const mean = steady.reduce((a, b) => a + b, 0) / steady.length;
  return { summary: r.summary, steadyP99Ms: mean, warnings: r.warnings ?? [] };
}

describe('docs/latency.md: the skewed service', () => {
  it('gives the same verdict in both models, the steady p99 near 300 ms', async () => {
    const fluid = await run('fluid');
    const requests = await run('requests');
    expect(fluid.summary.slo.met).toBe(false);
    expect(requests.summary.slo.met).toBe(false);
    expect(fluid.summary.sloViolationSeconds).toBe(requests.summary.sloViolationSeconds);
    expect(Math.abs(fluid.steadyP99Ms / 300 - 1)).toBeLessThan(0.01);
    expect(Math.abs(requests.steadyP99Ms / 300 - 1)).toBeLessThan(0.03);
    // the run's p99 comes from the burst: above the steady 300 ms in both, within the page's spread
    expect(fluid.summary.latencyMs.p99).toBeGreaterThan(330);
    expect(requests.summary.latencyMs.p99).toBeGreaterThan(330);
    const ratio = fluid.summary.latencyMs.p99 / requests.summary.latencyMs.p99;
    expect(ratio).toBeGreaterThan(1 - 0.25);
    expect(ratio).toBeLessThan(1 + 0.25);
  }, 120_000);
});
