/**
 * An included Deployment's limits become its workload's `limits` (the usage model's key) when the
 * pod has them as a whole: every container limits the resource, or the pod does (spec.resources).
 * A resource some containers limit and others do not has no pod-wide limit, as kubelet's pod
 * cgroup has none, and the include says so.
 */
import { describe, expect, it } from 'vitest';
import { docs, folder, loadIn, NODE_GROUP, problemsIn } from './include-fixture.ts';

const Mi = 2 ** 20;

type Container = { name: string; resources: Record<string, Record<string, string>>; restartPolicy?: string };

const deployment = (name: string, containers: Container[], podSpec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, annotations: { 'headroom/service-time': '50ms' } },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { ...podSpec, containers: containers.map((c) => ({ image: `example/${c.name}:1`, ...c })) } },
  },
});

const app = (requests: Record<string, string>, limits?: Record<string, string>): Container => ({ name: 'app', resources: { requests, ...(limits ? { limits } : {}) } });
const proxy = (requests: Record<string, string>, limits?: Record<string, string>): Container => ({ name: 'proxy', resources: { requests, ...(limits ? { limits } : {}) } });

const scenario = { include: ['deploy'], nodeGroups: [NODE_GROUP] };

describe('an included Deployment with limits', () => {
  it('every container limits both: the pod limits are their sums, and the workload is Guaranteed when they equal its requests', () => {
    const dir = folder({
      'scenario.yaml': scenario,
      'deploy/a.yaml': docs(
        deployment('guaranteed', [app({ cpu: '400m', memory: '512Mi' }, { cpu: '400m', memory: '512Mi' }), proxy({ cpu: '100m', memory: '64Mi' }, { cpu: '100m', memory: '64Mi' })]),
        deployment('burstable', [app({ cpu: '250m', memory: '256Mi' }, { cpu: '1', memory: '1Gi' }), proxy({ cpu: '50m', memory: '32Mi' }, { cpu: '200m', memory: '128Mi' })]),
      ),
    });
    const { scenario: s, warningText } = loadIn(dir);
    expect(warningText).toEqual([]);
    const [g, b] = s.workloads;
    expect(g.requests).toEqual({ cpuMilli: 500, memoryBytes: 576 * Mi });
    expect(g.limits).toEqual({ cpuMilli: 500, memoryBytes: 576 * Mi });
    expect(b.limits).toEqual({ cpuMilli: 1200, memoryBytes: 1152 * Mi });
  });

  it('a resource only some containers limit: no pod-wide limit of it, and a warning at the containers', () => {
    const dir = folder({
      'scenario.yaml': scenario,
      'deploy/a.yaml': docs(deployment('shop', [app({ cpu: '500m', memory: '512Mi' }, { memory: '1Gi', cpu: '2' }), proxy({ cpu: '100m', memory: '128Mi' }, { cpu: '500m' })])),
    });
    const { scenario: s, warningText } = loadIn(dir);
    // cpu: both containers limit it (2 + 0.5); memory: the proxy does not
    expect(s.workloads[0].limits).toEqual({ cpuMilli: 2500 });
    expect(warningText).toEqual([expect.stringMatching(/^deploy\/a\.yaml:\d+:\d+: .*some containers limit memory and some do not: the pod has no memory limit as a whole/)]);
  });

  it('no limits at all: no limits key, so the usage model stays off', () => {
    const dir = folder({ 'scenario.yaml': scenario, 'deploy/a.yaml': docs(deployment('plain', [app({ cpu: '500m', memory: '512Mi' })])) });
    const { scenario: s, warningText } = loadIn(dir);
    expect(s.workloads[0].limits).toBeUndefined();
    expect(warningText).toEqual([]);
  });

  it('a pod-level limit (spec.resources) stands for the whole pod, with the RuntimeClass overhead on top', () => {
    const dir = folder({
      'scenario.yaml': scenario,
      'deploy/a.yaml': docs(deployment('pod-level', [app({ cpu: '500m', memory: '512Mi' }), proxy({ cpu: '100m', memory: '128Mi' })], { resources: { limits: { cpu: '1', memory: '1Gi' } }, overhead: { cpu: '50m', memory: '16Mi' } })),
    });
    const { scenario: s } = loadIn(dir);
    expect(s.workloads[0].limits).toEqual({ cpuMilli: 1050, memoryBytes: 1040 * Mi });
  });

  it('the scenario may restate the limits by name: what it writes wins', () => {
    const dir = folder({
      'scenario.yaml': { ...scenario, workloads: [{ name: 'w', limits: { memory: '2Gi' } }] },
      'deploy/a.yaml': docs(deployment('w', [app({ cpu: '500m', memory: '512Mi' }, { cpu: '1', memory: '1Gi' })])),
    });
    expect(loadIn(dir).scenario.workloads[0].limits).toEqual({ cpuMilli: 1000, memoryBytes: 2048 * Mi });
  });

  it('a cpu limit the idle cpu fills is refused at the manifest, not at a key the scenario never wrote', () => {
    const dir = folder({
      'scenario.yaml': { ...scenario, workloads: [{ name: 'w', usage: { idleCpu: '300m' } }] },
      'deploy/a.yaml': docs(deployment('w', [app({ cpu: '200m', memory: '512Mi' }, { cpu: '200m', memory: '1Gi' })])),
    });
    const problems = problemsIn(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^deploy\/a\.yaml:\d+:\d+: document 1 \(Deployment w\): spec\.template\.spec\.containers: limits\.cpu \(200m\) must be above usage\.idleCpu \(300m\)/);
  });
});
