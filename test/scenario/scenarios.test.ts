import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.ts';

const DIR = 'scenarios';
// The real traces live beside the checkout, not in it; a clone without them still checks the rest.
const SHARED_TRACES = join(DIR, '../../shared/traces');

describe('the scenarios shipped in scenarios/', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

  it('include the default and the examples', () => {
    expect(files).toEqual(expect.arrayContaining(['default.yaml', 'zone-outage.yaml', 'canary-cluster.yaml', 'worldcup98-replay.yaml', 'spot-reclaim.yaml', 'zone-shortage.yaml']));
  });

  it.each(files)('%s loads', (f) => {
    // worldcup98-replay.yaml reads the traces beside the checkout, as `--allow-read ../shared/traces` allows
    const s = loadScenario(join(DIR, f), { checkFiles: existsSync(SHARED_TRACES), reads: { allow: [SHARED_TRACES], unrestricted: false } });
    expect(s.clusters.length).toBeGreaterThan(0);
  });
});

describe('the default scenario', () => {
  const s = loadScenario(join(DIR, 'default.yaml'));
  const backend = s.workloads.find((w) => w.name === 'backend-a')!;

  it('is four zone clusters of general nodes taking about 1.5-3 minutes', () => {
    expect(s.name).toBe('default');
    expect(s.clusters.map((c) => c.name)).toEqual(['az-a', 'az-b', 'az-c', 'az-d']);
    for (const c of s.clusters) {
      expect(c.nodeGroups).toEqual([
        expect.objectContaining({
          name: 'general',
          allocatable: { cpuMilli: 7910, memoryBytes: 30 * 2 ** 30, pods: 58 },
          pricePerHour: 0.384,
          provisioningDelay: { kind: 'lognormal', medianSec: 90, p95Sec: 180 },
        }),
      ]);
    }
  });

  it('has backend-a as the issue describes it', () => {
    expect(backend).toMatchObject({
      requests: { cpuMilli: 500, memoryBytes: 512 * 2 ** 20 },
      serviceTime: { meanSec: 0.025 },
      concurrency: 2,
      timeoutSec: 2,
      startupDelay: { kind: 'uniform', minSec: 5, maxSec: 15 },
      hpa: { targetCPUUtilization: 50 },
    });
  });

  it('has bursts that need about 200 extra backend-a pods within a minute', () => {
    // one pod: concurrency / serviceTime = 2 / 0.025 = 80 req/s at 100%
    const podRps = backend.concurrency / backend.serviceTime.meanSec;
    expect(podRps).toBe(80);
    if (backend.traffic.kind !== 'generator') throw new Error('backend-a should use a generator');
    const g = backend.traffic.generator;
    expect(g.bursts.length).toBeGreaterThanOrEqual(2);
    for (const b of g.bursts) {
      const extraPods = (b.peak - g.base) / podRps; // (18,000 - 6,000) / 80 = 150 at 100% cpu
      expect(extraPods).toBeGreaterThanOrEqual(150);
      expect(extraPods).toBeLessThanOrEqual(200);
      expect(b.riseSec).toBeLessThanOrEqual(60);
      expect(b.atSec + b.riseSec + b.holdSec + b.fallSec).toBeLessThan(s.durationSec);
    }
  });

  it('has 50 placeholders per cluster at priority -1, a few hours, and the SLO', () => {
    for (const c of s.clusters) {
      expect(c.overprovisioner).toEqual([
        expect.objectContaining({ name: 'headroom', priority: -1, terminationGracePeriodSec: 0, sizing: { kind: 'fixed', replicasPerCluster: 50 } }),
      ]);
    }
    expect(s.durationSec).toBe(4 * 3600);
    expect(s.slo).toEqual({ latencyP99Sec: 0.25, errorRate: 0.001 });
  });

  it('starts with nodes that hold the initial replicas and the placeholders', () => {
    for (const c of s.clusters) {
      const nodes = c.nodeGroups.reduce((n, g) => n + g.initial, 0);
      const cpu = c.nodeGroups.reduce((n, g) => n + g.initial * g.allocatable.cpuMilli, 0);
      let requested = 0;
      for (const w of s.workloads) requested += c.replicas[w.name] * w.requests.cpuMilli;
      for (const o of c.overprovisioner) if (o.sizing.kind === 'fixed') requested += o.sizing.replicasPerCluster * o.requests.cpuMilli;
      // 32,750m of workloads + 25,000m of placeholders = 57,750m on 8 x 7,910m = 63,280m
      expect(requested).toBe(57_750);
      expect(cpu).toBe(63_280);
      expect(nodes).toBe(8);
      // above the scale-down threshold, so the start is steady
      expect(requested / cpu).toBeGreaterThan(c.clusterAutoscaler.scaleDownUtilizationThreshold);
    }
  });

  it('accepts the headroom comparison of the issue: --set overprovisioner.0.replicasPerCluster=0', () => {
    const none = loadScenario(join(DIR, 'default.yaml'), { sets: ['overprovisioner.0.replicasPerCluster=0'] });
    expect(none.clusters.every((c) => c.overprovisioner[0].sizing.kind === 'fixed' && c.overprovisioner[0].sizing.replicasPerCluster === 0)).toBe(true);
  });
});
