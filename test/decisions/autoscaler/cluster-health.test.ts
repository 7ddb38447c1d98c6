/** The cluster-autoscaler's unready-node health rule (clusterstate.go IsClusterHealthy / IsNodeGroupHealthy). */
import { describe, expect, it } from 'vitest';
import { healthy } from '../../../src/decisions/autoscaler/cluster-health.ts';

describe('healthy', () => {
  it.each([
    // [unready, nodes, healthy]
    [0, 6, true],
    // 3 unready is within --ok-total-unready-count however few nodes there are
    [3, 3, true],
    // 4 > 3 and 4 > 45% × 8 = 3.6
    [4, 8, false],
    // 4 > 3 but 4 <= 45% × 10 = 4.5
    [4, 10, true],
    // one zone of four down: 7 of 28 nodes, 25%
    [7, 28, true],
    // the zone's own group: 7 of 7
    [7, 7, false],
  ])('%i unready of %i nodes: healthy %s', (unready, nodes, want) => {
    expect(healthy(unready, nodes)).toBe(want);
  });
});
