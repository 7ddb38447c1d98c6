/**
 * The usage figures a caller running the simulation in-process collects from the observer: per
 * (cluster, workload) per step, the mean and max cpu and memory working set of the Ready pods.
 * Without `usage` a pod uses the share of its request that its load is of its capacity, and its
 * memory request; with `usage`, what the keys say.
 */
import { describe, expect, it } from 'vitest';
import { collect, fleet } from '../../helpers/usage.ts';

describe('usage columns', () => {
  it('are absent unless the scenario has usage or the observer asks', async () => {
    expect((await collect(fleet(''), false)).steps).toHaveLength(0);
  });

  it('default to the request at full load and the memory request', async () => {
    // 10 pods × 4 / 50 ms = 800 req/s of capacity; 400 req/s is half of it: each pod uses half its
    // 500m request, 250m, and its working set is its 512Mi request
    const { steps } = await collect(fleet(''));
    expect(steps).toHaveLength(30);
    for (const s of steps) {
      expect(s.cpuMean).toBeCloseTo(250, 6);
      expect(s.cpuMax).toBeCloseTo(250, 6);
      expect(s.memMean).toBe(512 * 2 ** 20);
      expect(s.memMax).toBe(512 * 2 ** 20);
      expect(s.usedCpu).toBeCloseTo(2500, 6);
    }
  });

  it('follow the usage keys', async () => {
    // 40 req/s per pod × 5 ms = 200m, + 20m idle = 220m;
    // in flight: 40 req/s × 50 ms = 2 requests, × 10Mi + 200Mi = 220Mi
    const { steps } = await collect(fleet('    usage: {cpuPerRequest: 5ms, idleCpu: 20m, memory: 200Mi, memoryPerRequest: 10Mi}'));
    for (const s of steps) {
      expect(s.cpuMean).toBeCloseTo(220, 6);
      expect(s.memMean).toBeCloseTo(220 * 2 ** 20, 0);
    }
  });

  it('grow the working set per hour since the container started', async () => {
    // 60Mi an hour: 1Mi a minute; the step at 4m sees 4Mi above the 200Mi base
    const { steps } = await collect(fleet('    usage: {memory: 200Mi, memoryGrowthPerHour: 60Mi}'));
    expect(steps[24].memMean).toBeCloseTo(204 * 2 ** 20, 0);
  });
});
