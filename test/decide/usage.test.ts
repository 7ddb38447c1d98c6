/**
 * `decide usage`, one rule at a time: the CFS quota at a cpu limit, cpu shares on a short node
 * (water-filling by cpu.shares), the working set against the memory limit with the kubelet's
 * back-off, node-pressure eviction in rankMemoryPressure's order with OOM-killed containers not
 * counted; and bad input named at its key.
 */
import { describe, expect, it } from 'vitest';
import { decideUsage } from '../../src/decide/usage.ts';
import { runDecide } from '../../src/cli/decide.ts';

const Mi = 2 ** 20;
const pod = (name: string, extra: Record<string, unknown> = {}) => ({ name, requests: { cpu: '500m', memory: '512Mi' }, serviceTime: '20ms', concurrency: 2, rps: 50, ...extra });

describe('decide usage', () => {
  it('without usage keys a pod at full load uses its request, and nothing is throttled or short', () => {
    const d = decideUsage({ node: { allocatable: { cpu: '1', memory: '1Gi' } }, pods: [pod('a', { rps: 100 })] });
    // 2 / 20 ms = 100 requests a second at 500m
    expect(d.pods[0]).toMatchObject({ qosClass: 'Burstable', naturalRps: 100, servesRps: 100, cpu: { demandMilli: 500, grantedMilli: 500, throttled: false, starved: false } });
    expect(d.pods[0].memory).toEqual({ workingSetBytes: 512 * Mi, oomKilled: false });
    expect(d.node).toMatchObject({ cpuShort: false, memoryShort: false, evictions: [] });
  });

  it('throttling: a pod wanting more than its cpu limit serves (limit − idle) / cpu per request', () => {
    const d = decideUsage({ pods: [pod('a', { limits: { cpu: '500m' }, usage: { cpuPerRequest: '8ms', idleCpu: '20m' }, rps: 80 })] });
    // wants 20m + 80 × 8ms = 660m; at 500m it serves (500 − 20) / 8 = 60 a second
    expect(d.pods[0].cpu).toEqual({ demandMilli: 660, wantMilli: 500, grantedMilli: 500, throttled: true, starved: false });
    expect(d.pods[0].servesRps).toBe(60);
    expect(d.node).toBeUndefined();
  });

  it('cpu shares: a short node gives a pod wanting less than its share what it wants, the rest by request', () => {
    const d = decideUsage({
      node: { allocatable: { cpu: '2', memory: '8Gi' } },
      pods: [
        pod('big', { requests: { cpu: '1500m', memory: '1Gi' }, usage: { cpuPerRequest: '30ms' }, rps: 100 }),
        pod('small', { requests: { cpu: '250m', memory: '1Gi' }, usage: { cpuPerRequest: '10ms' }, rps: 100 }),
        pod('idle', { requests: { cpu: '250m', memory: '1Gi' }, usage: { idleCpu: '50m', cpuPerRequest: '1ms' }, rps: 0 }),
      ],
    });
    // wants 3000 + 1000 + 50 > 2000; shares 1536 / 256 / 256: idle keeps 50m, the 1950m left go 1536:256
    const [big, small, idle] = d.pods;
    expect(idle.cpu.grantedMilli).toBe(50);
    expect(big.cpu.grantedMilli).toBeCloseTo((1950 * 1536) / 1792, 2);
    expect(small.cpu.grantedMilli).toBeCloseTo((1950 * 256) / 1792, 2);
    expect(big.cpu.starved && small.cpu.starved && !idle.cpu.starved).toBe(true);
    // small serves what its grant buys: 278.6m / 10 ms
    expect(small.servesRps).toBeCloseTo((1950 * 256) / 1792 / 10, 2);
    expect(d.node?.cpuShort).toBe(true);
  });

  it('OOM kill: a working set over the memory limit, restarted after 10 s, then doubling, reset after 10 minutes', () => {
    const leaky = (lastBackOff?: unknown) => pod('leaky', { limits: { memory: '512Mi' }, usage: { memory: '200Mi', memoryGrowthPerHour: '300Mi' }, runningFor: '63m', ...(lastBackOff ? { lastBackOff } : {}) });
    expect(decideUsage({ pods: [leaky()] }).pods[0].memory).toEqual({ workingSetBytes: 515 * Mi, oomKilled: true, restartAfterSec: 10 });
    expect(decideUsage({ pods: [leaky({ delay: '40s', ago: '2m' })] }).pods[0].memory.restartAfterSec).toBe(80);
    expect(decideUsage({ pods: [leaky({ delay: '5m', ago: '6m' })] }).pods[0].memory.restartAfterSec).toBe(300);
    expect(decideUsage({ pods: [leaky({ delay: '5m', ago: '11m' })] }).pods[0].memory.restartAfterSec).toBe(10);
    expect(decideUsage({ pods: [pod('young', { limits: { memory: '512Mi' }, usage: { memory: '200Mi', memoryGrowthPerHour: '300Mi' }, runningFor: '1h' })] }).pods[0].memory.oomKilled).toBe(false);
  });

  it('the working set counts the requests in flight: concurrency × served ÷ capacity', () => {
    // 50 of 100 a second: one of two slots busy
    const d = decideUsage({ pods: [pod('a', { usage: { memory: '100Mi', memoryPerRequest: '10Mi' } })] });
    expect(d.pods[0].memory.workingSetBytes).toBe(110 * Mi);
  });

  it('node pressure: over its request first, then lower priority, then the most above the request; an OOM-killed container is not counted', () => {
    const d = decideUsage({
      node: { allocatable: { cpu: '8', memory: '4Gi' } },
      pods: [
        pod('under', { requests: { cpu: '500m', memory: '2Gi' }, usage: { memory: '1Gi' }, priority: -10 }),
        pod('over-high', { requests: { cpu: '500m', memory: '512Mi' }, usage: { memory: '1Gi' }, priority: 1000 }),
        pod('over-low', { requests: { cpu: '500m', memory: '512Mi' }, usage: { memory: '1Gi' }, priority: 0 }),
        pod('over-more', { requests: { cpu: '500m', memory: '256Mi' }, usage: { memory: '1536Mi' }, priority: 1000 }),
        pod('killed', { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' }, usage: { memory: '2Gi' } }),
      ],
    });
    // running: 1 + 1 + 1 + 1.5 = 4.5Gi of 4Gi; over-low (priority 0) goes first and is enough
    expect(d.node?.memoryUsedBytes).toBe(4.5 * 1024 * Mi);
    expect(d.node?.evictions).toEqual(['over-low']);
    expect(d.pods.find((p) => p.name === 'killed')?.memory.oomKilled).toBe(true);
    const tighter = decideUsage({
      node: { allocatable: { cpu: '8', memory: '2Gi' } },
      pods: [pod('under', { requests: { cpu: '500m', memory: '2Gi' }, usage: { memory: '1Gi' } }), pod('a', { requests: { cpu: '500m', memory: '512Mi' }, usage: { memory: '1Gi' } }), pod('b', { requests: { cpu: '500m', memory: '256Mi' }, usage: { memory: '1Gi' } })],
    });
    // same priority: b is further above its request than a; under its request, `under` stays
    expect(tighter.node?.evictions).toEqual(['b']);
  });

  it('QoS: Guaranteed when both limits equal the requests, BestEffort with nothing asked', () => {
    expect(decideUsage({ pods: [pod('g', { limits: { cpu: '500m', memory: '512Mi' } })] }).pods[0].qosClass).toBe('Guaranteed');
    expect(decideUsage({ pods: [pod('b', { requests: {} })] }).pods[0].qosClass).toBe('BestEffort');
  });

  it.each([
    [{ pods: [pod('a', { rps: -1 })] }, /^pods\.0\.rps: must be the requests a second offered/],
    [{ pods: [pod('a', { limits: { cpu: '100m' } })] }, /^pods\.0\.limits\.cpu: limits\.cpu \(100m\) must be at least requests\.cpu/],
    [{ pods: [pod('a', { usage: { idleCpu: '600m' }, requests: { cpu: '500m' }, limits: { cpu: '500m' } })] }, /^pods\.0\.limits\.cpu: limits\.cpu \(500m\) must be above usage\.idleCpu \(600m\)/],
    [{ pods: [pod('a', { usage: { cpuPerReq: '1ms' } })] }, /^pods\.0\.usage.*cpuPerReq/],
    [{ pods: [{ name: 'a', requests: {}, rps: 1 }] }, /^pods\.0\.serviceTime: missing/],
    [{ node: { allocatable: { cpu: '2' } }, pods: [] }, /^node\.allocatable: needs cpu and memory/],
  ])('bad input %#: one line naming the key', (input, message) => {
    const { stdout, errors } = runDecide('usage', JSON.stringify(input), false);
    expect(stdout).toBe('');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(errors[0]).not.toMatch(/\n|at .*\.ts/);
  });
});
