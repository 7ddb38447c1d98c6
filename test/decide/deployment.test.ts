/** `headroom decide deployment`: one sync of the Deployment controller on JSON, the run's own decisions. */
import { describe, expect, it } from 'vitest';
import { decideDeployment } from '../../src/decide/deployment.ts';
import { formatError, HeadroomError } from '../../src/errors.ts';

const rs = (name: string, replicas: number, extra: Record<string, number> = {}) => ({ name, replicas, ...extra });

describe('decide deployment', () => {
  it.each([
    // 25% of 10 rounds up to 3 surged pods; nothing may be unavailable
    ['the first step of a rollout', { replicas: 10, maxSurge: '25%', maxUnavailable: 0, replicaSets: [rs('v1', 10), rs('v2', 0)], newReplicaSet: 'v2' }, [['v2', 0, 3]]],
    // 13 pods, 3 new available: 13 − 10 = 3 old ones may go
    ['old pods go as new ones become available', { replicas: 10, maxSurge: 3, maxUnavailable: 0, replicaSets: [rs('v1', 10), rs('v2', 3)], newReplicaSet: 'v2' }, [['v1', 10, 7]]],
    // Recreate: every old one to 0 first
    ['Recreate', { replicas: 4, strategy: 'Recreate', replicaSets: [rs('v1', 4), rs('v2', 0)], newReplicaSet: 'v2' }, [['v1', 4, 0]]],
    // the HPA went 10 -> 20 mid-rollout (annotations say 10, max 12): proportional, 6 + 5 each
    [
      'a scaling event mid-rollout',
      { replicas: 20, maxSurge: 2, maxUnavailable: 0, replicaSets: [rs('v1', 6, { desiredReplicas: 10, maxReplicas: 12 }), rs('v2', 6, { desiredReplicas: 10, maxReplicas: 12 })], newReplicaSet: 'v2' },
      [['v2', 6, 11], ['v1', 6, 11]],
    ],
  ])('%s', (_what, input, want) => {
    const d = decideDeployment(input);
    expect(d.scalings.map((s) => [s.replicaSet, s.from, s.to])).toEqual(want);
    expect(d.scalings[0].message).toBe(`Scaled ${want[0][2] > want[0][1] ? 'up' : 'down'} replica set ${want[0][0]} from ${want[0][1]} to ${want[0][2]}`);
  });

  it.each([
    [{ replicas: 10, maxSurge: 0, maxUnavailable: '0%', replicaSets: [rs('a', 1)], newReplicaSet: 'a' }, 'maxUnavailable: may not be 0 when maxSurge is 0'],
    [{ replicas: 10, replicaSets: [rs('a', 1)], newReplicaSet: 'b' }, 'newReplicaSet: no ReplicaSet named "b"'],
    [{ replicas: 10, maxSurge: '1.5', replicaSets: [], newReplicaSet: 'a' }, 'maxSurge: expected a count or a whole percentage'],
  ])('refuses %j, naming the key', (input, message) => {
    let err: unknown;
    try {
      decideDeployment(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeadroomError);
    expect(formatError(err as HeadroomError)).toContain(message);
  });
});
