import { describe, expect, it } from 'vitest';
import { decideScaleDown } from '../../src/decide/scale-down.ts';
import { HeadroomError } from '../../src/errors.ts';

const node = (name: string, pods: { name: string; cpu: string; priority?: number; labels?: Record<string, string> }[], extra: object = {}) => ({
  name,
  nodeGroup: 'general',
  allocatable: { cpu: 4, memory: '16Gi' },
  pods: pods.map((p) => ({ name: p.name, priority: p.priority ?? 0, labels: p.labels ?? {}, requests: { cpu: p.cpu, memory: '1Gi' } })),
  ...extra,
});

describe('decide scale-down', () => {
  it("gives each node's utilization and whether it may go now, and why not", () => {
    const got = decideScaleDown({
      nodes: [
        // 500m of 4 cores = 0.125 (memory 1Gi/16Gi = 0.0625): under 0.5, unneeded for 15 min > 10 min
        node('a', [{ name: 'web-1', cpu: '500m' }], { unneededFor: '15m' }),
        // 3 of 4 cores = 0.75: not under the threshold
        node('b', [{ name: 'web-2', cpu: '3' }]),
        // empty, but unneeded for only 3 minutes
        node('c', [], { unneededFor: '3m' }),
      ],
      nodeGroups: [{ name: 'general', min: 1 }],
    });
    expect(got.drain).toEqual([{ node: 'a', podsToMove: ['web-1'] }]);
    expect(got.empty).toEqual([]);
    expect(got.nodes.a).toMatchObject({ utilization: 0.125, cpu: 0.125, memory: 0.0625, resource: 'cpu', unneeded: true, removable: true });
    expect(got.nodes.b).toMatchObject({ utilization: 0.75, unneeded: false, removable: false, reason: 'NotUnderutilized' });
    expect(got.nodes.c).toMatchObject({ utilization: 0, unneeded: true, removable: false, reason: 'NotUnneededLongEnough' });
  });

  it('keeps a group at its min, a PDB-protected pod in place, and waits after a scale-up', () => {
    const nodes = [node('a', [], { unneededFor: '1h' }), node('b', [], { unneededFor: '1h' })];
    // size 2, min 1: one empty node may go, the other would take the group below min
    const min = decideScaleDown({ nodes, nodeGroups: [{ name: 'general', min: 1 }] });
    expect(min.empty).toEqual(['a']);
    expect(min.nodes.b.reason).toBe('NodeGroupMinSizeReached');
    const db = node('db', [{ name: 'db-0', cpu: '100m', labels: { app: 'db' } }], { unneededFor: '1h' });
    const pdbs = [{ selector: { matchLabels: { app: 'db' } }, disruptionsAllowed: 0 }];
    expect(decideScaleDown({ nodes: [db, node('spare', [])], pdbs }).nodes.db).toMatchObject({ reason: 'BlockedByPod', blockingPod: 'db-0' });
    const cooling = decideScaleDown({ nodes, lastScaleUp: '5m' });
    expect(cooling.inCooldown).toBe(true);
    expect(cooling.nodes.a).toMatchObject({ unneeded: true, removable: false, reason: 'ScaleDownInCooldown' });
  });

  it('only so many deletions run at once', () => {
    const nodes = ['a', 'b', 'c'].map((n) => node(n, [], { unneededFor: '1h' }));
    const got = decideScaleDown({ nodes, maxEmptyBulkDelete: 2 });
    expect(got.empty).toEqual(['a', 'b']);
    expect(got.nodes.c).toMatchObject({ removable: false, reason: 'DeletionBudgetExhausted' });
  });

  it.each([
    ['no nodes', {}, 'nodes', /required/],
    ['a node without its group', { nodes: [{ name: 'a', allocatable: { cpu: 1, memory: '1Gi' } }] }, 'nodes.0.nodeGroup', /node group/],
    ['a bad unneededFor', { nodes: [node('a', [], { unneededFor: 'long' })] }, 'nodes.0.unneededFor', /duration/],
    ['an unknown key', { nodes: [], scaleDownUtilization: 0.5 }, 'scaleDownUtilization', /unknown key/],
    ['a group named twice', { nodes: [], nodeGroups: [{ name: 'g' }, { name: 'g' }] }, 'nodeGroups.1.name', /twice/],
  ])('rejects %s, naming %s', (_what, input, path, message) => {
    let err: unknown;
    try {
      decideScaleDown(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeadroomError);
    expect((err as HeadroomError).path).toBe(path);
    expect((err as HeadroomError).message).toMatch(message);
  });
});
