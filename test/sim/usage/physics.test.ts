/**
 * The usage model's physics in whole runs, one rule at a time: the HPA reads usage / request,
 * a cpu limit throttles, a short node shares its cpu by requests, a container over its memory
 * limit is OOM-killed and restarts after CrashLoopBackOff, and a node over its allocatable memory
 * evicts pods in the kubelet's order.
 */
import { describe, expect, it } from 'vitest';
import { collect, fleet } from '../../helpers/usage.ts';
import { runScenario } from '../../../src/run.ts';
import { scenarioFromYaml } from '../../helpers/scenario.ts';

const Mi = 2 ** 20;

describe('HPA utilization = usage / request', () => {
  async function replicasAtEnd(request: string): Promise<number> {
    const yaml = fleet(`    usage: {cpuPerRequest: 5ms}\n    hpa: {min: 2, max: 100, targetCPUUtilization: 50}`, { duration: '20m', rate: 400 })
      .replace('cpu: 500m, memory: 512Mi', `cpu: ${request}, memory: 512Mi`);
    const r = await runScenario(scenarioFromYaml(yaml));
    const desired = r.series!.workloads[0][0].desired_replicas;
    return desired[r.series!.length - 1];
  }

  it('a smaller cpu request means more replicas at the same target', async () => {
    // 400 req/s × 5 ms = 2 cores in all; at 50% of 500m each pod may use 250m: 8 pods;
    // at 50% of 250m, 125m: 16 pods
    expect(await replicasAtEnd('500m')).toBe(8);
    expect(await replicasAtEnd('250m')).toBe(16);
  });
});

describe('throttling at the cpu limit', () => {
  it("caps a pod's capacity at limit / cpu per request", async () => {
    // 10 pods, 10 ms a request, limit 100m: 10 req/s a pod (its concurrency would allow 80),
    // 100 req/s in all; 400 req/s offered, so every pod is throttled and uses its 100m
    const yaml = fleet('    usage: {cpuPerRequest: 10ms}\n    limits: {cpu: 100m}').replace('cpu: 500m, memory', 'cpu: 100m, memory');
    const { steps } = await collect(yaml);
    for (const s of steps) {
      expect(s.capacityRps).toBeCloseTo(100, 9);
      expect(s.throttled).toBe(10);
      expect(s.cpuMean).toBeCloseTo(100, 6);
    }
  });

  it('leaves a pod under its limit alone', async () => {
    // 40 req/s a pod × 10 ms = 400m, under a 1-core limit: full capacity (800 req/s), not throttled
    const { steps } = await collect(fleet('    usage: {cpuPerRequest: 10ms}\n    limits: {cpu: 1}'));
    for (const s of steps) {
      expect(s.capacityRps).toBeCloseTo(800, 9);
      expect(s.throttled).toBe(0);
    }
  });
});

describe('cpu shares on a node short of cpu', () => {
  it('slows the pod with the small request down', async () => {
    // a 2-core node: api (request 100m) wants 40 req/s × 10 ms = 400m; hog (request 1800m) idles
    // at 2 cores. Shares 102 and 1843 of 2 cores: api gets 2000 × 102/1945 = 104.9m and serves
    // 10.49 req/s instead of the 80 its concurrency allows
    const hog = `  - name: hog
    requests: {cpu: 1800m, memory: 512Mi}
    serviceTime: 50ms
    replicas: 1
    usage: {idleCpu: 2}
    traffic: {generator: {base: 0}}`;
    const yaml = fleet('    usage: {cpuPerRequest: 10ms}', { replicas: 1, rate: 40, nodes: '{cpu: 2, memory: 8Gi, pods: 20}', extra: hog }).replace(
      'cpu: 500m, memory: 512Mi',
      'cpu: 100m, memory: 512Mi',
    );
    const { steps } = await collect(yaml);
    const want = (2000 * 102) / 1945 / 10;
    for (const s of steps) {
      expect(s.capacityRps).toBeCloseTo(want, 6);
      expect(s.shared).toBe(1);
      expect(s.throttled).toBe(0);
      expect(s.usedCpu).toBeCloseTo(2000, 6);
    }
  });
});

describe('OOM kill and CrashLoopBackOff', () => {
  it('kills a container over its memory limit and restarts it after 10 s, 20 s, 40 s, ...', async () => {
    // 500Mi + 100Mi a minute since the container started, limit 600Mi: over it 70 s after each
    // start (the first step past 60 s). Killed at 70 s, back-off 10 s: Ready at 80 s, killed at
    // 150 s; back-off 20 s: 170 s, killed at 240 s; 40 s: 280 s, killed at 350 s; 80 s: 430 s, 500 s
    const yaml = fleet('    usage: {memory: 500Mi, memoryGrowthPerHour: 6000Mi}\n    limits: {memory: 600Mi}\n    startupDelay: {fixed: 0s}', {
      replicas: 1,
      rate: 10,
      duration: '10m',
    });
    const { steps } = await collect(yaml);
    const kills = steps.flatMap((s, k) => (s.oom > 0 ? [k * 10] : []));
    expect(kills).toEqual([70, 150, 240, 350, 500]);
    const restarts = steps.flatMap((s, k) => (s.restarts > 0 ? [k * 10] : []));
    // a restart shows in the step after it happened
    expect(restarts).toEqual([80, 170, 280, 430]);
    // NotReady meanwhile: no Ready pod in the step after a kill
    expect(steps[8].ready).toBe(1);
    expect(steps[16].ready).toBe(0);
    // the step that kills sees the working set over the limit
    expect(steps[7].memMax).toBeGreaterThan(600 * Mi);
    expect(steps[6].memMax).toBe(600 * Mi);
  });
});

describe('node-pressure eviction', () => {
  it('evicts the pods using more than they request first, and the Deployment replaces them', async () => {
    // a 2Gi node: api (request 256Mi) uses 700Mi, 2 pods; steady (request 512Mi, priority 100 -> no
    // matter: it is under its request) uses 400Mi, 2 pods. 2200Mi > 2048Mi: one api pod goes
    // (over its request, 444Mi above), leaving 1500Mi
    const steady = `  - name: steady
    requests: {cpu: 100m, memory: 512Mi}
    serviceTime: 50ms
    replicas: 2
    usage: {memory: 400Mi}
    traffic: {generator: {base: 0}}`;
    const yaml = fleet('    usage: {memory: 700Mi}', { replicas: 2, rate: 10, nodes: '{cpu: 4, memory: 2Gi, pods: 20}', extra: steady, duration: '2m' }).replace(
      'cpu: 500m, memory: 512Mi',
      'cpu: 100m, memory: 256Mi',
    );
    const api = await collect(yaml, true, 0);
    const other = await collect(yaml, true, 1);
    expect(api.steps[0].evictions).toBe(1);
    expect(other.steps.every((s) => s.evictions === 0)).toBe(true);
    expect(api.steps[0].usedMemory).toBe(2200 * Mi);
  });
});
