/**
 * The default scenario's headline: 50 placeholders per cluster hide the node provisioning delay
 * from backend-a's bursts, and taking them away shows. Real simulation, summaries only: a short
 * steady run and the full four hours with and without placeholders (about 1.5 s each).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.ts';
import { runScenario } from '../../src/run.ts';
import type { Summary } from '../../src/metrics/summary-types.ts';

const DEFAULT = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
const NO_PLACEHOLDERS = 'overprovisioner.0.replicasPerCluster=0';

/** `headroom check`'s default tolerances: what "clearly worse" has to beat. */
const P99_TOLERANCE = 0.1; // +10%
const ERROR_RATE_TOLERANCE = 0.0005; // +0.05 points

async function summarize(sets: string[] = []): Promise<Summary> {
  const { summary } = await runScenario(loadScenario(DEFAULT, { sets }), { summaryOnly: true });
  return summary;
}

describe('the default scenario is the fleet of the design', () => {
  const s = loadScenario(DEFAULT);
  const backend = s.workloads.find((w) => w.name === 'backend-a')!;
  if (backend.traffic.kind !== 'generator') throw new Error('backend-a should use a generator');
  const g = backend.traffic.generator;
  const clusters = s.clusters.length;
  const podRps = backend.concurrency / backend.serviceTime.meanSec; // 2 / 0.025 = 80 req/s
  const targetRps = (podRps * backend.hpa!.targetCPUUtilization) / 100; // 80 x 0.5 = 40 req/s

  it('has four zone clusters with 50 placeholders each and nodes that take 1.5-3 minutes', () => {
    expect(s.clusters.map((c) => c.name)).toEqual(['az-a', 'az-b', 'az-c', 'az-d']);
    for (const c of s.clusters) {
      expect(c.nodeGroups[0].provisioningDelay).toEqual({ kind: 'lognormal', medianSec: 90, p95Sec: 180 });
      expect(c.overprovisioner[0].sizing).toEqual({ kind: 'fixed', replicasPerCluster: 50 });
    }
    expect(s.workloads.map((w) => w.name)).toEqual(['backend-a', 'api-gateway', 'search']);
    expect(s.durationSec).toBe(4 * 3600);
  });

  it.each(g.bursts.map((b, i) => [i, b] as const))('burst %i needs about 200 extra backend-a pods within a minute', (_i, b) => {
    const perCluster = (b.peak - g.base) / clusters; // (18,000 - 6,000) / 4 = 3,000 req/s
    const atFullCpu = clusters * (perCluster / podRps); // 4 x 3,000 / 80 = 150
    const hpaWants = clusters * (Math.ceil(b.peak / clusters / targetRps) - backend.replicas); // 4 x (113 - 38) = 300
    // "about 200" whichever way it is counted: what keeps up at full cpu, or what the HPA asks for
    for (const pods of [atFullCpu, hpaWants]) {
      expect(pods).toBeGreaterThanOrEqual(150);
      expect(pods).toBeLessThanOrEqual(300);
    }
    expect(b.riseSec).toBeLessThanOrEqual(60);
    // each burst ends, and the fleet has 30 minutes to shrink back, before the next or the end
    expect(b.atSec + b.riseSec + b.holdSec + b.fallSec + 1800).toBeLessThanOrEqual(s.durationSec);
  });

  it('starts its first burst after the scale-down of an idle start could have happened', () => {
    // no placeholders: the empty nodes are unneeded from t=0 and go after scaleDownUnneededTime
    const ca = s.clusters[0].clusterAutoscaler;
    expect(Math.min(...g.bursts.map((b) => b.atSec))).toBeGreaterThan(2 * ca.scaleDownUnneededTimeSec);
  });
});

describe('steady state, no bursts (30 minutes)', () => {
  let steady: Summary;
  beforeAll(async () => {
    steady = await summarize(['duration=30m', 'workloads.0.traffic.generator.bursts=[]']);
  });

  it('meets the SLO with margin in every cluster at every step', () => {
    expect(steady.slo.met).toBe(true);
    expect(steady.sloViolationSeconds).toBe(0);
    expect(steady.requests.errorRate).toBeLessThan(1e-6);
    for (const [name, c] of Object.entries(steady.perCluster)) {
      // about 114 ms (the scenario's comment): backend-a 115 ms, api-gateway 92 ms, search 180 ms
      // (p99 of each service time), a tenth of the requests going to search
      expect(c.latencyMs.p99, name).toBeGreaterThan(108);
      expect(c.latencyMs.p99, name).toBeLessThan(120);
      expect(c.latencyMs.p99, name).toBeLessThan(0.6 * steady.slo.latencyP99Ms);
      expect(c.sloViolationSeconds, name).toBe(0);
    }
  });

  it('keeps its placeholders and never preempts', () => {
    expect(steady.pods.preemptions).toBe(0);
    expect(steady.pods.pendingSecondsTotal).toBe(0);
  });
});

describe('headroom: 50 placeholders per cluster against none, over the full run', () => {
  let withPh: Summary;
  let without: Summary;
  beforeAll(async () => {
    withPh = await summarize();
    without = await summarize([NO_PLACEHOLDERS]);
  });

  it('with placeholders the run meets its SLO', () => {
    expect(withPh.latencyMs.p99).toBeLessThanOrEqual(withPh.slo.latencyP99Ms);
    expect(withPh.requests.errorRate).toBeLessThanOrEqual(withPh.slo.errorRate);
    expect(withPh.slo.met).toBe(true);
  });

  it('without them p99 and error rate are clearly worse (beyond the check tolerances) and the SLO breaks', () => {
    expect(without.latencyMs.p99).toBeGreaterThan(withPh.latencyMs.p99 * (1 + P99_TOLERANCE));
    expect(without.requests.errorRate).toBeGreaterThan(withPh.requests.errorRate + ERROR_RATE_TOLERANCE);
    expect(without.slo.met).toBe(false);
  });

  it('without them the run costs less', () => {
    expect(without.cost.total).toBeLessThan(withPh.cost.total);
    expect(without.cost.headroom).toBe(0);
    expect(withPh.cost.headroom).toBeGreaterThan(0);
  });

  it('without them the burst pods wait for nodes instead of taking the placeholders\' room', () => {
    expect(without.pods.pendingSecondsTotal).toBeGreaterThan(withPh.pods.pendingSecondsTotal);
    expect(without.pods.scheduleToReadyP95S).toBeGreaterThan(withPh.pods.scheduleToReadyP95S);
    // with room already there most burst pods are Ready within their 5-15 s start-up (the HPA asks
    // for more than the 50 placeholders hold, and the rest wait for the nodes the preempted
    // placeholders called); without, every one waits for a node
    expect(withPh.pods.scheduleToReadyP95S).toBeLessThan(0.5 * without.pods.scheduleToReadyP95S);
    expect(without.pods.scheduleToReadyP95S).toBeGreaterThan(90);
  });

  it('preempts only when there are placeholders to preempt', () => {
    expect(withPh.pods.preemptions).toBeGreaterThan(0);
    expect(without.pods.preemptions).toBe(0);
  });

  it('the difference is the bursts: every cluster shows it', () => {
    for (const name of Object.keys(withPh.perCluster)) {
      const a = withPh.perCluster[name];
      const b = without.perCluster[name];
      expect(b.latencyMs.p99, name).toBeGreaterThan(a.latencyMs.p99 * (1 + P99_TOLERANCE));
      expect(b.requests.errorRate, name).toBeGreaterThan(a.requests.errorRate + ERROR_RATE_TOLERANCE);
    }
  });
});
