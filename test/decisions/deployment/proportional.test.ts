import { describe, expect, it } from 'vitest';
import { maxSurge, scaleReplicaSets, syncDeployment } from '../../../src/decisions/deployment/index.ts';
import { rolling, rs } from './fixtures.ts';

const OLDER = 0;
const OLD = 1;
const NEW = 2;

/**
 * sync_test.go TestScale: every ReplicaSet carries the annotations the old Deployment left
 * (desired = its replicas, max = replicas + its maxSurge); the new Deployment has other replicas.
 * newDeployment has maxSurge 0 (and so maxUnavailable resolves to 1).
 */
function scaled(
  to: { replicas: number; surge?: number },
  from: { replicas: number; surge?: number },
  sets: [string, number, number][],
  newName: string | null,
  desiredAnnotations: Record<string, number> = {},
): Record<string, number> {
  const old = rolling(from.replicas, from.surge ?? 0);
  const rss = sets.map(([name, replicas, created]) => {
    const desired = desiredAnnotations[name] ?? from.replicas;
    return rs(name, replicas, created, 0, { desired, max: desired + maxSurge(old) });
  });
  const newIndex = newName === null ? -1 : rss.findIndex((r) => r.name === newName);
  const status = rss.reduce((a, r) => a + r.replicas, 0);
  const out = Object.fromEntries(rss.map((r) => [r.name, r.replicas]));
  for (const s of scaleReplicaSets(rolling(to.replicas, to.surge ?? 0), rss, newIndex, status)) out[rss[s.index].name] = s.to;
  return out;
}

describe('proportional scaling during a rollout (sync_test.go TestScale)', () => {
  it.each([
    ['normal scaling event: 10 -> 12', 12, 10, [['foo-v1', 10, NEW]], 'foo-v1', { 'foo-v1': 12 }],
    ['normal scaling event: 10 -> 5', 5, 10, [['foo-v1', 10, NEW]], 'foo-v1', { 'foo-v1': 5 }],
    // 5 to add: v1 round(3·10/5) − 3 = 3, v2 round(2·10/5) − 2 = 2
    ['proportional scaling: 5 -> 10', 10, 5, [['foo-v2', 2, NEW], ['foo-v1', 3, OLD]], 'foo-v2', { 'foo-v2': 4, 'foo-v1': 6 }],
    ['proportional scaling: 5 -> 3', 3, 5, [['foo-v2', 2, NEW], ['foo-v1', 3, OLD]], 'foo-v2', { 'foo-v2': 1, 'foo-v1': 2 }],
    ['proportional scaling: 9 -> 4', 4, 9, [['foo-v2', 8, NEW], ['foo-v1', 1, OLD]], 'foo-v2', { 'foo-v2': 4, 'foo-v1': 0 }],
    // 3 to add over 3 sets: v2 round(30/7) − 3 = 1, v3 round(20/7) − 2 = 1, v1 1
    ['proportional scaling: 7 -> 10', 10, 7, [['foo-v3', 2, NEW], ['foo-v2', 3, OLD], ['foo-v1', 2, OLDER]], 'foo-v3', { 'foo-v3': 3, 'foo-v2': 4, 'foo-v1': 3 }],
    // 5 to take: v2 round(64/13) − 8 = −3, v1 round(24/13) − 3 = −1, v3 round(16/13) − 2 = −1
    ['proportional scaling: 13 -> 8', 8, 13, [['foo-v3', 2, NEW], ['foo-v2', 8, OLD], ['foo-v1', 3, OLDER]], 'foo-v3', { 'foo-v3': 1, 'foo-v2': 5, 'foo-v1': 2 }],
    // rounding leaves 1 over: it goes to the first in size-newer order, the new one
    ['leftover distribution: 3 -> 4', 4, 3, [['foo-v3', 1, NEW], ['foo-v2', 1, OLD], ['foo-v1', 1, OLDER]], 'foo-v3', { 'foo-v3': 2, 'foo-v2': 1, 'foo-v1': 1 }],
    // ... and when shrinking, to the first in size-older order, the oldest
    ['leftover distribution: 3 -> 2', 2, 3, [['foo-v3', 1, NEW], ['foo-v2', 1, OLD], ['foo-v1', 1, OLDER]], 'foo-v3', { 'foo-v3': 1, 'foo-v2': 1, 'foo-v1': 0 }],
    ['proportional scaling (no new rs): 4 -> 5', 5, 4, [['foo-v2', 2, OLD], ['foo-v1', 2, OLDER]], null, { 'foo-v2': 3, 'foo-v1': 2 }],
    ['proportional scaling: 6 -> 0', 0, 6, [['foo-v3', 3, NEW], ['foo-v2', 2, OLD], ['foo-v1', 1, OLDER]], 'foo-v3', { 'foo-v3': 0, 'foo-v2': 0, 'foo-v1': 0 }],
    ['proportional scaling: 0 -> 6', 6, 0, [['foo-v3', 0, NEW], ['foo-v2', 0, OLD], ['foo-v1', 0, OLDER]], 'foo-v3', { 'foo-v3': 6, 'foo-v2': 0, 'foo-v1': 0 }],
  ] as const)('%s', (_label, to, from, sets, newName, want) => {
    expect(scaled({ replicas: to }, { replicas: from }, sets.map((s) => [...s]), newName)).toEqual(want);
  });

  it('failed rs update: the ReplicaSet sized for 3 catches up', () => {
    const got = scaled({ replicas: 5 }, { replicas: 5 }, [['foo-v3', 2, NEW], ['foo-v2', 1, OLD], ['foo-v1', 1, OLDER]], 'foo-v3', { 'foo-v2': 3 });
    expect(got).toEqual({ 'foo-v3': 2, 'foo-v2': 2, 'foo-v1': 1 });
  });

  it('deployment with surge pods: 10 -> 20 with maxSurge 2', () => {
    // 22 allowed, 12 there: round(6·22/12) − 6 = 5 each
    const got = scaled({ replicas: 20, surge: 2 }, { replicas: 10, surge: 2 }, [['foo-v2', 6, NEW], ['foo-v1', 6, OLD]], 'foo-v2');
    expect(got).toEqual({ 'foo-v2': 11, 'foo-v1': 11 });
  });

  it('change both surge and size: 10 (surge 3) -> 50 (surge 6)', () => {
    // 56 allowed, 13 there, annotated 13: v1 round(8·56/13) = 34, v2 round(5·56/13) = 22
    const got = scaled({ replicas: 50, surge: 6 }, { replicas: 10, surge: 3 }, [['foo-v2', 5, NEW], ['foo-v1', 8, OLD]], 'foo-v2');
    expect(got).toEqual({ 'foo-v2': 22, 'foo-v1': 34 });
  });
});

describe('syncDeployment', () => {
  it('a scaling event is resolved proportionally before the rollout steps', () => {
    const rss = [rs('v1', 6, 0, 6, { desired: 10, max: 12 }), rs('v2', 6, 1, 4, { desired: 10, max: 12 })];
    const s = syncDeployment({ deployment: rolling(20, 2, 0), replicaSets: rss, newIndex: 1, pods: [6, 6] });
    expect(s.map((x) => [x.index, x.to])).toEqual([[1, 11], [0, 11]]);
  });

  it('Recreate: old ones to 0 first, the new one only when their pods are gone', () => {
    const d = { replicas: 4, strategy: { type: 'Recreate' as const } };
    const a = [rs('v1', 4, 0, 4, { desired: 4, max: 4 }), rs('v2', 0, 1, 0, { desired: 4, max: 4 })];
    expect(syncDeployment({ deployment: d, replicaSets: a, newIndex: 1, pods: [4, 0] })).toEqual([{ index: 0, from: 4, to: 0, operation: 'down' }]);
    const b = [rs('v1', 0, 0, 0, { desired: 4, max: 4 }), rs('v2', 0, 1, 0, { desired: 4, max: 4 })];
    // two still terminating: wait
    expect(syncDeployment({ deployment: d, replicaSets: b, newIndex: 1, pods: [2, 0] })).toEqual([]);
    expect(syncDeployment({ deployment: d, replicaSets: b, newIndex: 1, pods: [0, 0] })).toEqual([{ index: 1, from: 0, to: 4, operation: 'up' }]);
  });
});
