import { describe, expect, it } from 'vitest';
import {
  cleanupUnhealthyReplicas,
  newRSNewReplicas,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDownOldReplicaSetsForRollingUpdate,
} from '../../../src/decisions/deployment/index.ts';
import { count, rolling, rs } from './fixtures.ts';

describe('NewRSNewReplicas (TestNewRSNewReplicas)', () => {
  // upstream passes one other ReplicaSet of 5 as allRSs and maxUnavailable 1
  it.each([
    // replicas 1 + surge 1 = 2 <= 5 pods already: the new one stays at 5
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5],
    // 6 + 10 = 16, 5 pods: room for 11, but never past 6: 2 + min(11, 6 − 2) = 6
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 3],
  ] as const)('%s', (_label, type, replicas, newReplicas, surge, want) => {
    const d = type === 'Recreate' ? { replicas, strategy: { type } as const } : rolling(replicas, surge, 1);
    const sets = [rs('rs5', 5, 0), rs('new', newReplicas, 1)];
    expect(newRSNewReplicas(d, sets, [0], 1)).toBe(want);
  });
});

describe('reconcileNewReplicaSet (rolling_test.go TestDeploymentController_reconcileNewReplicaSet)', () => {
  // maxUnavailable 0 in every row
  it.each([
    // surge 0: 10 old pods fill replicas + 0
    [10, 0, 10, 0, null],
    // 10 + 2 − 10 = 2
    [10, 2, 10, 0, 2],
    // 12 − 5 = 7
    [10, 2, 5, 0, 7],
    // 12 pods already
    [10, 2, 10, 2, null],
    // more than the replicas: down to them
    [10, 2, 2, 11, 10],
  ])('replicas %i, surge %i, old %i, new %i -> %s', (replicas, surge, oldReplicas, newReplicas, want) => {
    const sets = [rs('foo-v2', newReplicas, 1), rs('foo-v1', oldReplicas, 0)];
    expect(reconcileNewReplicaSet(rolling(replicas, surge, 0), sets, [0, 1], 0)).toBe(want);
  });
});

describe('reconcileOldReplicaSets (TestDeploymentController_reconcileOldReplicaSets)', () => {
  // maxSurge 0 in every row
  it.each([
    // unavailable 0 with surge 0 resolves to 1: 10 available − 9 = 1 may go
    [10, 0, 10, 0, 10, 0, true, 9],
    [10, 2, 10, 0, 10, 0, true, 8],
    // 2 old pods not available are cleaned up first: 10 − 8 − 0 = 2 may go, both unhealthy
    [10, 2, 10, 0, 8, 0, true, 8],
    // 1 unhealthy cleaned, then 1 available scaled down (9 available − 8 = 1)
    [10, 2, 10, 0, 9, 0, true, 8],
    // the new pods are not available: 10 − 8 − 2 = 0, nothing goes
    [10, 2, 8, 2, 8, 0, false, 8],
  ])('replicas %i, maxUnavailable %i, old %i, new %i, ready old %i new %i', (replicas, unavailable, oldReplicas, newReplicas, readyOld, readyNew, scaled, wantOld) => {
    const sets = [rs('foo-old', oldReplicas, 0, readyOld), rs('foo-new', newReplicas, 1, readyNew)];
    const r = reconcileOldReplicaSets(rolling(replicas, 0, unavailable), sets, [0, 1], [0], 1);
    expect(r.scaledDown > 0).toBe(scaled);
    expect(r.sizes.get(0) ?? oldReplicas).toBe(wantOld);
  });
});

describe('cleanupUnhealthyReplicas (TestDeploymentController_cleanupUnhealthyReplicas)', () => {
  it.each([
    // 10 replicas, 8 ready: 2 unhealthy, cleaned as far as the limit allows
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ])('old %i, ready %i, max cleanup %i -> %i', (oldReplicas, ready, maxCleanup, want) => {
    expect(cleanupUnhealthyReplicas([rs('foo-v2', oldReplicas, 0, ready)], [0], maxCleanup).cleaned).toBe(want);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate (TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate)', () => {
  // maxSurge 0; the only ReplicaSet is the old one
  it.each([
    [10, 0, 10, 10, true, 9],
    [10, 2, 10, 10, true, 8],
    // 8 available, 8 needed: nothing
    [10, 2, 8, 10, false, 10],
    [10, 2, 10, 0, false, 0],
    [10, 2, 1, 10, false, 10],
  ])('replicas %i, maxUnavailable %i, ready %i, old %i', (replicas, unavailable, ready, oldReplicas, scaled, want) => {
    const sets = [rs('foo-v2', oldReplicas, 0, ready)];
    const r = scaleDownOldReplicaSetsForRollingUpdate(rolling(replicas, 0, unavailable), sets, [0], [0]);
    expect(r.scaledDown > 0).toBe(scaled);
    expect(r.sizes.get(0) ?? oldReplicas).toBe(want);
  });

  it('the controller comment example: crash-looping new pods hold the old ones (13 − 8 − 5 = 0)', () => {
    const d = { replicas: 10, strategy: { type: 'RollingUpdate' as const, maxSurge: count(3), maxUnavailable: count(2) } };
    // old scaled to 8 (one not available after a node failure), new at 5, none available
    const sets = [rs('old', 8, 0, 7), rs('new', 5, 1, 0)];
    expect(reconcileOldReplicaSets(d, sets, [0, 1], [0], 1).scaledDown).toBe(0);
  });
});
