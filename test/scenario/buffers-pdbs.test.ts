import { describe, expect, it } from 'vitest';
import { parseScenarioResult } from '../../src/scenario/index.ts';
import { formatWarning } from '../../src/input/warnings.ts';
import { stringify } from 'yaml';
import { FILE, load, minimal, problemsOf } from './fixture.ts';

const Mi = 2 ** 20;
const withBuffers = (buffers: unknown[], extra: Record<string, unknown> = {}): Record<string, any> => ({ ...minimal(), buffers, ...extra });

describe('buffers (CapacityBuffer): resolved to the pod they stand for and how to count it', () => {
  it.each([
    [
      'a pod template and a fixed count',
      { name: 'spare', podTemplate: { requests: { cpu: '1', memory: '1Gi' } }, replicas: 5 },
      { name: 'spare', requests: { cpuMilli: 1000, memoryBytes: 1024 * Mi }, priorityClass: '', priority: 0, labels: {}, replicas: 5 },
    ],
    [
      'a share of a workload: its pod, a percent of its replicas',
      { name: 'web-room', percentOf: 'web', percent: 20 },
      { name: 'web-room', requests: { cpuMilli: 500, memoryBytes: 512 * Mi }, priorityClass: '', priority: 0, labels: {}, percentOf: { workload: 'web', percent: 20 } },
    ],
    [
      'a workload\'s pod with a fixed count (no percent)',
      { name: 'web-room', percentOf: 'web', replicas: 3 },
      { name: 'web-room', requests: { cpuMilli: 500, memoryBytes: 512 * Mi }, priorityClass: '', priority: 0, labels: {}, replicas: 3 },
    ],
    [
      'limits in total, and labels of the template',
      { name: 'spare', podTemplate: { requests: { cpu: '500m', memory: '1Gi' }, labels: { team: 'a' } }, limits: { cpu: '4', memory: '8Gi' } },
      { name: 'spare', requests: { cpuMilli: 500, memoryBytes: 1024 * Mi }, priorityClass: '', priority: 0, labels: { team: 'a' }, limits: { cpuMilli: 4000, memoryBytes: 8 * 1024 * Mi } },
    ],
  ])('%s', (_what, buffer, want) => {
    expect(load(withBuffers([buffer])).clusters[0].buffers).toEqual([want]);
  });

  it('a template\'s priority class is resolved, with the globalDefault class when it names none', () => {
    const raw = withBuffers([{ name: 'a', podTemplate: { requests: { cpu: '1', memory: '1Gi' }, priorityClass: 'high' }, replicas: 1 }, { name: 'b', podTemplate: { requests: { cpu: '1', memory: '1Gi' } }, replicas: 1 }]);
    raw.priorityClasses = [{ name: 'high', value: 1000 }, { name: 'normal', value: 10, globalDefault: true }];
    expect(load(raw).clusters[0].buffers.map((b) => [b.priorityClass, b.priority])).toEqual([['high', 1000], ['normal', 10]]);
  });

  it('a percentOf buffer takes the workload\'s priority', () => {
    const raw = withBuffers([{ name: 'a', percentOf: 'web', percent: 10 }]);
    raw.priorityClasses = [{ name: 'high', value: 1000 }];
    raw.workloads[0].priorityClass = 'high';
    expect(load(raw).clusters[0].buffers[0]).toMatchObject({ priorityClass: 'high', priority: 1000 });
  });

  it('each cluster gets its own copy', () => {
    const raw = withBuffers([{ name: 'a', percentOf: 'web', percent: 10 }], { clusters: ['az-a', 'az-b'] });
    const s = load(raw);
    expect(s.clusters[0].buffers).toEqual(s.clusters[1].buffers);
    expect(s.clusters[0].buffers).not.toBe(s.clusters[1].buffers);
  });

  it.each([
    ['both podTemplate and percentOf', { name: 'x', podTemplate: { requests: { cpu: '1', memory: '1Gi' } }, percentOf: 'web', replicas: 1 }, 'buffers.0: a buffer needs either podTemplate (its own pod) or percentOf (a workload whose pods it stands for), not both'],
    ['neither', { name: 'x', replicas: 1 }, 'buffers.0: a buffer needs either podTemplate'],
    ['no count', { name: 'x', podTemplate: { requests: { cpu: '1', memory: '1Gi' } } }, 'buffers.0: needs replicas or limits to size it'],
    ['percent without percentOf', { name: 'x', podTemplate: { requests: { cpu: '1', memory: '1Gi' } }, percent: 10 }, 'buffers.0.percent: percent applies to percentOf'],
    ['an unknown workload', { name: 'x', percentOf: 'wbe', percent: 10 }, 'buffers.0.percentOf: unknown workload "wbe" (did you mean "web"?)'],
    ['limits on a resource the pod does not request', { name: 'x', podTemplate: { requests: { cpu: '1', memory: 0 } }, limits: { memory: '1Gi' } }, 'buffers.0.limits: limits must name a resource the buffer\'s pod requests (cpu or memory)'],
    ['a pod that requests nothing', { name: 'x', podTemplate: { requests: { cpu: 0, memory: 0 } }, replicas: 2 }, 'buffers.0.podTemplate.requests: a buffer of pods that request nothing keeps no room'],
    ['a pod that fits no node', { name: 'x', podTemplate: { requests: { cpu: '16', memory: '1Gi' } }, replicas: 2 }, 'a pod requesting 16 cpu and 1Gi memory fits on no node group'],
    ['a name used twice', { name: 'web', percentOf: 'web', percent: 10 }, ''],
  ])('refuses %s', (what, buffer, want) => {
    const buffers = what === 'a name used twice' ? [buffer, buffer] : [buffer];
    const expected = what === 'a name used twice' ? 'buffers.1.name: buffer "web" is already defined at index 0' : want;
    expect(problemsOf(withBuffers(buffers))).toEqual([expect.stringContaining(expected)]);
  });

  it('refuses an expendable buffer: the autoscaler drops pods under its cutoff before scaling up', () => {
    const raw = withBuffers([{ name: 'x', podTemplate: { requests: { cpu: '1', memory: '1Gi' }, priorityClass: 'low' }, replicas: 2 }]);
    raw.priorityClasses = [{ name: 'low', value: -20 }];
    expect(problemsOf(raw)).toEqual([expect.stringContaining("buffers.0: buffer priority -20 is below the cluster-autoscaler's expendable cutoff (-10)")]);
  });
});

describe('podDisruptionBudgets written in the scenario', () => {
  const withPdbs = (pdbs: unknown[]) => ({ ...minimal(), podDisruptionBudgets: pdbs });

  it.each([
    [{ minAvailable: 2 }, { minAvailable: { kind: 'count', value: 2 } }],
    [{ minAvailable: '50%' }, { minAvailable: { kind: 'percent', value: 50 } }],
    [{ maxUnavailable: 1 }, { maxUnavailable: { kind: 'count', value: 1 } }],
    [{ maxUnavailable: '10%' }, { maxUnavailable: { kind: 'percent', value: 10 } }],
  ])('%j', (budget, want) => {
    expect(load(withPdbs([{ name: 'web', matchLabels: { app: 'web' }, ...budget }])).podDisruptionBudgets).toEqual([{ name: 'web', matchLabels: { app: 'web' }, ...want }]);
  });

  it.each([
    [{ minAvailable: 1, maxUnavailable: 1 }, 'podDisruptionBudgets.0.maxUnavailable: give either minAvailable or maxUnavailable, not both'],
    [{ minAvailable: '120%' }, 'podDisruptionBudgets.0.minAvailable: a percentage is at most 100%, got 120%'],
    [{ minAvailable: '12.5%' }, 'podDisruptionBudgets.0.minAvailable: expected a count or a whole percentage such as "50%", got "12.5%"'],
    [{ maxUnavailable: -1 }, 'podDisruptionBudgets.0.maxUnavailable'],
  ])('refuses %j', (budget, want) => {
    expect(problemsOf(withPdbs([{ name: 'web', matchLabels: { app: 'web' }, ...budget }]))).toEqual([expect.stringContaining(want)]);
  });

  it('one with neither allows no disruption: a warning says so', () => {
    const raw = withPdbs([{ name: 'web', matchLabels: { app: 'web' } }]);
    const r = parseScenarioResult(stringify(raw), FILE, { checkFiles: false });
    expect(r.scenario.podDisruptionBudgets).toEqual([{ name: 'web', matchLabels: { app: 'web' } }]);
    expect(r.warnings.map(formatWarning)).toEqual([expect.stringMatching(/podDisruptionBudgets\.0: PodDisruptionBudget "web" has neither minAvailable nor maxUnavailable: it allows no disruption at all$/)]);
  });

  it('none by default, and none leave the scenario hash unchanged', () => {
    expect(load(minimal()).podDisruptionBudgets).toEqual([]);
    expect(load(minimal()).clusters[0].buffers).toEqual([]);
  });
});
