/**
 * Karpenter's provisioner: existing room first, then NodeClaims packed first-fit-decreasing, each
 * launched as its cheapest option (spot first where allowed), heaviest pool first, within limits,
 * without the offerings the unavailable-offerings cache holds, and within the pods' placement rules.
 */
import { describe, expect, it } from 'vitest';
import { batchClosesAt } from '../../../src/decisions/karpenter/batch.ts';
import { cheapestLaunchable } from '../../../src/decisions/karpenter/offering.ts';
import { planProvisioning } from '../../../src/decisions/karpenter/provisioning.ts';
import { GiB, makeNode, makePod, pods } from '../autoscaler/fixtures.ts';
import { offering, pool, snapshot } from './fixtures.ts';

describe('the batch window', () => {
  const spec = { batchIdleDurationSec: 1, batchMaxDurationSec: 10 };
  it.each([
    // opened, last new pod -> closes
    [0, 0, 1], // one pod: 1 s after it
    [0, 3.5, 4.5], // pods keep coming: 1 s after the last
    [0, 9.5, 10], // never later than 10 s after the first
    [100, 140, 110],
  ])('opened at %s, last pod at %s: closes at %s', (opened, last, closes) => {
    expect(batchClosesAt(opened, last, spec)).toBe(closes);
  });
});

describe('the cheapest launchable option', () => {
  const offerings = [offering(0, 2, 0.096), offering(1, 4, 0.192), offering(2, 2, 0.035, 'spot'), offering(3, 4, 0.07, 'spot')];
  it('takes spot when the options allow it, then the cheapest', () => {
    expect(cheapestLaunchable([0, 1, 2, 3], offerings)).toBe(2);
    expect(cheapestLaunchable([1, 3], offerings)).toBe(3);
    // spot first even when on-demand is cheaper (Karpenter prefers spot where allowed)
    expect(cheapestLaunchable([0, 3], offerings)).toBe(3);
  });
  it('falls back to on-demand', () => {
    expect(cheapestLaunchable([0, 1], offerings)).toBe(0);
    expect(cheapestLaunchable([], offerings)).toBe(-1);
  });
});

describe('planProvisioning', () => {
  // m5.large-like 2 cores 0.096/h, xlarge 4 cores 0.192/h, 2xlarge 8 cores 0.384/h
  const od = [offering(0, 2, 0.096), offering(1, 4, 0.192), offering(2, 8, 0.384)];

  it('packs pods first-fit-decreasing into one claim and launches the cheapest type that holds them', () => {
    // 3 × 1 core + 2 × 500m = 4 cores: only the 4- and 8-core types hold all five; the 4-core is cheaper
    const plan = planProvisioning(snapshot({ pods: [...pods('s', 2, 500, GiB), ...pods('b', 3, 1000, GiB)], pools: [pool('default', [0, 1, 2])], offerings: od }));
    expect(plan.claims).toHaveLength(1);
    expect(plan.claims[0].offering).toBe(1);
    // largest first
    expect(plan.claims[0].pods.map((p) => p.name)).toEqual(['b-0', 'b-1', 'b-2', 's-0', 's-1']);
  });

  it('uses room on Ready and launching nodes before any new claim', () => {
    const ready = makeNode('ready', 1000, 4 * GiB);
    const launching = makeNode('launching', 2000, 8 * GiB);
    const plan = planProvisioning(snapshot({ pods: pods('p', 3, 1000, GiB), nodes: [ready], launching: [launching], pools: [pool('default', [0, 1, 2])], offerings: od }));
    expect(plan.claims).toEqual([]);
    expect(plan.unschedulable).toEqual([]);
  });

  it('opens another claim when no type holds the next pod', () => {
    // 10 pods of 1 core: 8 fill the largest type, the last 2 open a second claim (2 cores: the 2-core type)
    const plan = planProvisioning(snapshot({ pods: pods('p', 10, 1000, GiB), pools: [pool('default', [0, 1, 2])], offerings: od }));
    expect(plan.claims.map((c) => [c.offering, c.pods.length])).toEqual([
      [2, 8],
      [0, 2],
    ]);
  });

  it('prefers spot, and falls back to on-demand when spot is in the unavailable-offerings cache', () => {
    const offerings = [offering(0, 4, 0.192), offering(1, 4, 0.07, 'spot')];
    const pools = [pool('default', [0, 1])];
    expect(planProvisioning(snapshot({ pods: pods('p', 2, 1000, GiB), pools, offerings })).claims[0].offering).toBe(1);
    expect(planProvisioning(snapshot({ pods: pods('p', 2, 1000, GiB), pools, offerings, unavailable: new Set([1]) })).claims[0].offering).toBe(0);
  });

  it('tries pools heaviest first (the snapshot lists them so), the next when the first cannot hold the pod', () => {
    const offerings = [offering(0, 2, 0.05), offering(1, 8, 0.384)];
    const small = pool('reserved', [0]);
    const big = pool('default', [1]);
    expect(planProvisioning(snapshot({ pods: pods('p', 1, 1000, GiB), pools: [small, big], offerings })).claims[0].pool).toBe(0);
    // a 4-core pod does not fit the first pool's only type
    expect(planProvisioning(snapshot({ pods: pods('p', 1, 4000, GiB), pools: [small, big], offerings })).claims[0].pool).toBe(1);
  });

  it('stays within the pool limits', () => {
    // 6 cores left: one 4-core node (4 of 6), then only a 2-core one (6 of 6); the rest is unschedulable
    const plan = planProvisioning(snapshot({ pods: pods('p', 12, 1000, GiB), pools: [pool('default', [0, 1], { cpuMilli: 6000, memoryBytes: Infinity })], offerings: od }));
    expect(plan.claims.map((c) => c.offering)).toEqual([1, 0]);
    expect(plan.unschedulable).toHaveLength(6);
  });

  it("respects the pods' placement: a nodeSelector on the capacity type", () => {
    const offerings = [offering(0, 4, 0.192), offering(1, 4, 0.07, 'spot')];
    const pod = makePod('od-only').req(1000, GiB).obj();
    pod.placement = { nodeSelector: { 'karpenter.sh/capacity-type': 'on-demand' } };
    const plan = planProvisioning(snapshot({ pods: [pod], pools: [pool('default', [0, 1])], offerings }));
    expect(plan.claims[0].offering).toBe(0);
  });

  it('leaves a pod no offering can hold unschedulable', () => {
    const plan = planProvisioning(snapshot({ pods: pods('huge', 1, 16000, GiB), pools: [pool('default', [0, 1, 2])], offerings: od }));
    expect(plan.claims).toEqual([]);
    expect(plan.unschedulable.map((p) => p.name)).toEqual(['huge-0']);
  });
});
