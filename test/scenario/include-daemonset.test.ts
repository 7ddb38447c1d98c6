/**
 * An included DaemonSet becomes an entry of daemonSets: its pod's effective requests (init
 * containers and sidecars as kube-scheduler combines them) and its nodeSelector and tolerations,
 * each key pointing back at the manifest field it came from.
 */
import { describe, expect, it } from 'vitest';
import { docs, folder, loadIn, NODE_GROUP, problemsIn } from './include-fixture.ts';

const Mi = 2 ** 20;

const daemonSet = (name: string, podSpec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        ...podSpec,
        containers: [
          { name: 'agent', image: `example/${name}:1`, resources: { requests: { cpu: '150m', memory: '200Mi' } } },
          { name: 'exporter', image: 'example/exporter:1', resources: { limits: { cpu: '50m', memory: '56Mi' } } },
        ],
      },
    },
  },
});

describe('an included DaemonSet', () => {
  it('is a daemonSets entry: effective requests (a limit stands for a missing request), nodeSelector, tolerations', () => {
    const dir = folder({
      'scenario.yaml': { include: ['deploy'], nodeGroups: [NODE_GROUP] },
      'deploy/agents.yaml': docs(
        daemonSet('log-shipper'),
        daemonSet('gpu-agent', { nodeSelector: { accelerator: 'gpu' }, tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] }),
      ),
    });
    const { scenario, warningText } = loadIn(dir);
    expect(warningText.filter((w) => w.includes('DaemonSet'))).toEqual([]);
    expect(scenario.daemonSets).toEqual([
      { name: 'log-shipper', requests: { cpuMilli: 200, memoryBytes: 256 * Mi } },
      {
        name: 'gpu-agent',
        requests: { cpuMilli: 200, memoryBytes: 256 * Mi },
        placement: expect.objectContaining({ nodeSelector: { accelerator: 'gpu' } }),
      },
    ]);
  });

  it('the scenario may restate an included DaemonSet by name: what it writes wins, the rest comes from the manifest', () => {
    const dir = folder({
      'scenario.yaml': { include: ['deploy'], nodeGroups: [NODE_GROUP], daemonSets: [{ name: 'gpu-agent', requests: { cpu: '100m', memory: '100Mi' } }] },
      'deploy/agents.yaml': docs(daemonSet('gpu-agent', { nodeSelector: { accelerator: 'gpu' } })),
    });
    const { scenario } = loadIn(dir);
    expect(scenario.daemonSets).toEqual([
      { name: 'gpu-agent', requests: { cpuMilli: 100, memoryBytes: 100 * Mi }, placement: expect.objectContaining({ nodeSelector: { accelerator: 'gpu' } }) },
    ]);
  });

  it('a bad field is one line naming the manifest, its line and the field', () => {
    const bad = daemonSet('log-shipper');
    (bad.spec.template.spec.containers[0].resources.requests as Record<string, unknown>).cpu = 'lots';
    const dir = folder({ 'scenario.yaml': { include: ['deploy'], nodeGroups: [NODE_GROUP] }, 'deploy/agents.yaml': docs(bad) });
    const problems = problemsIn(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^deploy\/agents\.yaml:\d+:\d+: .*DaemonSet log-shipper.*cpu/);
  });
});
