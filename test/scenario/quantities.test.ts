import { describe, expect, it } from 'vitest';
import { load, minimal, problemsOf } from './fixture.ts';

describe('quantity forms in a scenario', () => {
  it.each([
    // cpu: millicores, cores as a number or a string, decimal suffixes
    ['500m', 500],
    [2, 2000],
    ['1.5', 1500],
    ['0.1', 100],
    ['250m', 250],
  ])('cpu %s is %i millicores', (cpu, milli) => {
    const raw = minimal();
    raw.workloads[0].requests.cpu = cpu;
    expect(load(raw).workloads[0].requests.cpuMilli).toBe(milli);
  });

  it.each([
    ['512Mi', 512 * 2 ** 20],
    ['2Gi', 2 * 2 ** 30],
    ['1e9', 1e9],
    ['1G', 1e9],
    [1048576, 2 ** 20],
  ])('memory %s is %i bytes', (memory, bytes) => {
    const raw = minimal();
    raw.workloads[0].requests.memory = memory;
    expect(load(raw).workloads[0].requests.memoryBytes).toBe(bytes);
  });

  it.each([
    ['90s', 90],
    ['10m', 600],
    ['1h30m', 5400], // 3600 + 1800
    ['250ms', 0.25],
    [45, 45], // a bare number is seconds
    ['1.5h', 5400],
  ])('duration %s is %s seconds', (timeout, sec) => {
    const raw = minimal();
    raw.workloads[0].timeout = timeout;
    expect(load(raw).workloads[0].timeoutSec).toBe(sec);
  });

  it.each([
    ['0.1%', 0.001],
    ['5%', 0.05],
    [0.002, 0.002],
  ])('ratio %s is %s', (errorRate, fraction) => {
    expect(load({ ...minimal(), slo: { errorRate } }).slo.errorRate).toBeCloseTo(fraction, 12);
  });

  it('reads a request rate as a number or a quantity (12k = 12,000 req/s)', () => {
    const raw = minimal();
    raw.workloads[0].traffic = { generator: { base: '2k', bursts: [{ at: '5m', peak: '12k' }] } };
    const t = load(raw).workloads[0].traffic;
    expect(t.kind === 'generator' && [t.generator.base, t.generator.bursts[0].peak]).toEqual([2000, 12000]);
  });

  it.each([
    ['delay shorthand', '30s', { kind: 'fixed', sec: 30 }],
    ['fixed', { fixed: '1m' }, { kind: 'fixed', sec: 60 }],
    ['uniform', { dist: 'uniform', min: '20s', max: '40s' }, { kind: 'uniform', minSec: 20, maxSec: 40 }],
    ['lognormal', { dist: 'lognormal', median: '90s', p95: '3m' }, { kind: 'lognormal', medianSec: 90, p95Sec: 180 }],
  ])('startupDelay as %s', (_what, startupDelay, want) => {
    const raw = minimal();
    raw.workloads[0].startupDelay = startupDelay;
    expect(load(raw).workloads[0].startupDelay).toEqual(want);
  });

  it.each([
    ['a duration', '50ms', { meanSec: 0.05, dist: 'exponential' }],
    ['mean only', { mean: '80ms' }, { meanSec: 0.08, dist: 'exponential' }],
    ['lognormal', { mean: '50ms', dist: 'lognormal', p99: '200ms' }, { meanSec: 0.05, dist: 'lognormal', p99Sec: 0.2 }],
    ['a p99 picks lognormal', { mean: '50ms', p99: '200ms' }, { meanSec: 0.05, dist: 'lognormal', p99Sec: 0.2 }],
  ])('serviceTime as %s', (_what, serviceTime, want) => {
    const raw = minimal();
    raw.workloads[0].serviceTime = serviceTime;
    expect(load(raw).workloads[0].serviceTime).toEqual(want);
  });

  it.each([
    ['cpu', ['requests', 'cpu'], '5 cores', 'workloads.0.requests.cpu: cpu "5 cores" is not a Kubernetes quantity'],
    ['memory', ['requests', 'memory'], '-1Gi', 'workloads.0.requests.memory: memory must not be negative'],
    ['duration', ['timeout'], '10 minutes', 'workloads.0.timeout: duration "10 minutes" is not a duration'],
    ['type', ['timeout'], [1], 'workloads.0.timeout: expected a duration such as 90s, 10m or 1h30m, got a list'],
  ])('refuses a bad %s, naming the key', (_what, path, value, message) => {
    const raw = minimal();
    let o = raw.workloads[0];
    for (const k of path.slice(0, -1)) o = o[k];
    o[path[path.length - 1]] = value;
    const [p] = problemsOf(raw);
    expect(p).toContain(message);
    expect(p).toMatch(/^\/fixtures\/scenario\.yaml:\d+:\d+: /);
  });
});
