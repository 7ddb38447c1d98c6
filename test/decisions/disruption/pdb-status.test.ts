import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudgetSpec } from '../../../src/scenario/types.ts';
import { findUnneeded } from '../../../src/decisions/autoscaler/scaledown/removal.ts';
import { preempt } from '../../../src/decisions/scheduler/preemption.ts';
import { currentPdbs, pdbStatus, type PdbPod } from '../../../src/decisions/disruption/pdb-status.ts';
import { Gi, node, pod } from '../scheduler/fixtures.ts';

/** `n` pods of one Deployment, `ready` of them Ready. */
const pods = (owner: string, n: number, ready = n, extra: Partial<PdbPod> = {}): PdbPod[] =>
  Array.from({ length: n }, (_, i) => ({ labels: { app: owner }, ready: i < ready, owner, ...extra }));
const pdb = (budget: Partial<PodDisruptionBudgetSpec>, matchLabels: Record<string, string> = { app: 'web' }): PodDisruptionBudgetSpec => ({ name: 'web', matchLabels, ...budget });
const count = (value: number) => ({ kind: 'count' as const, value });
const percent = (value: number) => ({ kind: 'percent' as const, value });

describe('PodDisruptionBudget status, as the disruption controller computes it', () => {
  it.each([
    // minAvailable count: expected = matching pods, desired = the count
    ['minAvailable 2 of 3 Ready', pdb({ minAvailable: count(2) }), pods('web', 3), { web: 3 }, { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }],
    ['minAvailable 3 of 3 Ready', pdb({ minAvailable: count(3) }), pods('web', 3), { web: 3 }, { expectedPods: 3, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 }],
    // a pod not Ready is not healthy: 2 − 2 = 0
    ['minAvailable 2, one of 3 not Ready', pdb({ minAvailable: count(2) }), pods('web', 3, 2), { web: 3 }, { expectedPods: 3, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 }],
    ['minAvailable 0', pdb({ minAvailable: count(0) }), pods('web', 3), { web: 3 }, { expectedPods: 3, desiredHealthy: 0, currentHealthy: 3, disruptionsAllowed: 3 }],
    // minAvailable percent: of the owners' scale, rounded up: ceil(50% × 5) = 3, 5 − 3 = 2
    ['minAvailable 50% of 5', pdb({ minAvailable: percent(50) }), pods('web', 5), { web: 5 }, { expectedPods: 5, desiredHealthy: 3, currentHealthy: 5, disruptionsAllowed: 2 }],
    ['minAvailable 50% of 4', pdb({ minAvailable: percent(50) }), pods('web', 4), { web: 4 }, { expectedPods: 4, desiredHealthy: 2, currentHealthy: 4, disruptionsAllowed: 2 }],
    // ceil(80% × 20) = 16; 18 Ready − 16 = 2
    ['minAvailable 80% of 20, 18 Ready', pdb({ minAvailable: percent(80) }), pods('web', 20, 18), { web: 20 }, { expectedPods: 20, desiredHealthy: 16, currentHealthy: 18, disruptionsAllowed: 2 }],
    // the scale, not the pods present: the HPA asked for 10, 6 exist; ceil(50% × 10) = 5, 6 − 5 = 1
    ['minAvailable 50% while scaling up (6 of 10)', pdb({ minAvailable: percent(50) }), pods('web', 6), { web: 10 }, { expectedPods: 10, desiredHealthy: 5, currentHealthy: 6, disruptionsAllowed: 1 }],
    // maxUnavailable count: desired = scale − 1
    ['maxUnavailable 1 of 5', pdb({ maxUnavailable: count(1) }), pods('web', 5), { web: 5 }, { expectedPods: 5, desiredHealthy: 4, currentHealthy: 5, disruptionsAllowed: 1 }],
    ['maxUnavailable 1 of 5, one pending', pdb({ maxUnavailable: count(1) }), pods('web', 5, 4), { web: 5 }, { expectedPods: 5, desiredHealthy: 4, currentHealthy: 4, disruptionsAllowed: 0 }],
    ['maxUnavailable 0', pdb({ maxUnavailable: count(0) }), pods('web', 5), { web: 5 }, { expectedPods: 5, desiredHealthy: 5, currentHealthy: 5, disruptionsAllowed: 0 }],
    // maxUnavailable percent rounds up too: ceil(25% × 10) = 3 unavailable, desired 7
    ['maxUnavailable 25% of 10', pdb({ maxUnavailable: percent(25) }), pods('web', 10), { web: 10 }, { expectedPods: 10, desiredHealthy: 7, currentHealthy: 10, disruptionsAllowed: 3 }],
    // ceil(30% × 3) = ceil(0.9) = 1, desired 2
    ['maxUnavailable 30% of 3', pdb({ maxUnavailable: percent(30) }), pods('web', 3), { web: 3 }, { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }],
    // more than 100% unavailable leaves desired at 0, not below
    ['maxUnavailable 5 of 3', pdb({ maxUnavailable: count(5) }), pods('web', 3), { web: 3 }, { expectedPods: 3, desiredHealthy: 0, currentHealthy: 3, disruptionsAllowed: 3 }],
    // a surge pod counts as healthy: 4 Ready, desired 3 − 1 = 2
    ['maxUnavailable 1 of 3 with a surge pod', pdb({ maxUnavailable: count(1) }), pods('web', 4), { web: 3 }, { expectedPods: 3, desiredHealthy: 2, currentHealthy: 4, disruptionsAllowed: 2 }],
    // two Deployments under one selector: their scales add up, ceil(50% × (4 + 2)) = 3
    ['minAvailable 50% over two owners', pdb({ minAvailable: percent(50) }, { tier: 'api' }), [...pods('a', 4, 4, { labels: { tier: 'api' } }), ...pods('b', 2, 2, { labels: { tier: 'api' } })], { a: 4, b: 2 }, { expectedPods: 6, desiredHealthy: 3, currentHealthy: 6, disruptionsAllowed: 3 }],
    // neither field: the controller expects no pods and allows nothing
    ['neither minAvailable nor maxUnavailable', pdb({}), pods('web', 3), { web: 3 }, { expectedPods: 0, desiredHealthy: 0, currentHealthy: 3, disruptionsAllowed: 0 }],
    // no pods match: expected 0, nothing allowed
    ['no matching pods', pdb({ minAvailable: count(0) }), pods('other', 3), { other: 3 }, { expectedPods: 0, desiredHealthy: 0, currentHealthy: 0, disruptionsAllowed: 0 }],
    // terminating pods (victims in their grace period) are not healthy
    ['terminating pods', pdb({ minAvailable: count(1) }), [...pods('web', 2), ...pods('web', 1, 1, { terminating: true })], { web: 3 }, { expectedPods: 3, desiredHealthy: 1, currentHealthy: 2, disruptionsAllowed: 1 }],
    // unmanaged pods (no owner) are healthy but add no scale
    ['an unmanaged pod', pdb({ maxUnavailable: count(1) }), [...pods('web', 2), { labels: { app: 'web' }, ready: true }], { web: 2 }, { expectedPods: 2, desiredHealthy: 1, currentHealthy: 3, disruptionsAllowed: 2 }],
    // an owner of unknown scale: the controller fails safe
    ['an owner of unknown scale', pdb({ minAvailable: percent(50) }), pods('web', 3), {}, { expectedPods: 0, desiredHealthy: 0, currentHealthy: 3, disruptionsAllowed: 0 }],
    // an empty selector selects every pod
    ['an empty selector', pdb({ minAvailable: count(4) }, {}), [...pods('a', 3), ...pods('b', 3)], { a: 3, b: 3 }, { expectedPods: 6, desiredHealthy: 4, currentHealthy: 6, disruptionsAllowed: 2 }],
  ])('%s', (_what, spec, podList, scales, want) => {
    expect(pdbStatus(spec, podList, scales)).toEqual(want);
  });

  it('currentPdbs gives the scheduler\'s view: name, selector, disruptionsAllowed', () => {
    const specs = [pdb({ maxUnavailable: count(1) }), { name: 'api', matchLabels: { app: 'api' }, minAvailable: count(2) }];
    expect(currentPdbs(specs, [...pods('web', 3), ...pods('api', 2)], { web: 3, api: 2 })).toEqual([
      { name: 'web', matchLabels: { app: 'web' }, disruptionsAllowed: 1 },
      { name: 'api', matchLabels: { app: 'api' }, disruptionsAllowed: 0 },
    ]);
  });

  it('property: never negative, never more than the healthy pods, and more Ready pods never allow less', () => {
    const budget = fc.oneof(
      fc.record({ minAvailable: fc.record({ kind: fc.constantFrom('count' as const, 'percent' as const), value: fc.integer({ min: 0, max: 100 }) }) }),
      fc.record({ maxUnavailable: fc.record({ kind: fc.constantFrom('count' as const, 'percent' as const), value: fc.integer({ min: 0, max: 100 }) }) }),
    );
    fc.assert(
      fc.property(budget, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 }), (b, n, ready, scale) => {
        const r = Math.min(ready, n);
        const spec = pdb(b);
        const s = pdbStatus(spec, pods('web', n, r), { web: scale });
        const more = n > r ? pdbStatus(spec, pods('web', n, r + 1), { web: scale }).disruptionsAllowed : s.disruptionsAllowed;
        return s.disruptionsAllowed >= 0 && s.disruptionsAllowed <= s.currentHealthy && more >= s.disruptionsAllowed;
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});

describe('a PDB changes which pods preemption picks and which nodes scale-down removes', () => {
  // Two full nodes: one runs a pod of app a, the other a pod of app b, both priority 0.
  const nodes = () => [
    node('node-a', { cpu: 1000, memory: 4 * Gi }, [pod({ name: 'a-1', cpu: 1000, memory: Gi, labels: { app: 'a' }, start: 10 })]),
    node('node-b', { cpu: 1000, memory: 4 * Gi }, [pod({ name: 'b-1', cpu: 1000, memory: Gi, labels: { app: 'b' }, start: 10 })]),
  ];
  const preemptor = pod({ name: 'urgent', cpu: 1000, memory: Gi, priority: 100 });
  const specs: PodDisruptionBudgetSpec[] = [{ name: 'a', matchLabels: { app: 'a' }, minAvailable: count(1) }];
  // app a has one Ready pod and minAvailable 1: no disruption allowed
  const pdbs = currentPdbs(specs, [{ labels: { app: 'a' }, ready: true, owner: 'a' }, { labels: { app: 'b' }, ready: true, owner: 'b' }], { a: 1, b: 1 });

  it('preemption: without the PDB the first node is chosen; with it, the node whose victim it does not protect', () => {
    expect(pdbs).toEqual([{ name: 'a', matchLabels: { app: 'a' }, disruptionsAllowed: 0 }]);
    const without = preempt(preemptor, nodes(), []);
    expect(without?.nodeIndex).toBe(0);
    const withPdb = preempt(preemptor, nodes(), pdbs);
    expect(withPdb).toMatchObject({ nodeIndex: 1, victims: [{ name: 'b-1' }], pdbViolations: 0 });
  });

  it('scale-down: a node whose pod a PDB protects stays; the other may go', () => {
    // Two half-empty nodes and a third with room for one pod: either could be drained, not both.
    const half = (name: string, app: string) => node(name, { cpu: 1000, memory: 4 * Gi }, [pod({ name: `${app}-1`, cpu: 300, memory: Gi, labels: { app } })]);
    const candidates = [half('node-a', 'a'), half('node-b', 'b')];
    const destinations = [...candidates, node('spare', { cpu: 1000, memory: 4 * Gi })];
    const opts = { utilizationThreshold: 0.5, expendablePodsPriorityCutoff: -10 };
    expect(findUnneeded(candidates, destinations, { ...opts, pdbs: [] }).unneeded.map((n) => n.name)).toEqual(['node-a', 'node-b']);
    const r = findUnneeded(candidates, destinations, { ...opts, pdbs });
    expect(r.unneeded.map((n) => n.name)).toEqual(['node-b']);
    expect(r.unremovable).toEqual([{ name: 'node-a', reason: 'BlockedByPod', blockingPod: 'a-1' }]);
  });
});
