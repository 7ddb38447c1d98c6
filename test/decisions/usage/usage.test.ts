/** The usage model's pure rules, one at a time, with the arithmetic in the comments. */
import { describe, expect, it } from 'vitest';
import { cpuDemandMilli, defaultUsage, podCpuUsageMilli, qosClass, workingSetBytes } from '../../../src/decisions/usage/model.ts';
import { throttledCapacityRps } from '../../../src/decisions/usage/throttling.ts';
import { cpuShares, shareNodeCpu } from '../../../src/decisions/usage/cpu-shares.ts';
import { crashLoopBackOffSec } from '../../../src/decisions/usage/crash-loop-backoff.ts';
import { compareMemoryPressure, memoryPressureVictims } from '../../../src/decisions/usage/memory-pressure.ts';

const Mi = 2 ** 20;

describe('defaultUsage', () => {
  it('uses the cpu request at full capacity and the memory request', () => {
    // 4 servers / 50 ms = 80 req/s; 500m over 80 req/s = 6.25 ms of cpu a request
    const u = defaultUsage({ cpuMilli: 500, memoryBytes: 512 * Mi }, 4, 0.05);
    expect(u.cpuSecPerRequest).toBeCloseTo(0.00625, 12);
    expect(cpuDemandMilli(u, 80)).toBeCloseTo(500, 9);
    expect(cpuDemandMilli(u, 20)).toBeCloseTo(125, 9);
    expect(workingSetBytes(u, 4, 3600)).toBe(512 * Mi);
  });

  it('measured cpu stops at the limit', () => {
    const u = { cpuSecPerRequest: 0.01, idleCpuMilli: 50, memoryBytes: 0, memoryBytesPerRequest: 0, memoryGrowthBytesPerHour: 0 };
    // 50m + 30 req/s × 10 ms = 350m, under a 400m limit; 50 req/s would want 550m
    expect(podCpuUsageMilli(u, { cpuMilli: 400 }, 30)).toBeCloseTo(350, 9);
    expect(podCpuUsageMilli(u, { cpuMilli: 400 }, 50)).toBe(400);
    expect(podCpuUsageMilli(u, undefined, 50)).toBeCloseTo(550, 9);
  });
});

describe('qosClass (GetPodQOS)', () => {
  const req = { cpuMilli: 500, memoryBytes: 512 * Mi };
  it.each([
    ['no limits', req, undefined, 'Burstable'],
    ['limits equal to requests', req, { cpuMilli: 500, memoryBytes: 512 * Mi }, 'Guaranteed'],
    ['only a memory limit', req, { memoryBytes: 512 * Mi }, 'Burstable'],
    ['a cpu limit above the request', req, { cpuMilli: 1000, memoryBytes: 512 * Mi }, 'Burstable'],
    ['nothing requested or limited', { cpuMilli: 0, memoryBytes: 0 }, undefined, 'BestEffort'],
  ] as const)('%s', (_name, requests, limits, want) => {
    expect(qosClass(requests, limits)).toBe(want);
  });
});

describe('throttledCapacityRps', () => {
  const u = { cpuSecPerRequest: 0.005, idleCpuMilli: 0, memoryBytes: 0, memoryBytesPerRequest: 0, memoryGrowthBytesPerHour: 0 };
  it.each([
    // limit 100m / 5 ms a request = 20 req/s, under the 80 its concurrency allows
    [80, 100, 0, 20],
    // 1 core / 5 ms = 200 req/s: the concurrency's 80 binds
    [80, 1000, 0, 80],
    // 20m of 100m idle: 80m / 5 ms = 16 req/s
    [80, 100, 20, 16],
    // idle above the cpu: nothing served
    [80, 100, 150, 0],
  ])('natural %d req/s, %dm of cpu, %dm idle -> %d req/s', (natural, cpu, idle, want) => {
    expect(throttledCapacityRps(natural, cpu, { ...u, idleCpuMilli: idle })).toBeCloseTo(want, 9);
  });
});

describe('shareNodeCpu (cpu shares)', () => {
  const grant = new Float64Array(3);
  it('gives every pod what it wants when the node has enough', () => {
    expect(shareNodeCpu([500, 700], [512, 512], 2, 2000, grant)).toBe(false);
    expect([grant[0], grant[1]]).toEqual([500, 700]);
  });

  it('shares a short node in proportion to the requests', () => {
    // requests 100m and 1900m: shares 102 and 1945; both want 2 cores of a 2-core node:
    // 2000 × 102/2047 = 99.66m and 2000 × 1945/2047 = 1900.34m
    expect(shareNodeCpu([2000, 2000], [cpuShares(100), cpuShares(1900)], 2, 2000, grant)).toBe(true);
    expect(grant[0]).toBeCloseTo((2000 * 102) / 2047, 9);
    expect(grant[1]).toBeCloseTo((2000 * 1945) / 2047, 9);
  });

  it('leaves what a pod under its share does not want to the others', () => {
    // equal shares of 3000m: 1000m each; the first wants 400m, so 2600m go to the other two, 1300m each
    expect(shareNodeCpu([400, 2000, 2000], [1024, 1024, 1024], 3, 3000, grant)).toBe(true);
    expect([...grant]).toEqual([400, 1300, 1300]);
  });

  it('gives a pod with no request the least shares', () => {
    expect(cpuShares(0)).toBe(2);
    expect(cpuShares(1000)).toBe(1024);
  });
});

describe('crashLoopBackOffSec (CrashLoopBackOff)', () => {
  it('waits 10 s, doubling up to 5 min', () => {
    const delays: number[] = [];
    let last = 0;
    for (let i = 0; i < 8; i++) delays.push((last = crashLoopBackOffSec(last, 60)));
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('starts again at 10 s after 10 min without a crash', () => {
    expect(crashLoopBackOffSec(300, 600)).toBe(300);
    expect(crashLoopBackOffSec(300, 601)).toBe(10);
  });
});

describe('memory pressure (rankMemoryPressure)', () => {
  const pod = (usageMi: number, requestMi: number, priority = 0) => ({ usageBytes: usageMi * Mi, requestBytes: requestMi * Mi, priority });

  it('evicts pods over their request first, then lower priority, then the most above the request', () => {
    const pods = [pod(300, 512, -5), pod(600, 512, 10), pod(900, 512, 10), pod(700, 512, 0), pod(100, 512, 0)];
    const order = pods.map((_, i) => i).sort((i, j) => compareMemoryPressure(pods[i], pods[j]));
    // over their request: #3 (priority 0), then #2 and #1 (priority 10; #2 is 388Mi above, #1 88Mi);
    // under: #0 (priority −5) before #4 (0)
    expect(order).toEqual([3, 2, 1, 0, 4]);
  });

  it('evicts down the ranking until what is left fits', () => {
    const pods = [pod(1024, 512), pod(700, 512), pod(400, 512)];
    // 2124Mi on a 1536Mi node: #0 (512Mi over) goes first; 1100Mi left fits
    expect(memoryPressureVictims(pods, 2124 * Mi, 1536 * Mi)).toEqual([0]);
    // on a 1Gi node #1 goes too: 400Mi left
    expect(memoryPressureVictims(pods, 2124 * Mi, 1024 * Mi)).toEqual([0, 1]);
    expect(memoryPressureVictims(pods, 2124 * Mi, 4096 * Mi)).toEqual([]);
  });
});
