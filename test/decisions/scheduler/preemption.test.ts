import { describe, expect, it } from 'vitest';
import {
  numCandidates,
  podEligibleToPreemptOthers,
  preempt,
} from '../../../src/decisions/scheduler/plugins/defaultpreemption/default-preemption.ts';
import { splitByPdbViolation } from '../../../src/decisions/scheduler/plugins/defaultpreemption/pdb.ts';
import {
  earliestStartOfHighestPriority,
  pickOneNodeForPreemption,
  type Candidate,
} from '../../../src/decisions/scheduler/plugins/defaultpreemption/pick-one-node.ts';
import { selectVictimsOnNode } from '../../../src/decisions/scheduler/plugins/defaultpreemption/select-victims.ts';
import type { PodDisruptionBudget, PodInfo } from '../../../src/decisions/scheduler/types.ts';
import { node, pod } from './fixtures.ts';

const names = (pods: readonly PodInfo[] | undefined) => pods?.map((p) => p.name);
const pdb = (matchLabels: Record<string, string>, disruptionsAllowed: number): PodDisruptionBudget => ({
  name: 'pdb',
  matchLabels,
  disruptionsAllowed,
});

// Modelled on kube-scheduler's TestSelectNodesForPreemption / SelectVictimsOnNode cases.
describe('selectVictimsOnNode', () => {
  it('evicts only what the preemptor needs, reprieving the more important first', () => {
    // node 1500m: low1 (prio 1) 500m, low2 (prio 2) 500m, high (prio 100) 500m. Preemptor prio 50, 500m.
    // Without low1 and low2: 500 used. Reprieve low2: 1000 used, +500 = 1500 <= 1500, kept.
    // Reprieve low1: 1500 used, +500 > 1500: victim.
    const n = node('n', { cpu: 1500, memory: 1000 }, [
      pod({ name: 'low1', cpu: 500, memory: 0, priority: 1 }),
      pod({ name: 'low2', cpu: 500, memory: 0, priority: 2 }),
      pod({ name: 'high', cpu: 500, memory: 0, priority: 100 }),
    ]);
    const v = selectVictimsOnNode(pod({ cpu: 500, memory: 0, priority: 50 }), n, []);
    expect(names(v?.pods)).toEqual(['low1']);
    expect(v?.numPdbViolations).toBe(0);
  });

  it('keeps a small lower-priority pod when evicting a medium one is enough', () => {
    // node 1000m: tiny (prio 0) 100m, medium (prio 5) 800m. Preemptor prio 10, 800m.
    // Reprieve medium first: 800 + 800 > 1000, victim. Reprieve tiny: 100 + 800 <= 1000, kept.
    const n = node('n', { cpu: 1000, memory: 1000 }, [
      pod({ name: 'tiny', cpu: 100, memory: 0, priority: 0 }),
      pod({ name: 'medium', cpu: 800, memory: 0, priority: 5 }),
    ]);
    expect(names(selectVictimsOnNode(pod({ cpu: 800, memory: 0, priority: 10 }), n, [])?.pods)).toEqual(['medium']);
  });

  it('among equal priorities evicts the younger pod (later start)', () => {
    // two prio-1 pods of 600m on 1000m; room for one of them next to a 400m preemptor
    const n = node('n', { cpu: 1000, memory: 1000 }, [
      pod({ name: 'young', cpu: 600, memory: 0, priority: 1, start: 200 }),
      pod({ name: 'old', cpu: 600, memory: 0, priority: 1, start: 100 }),
    ]);
    expect(names(selectVictimsOnNode(pod({ cpu: 400, memory: 0, priority: 2 }), n, [])?.pods)).toEqual(['young']);
  });

  it('never evicts pods of equal or higher priority', () => {
    const n = node('n', { cpu: 1000, memory: 1000 }, [
      pod({ name: 'same', cpu: 600, memory: 0, priority: 5 }),
      pod({ name: 'above', cpu: 300, memory: 0, priority: 6 }),
    ]);
    expect(selectVictimsOnNode(pod({ cpu: 500, memory: 0, priority: 5 }), n, [])).toBeNull();
  });

  it('gives up on a node where evicting every lower-priority pod is not enough', () => {
    // 700m of higher priority stays: 700 + 400 > 1000
    const n = node('n', { cpu: 1000, memory: 1000 }, [
      pod({ name: 'low', cpu: 300, memory: 0, priority: 0 }),
      pod({ name: 'high', cpu: 700, memory: 0, priority: 9 }),
    ]);
    expect(selectVictimsOnNode(pod({ cpu: 400, memory: 0, priority: 5 }), n, [])).toBeNull();
  });

  it('frees pod slots as well as resources', () => {
    // pod limit 2, both taken; one eviction is enough
    const n = node('n', { cpu: 1000, memory: 1000, pods: 2 }, [
      pod({ name: 'a', cpu: 0, memory: 0, priority: 0, start: 1 }),
      pod({ name: 'b', cpu: 0, memory: 0, priority: 0, start: 2 }),
    ]);
    expect(names(selectVictimsOnNode(pod({ cpu: 0, memory: 0, priority: 1 }), n, [])?.pods)).toEqual(['b']);
  });

  it('counts higher-priority nominated pods as already there', () => {
    // 1000m node, low (prio 0) 500m, a prio-20 nominee of 500m. Preemptor prio 10, 500m:
    // without low, 500 (nominee) + 500 fits; with low back, 1500 > 1000 -> low is the victim.
    const nominee = pod({ name: 'nominee', cpu: 500, memory: 0, priority: 20 });
    const n = node('n', { cpu: 1000, memory: 1000 }, [pod({ name: 'low', cpu: 500, memory: 0, priority: 0 })], [nominee]);
    expect(names(selectVictimsOnNode(pod({ cpu: 500, memory: 0, priority: 10 }), n, [])?.pods)).toEqual(['low']);
    // 600m at prio 10: even without low, 500 + 600 > 1000
    expect(selectVictimsOnNode(pod({ cpu: 600, memory: 0, priority: 10 }), n, [])).toBeNull();
  });

  describe('PodDisruptionBudgets', () => {
    it('reprieves the pod a PDB protects first, evicting another instead', () => {
      // guarded (prio 0, app=db, budget 0) and free (prio 1), 600m each on 1000m; preemptor 400m prio 5.
      // Without PDBs the more important "free" would be reprieved and "guarded" evicted.
      const pods = () => [
        pod({ name: 'guarded', cpu: 600, memory: 0, priority: 0, labels: { app: 'db' } }),
        pod({ name: 'free', cpu: 600, memory: 0, priority: 1 }),
      ];
      const preemptor = pod({ cpu: 400, memory: 0, priority: 5 });
      expect(names(selectVictimsOnNode(preemptor, node('n', { cpu: 1000, memory: 1000 }, pods()), [])?.pods)).toEqual([
        'guarded',
      ]);
      const v = selectVictimsOnNode(preemptor, node('n', { cpu: 1000, memory: 1000 }, pods()), [pdb({ app: 'db' }, 0)]);
      expect(names(v?.pods)).toEqual(['free']);
      expect(v?.numPdbViolations).toBe(0);
    });

    it('counts the violations it cannot avoid and orders victims by importance', () => {
      // everything must go: 3 x 300m on 1000m, preemptor 1000m
      const n = node('n', { cpu: 1000, memory: 1000 }, [
        pod({ name: 'p0', cpu: 300, memory: 0, priority: 0 }),
        pod({ name: 'p2', cpu: 300, memory: 0, priority: 2, labels: { app: 'db' } }),
        pod({ name: 'p1', cpu: 300, memory: 0, priority: 1 }),
      ]);
      const v = selectVictimsOnNode(pod({ cpu: 1000, memory: 0, priority: 9 }), n, [pdb({ app: 'db' }, 0)]);
      expect(names(v?.pods)).toEqual(['p2', 'p1', 'p0']);
      expect(v?.numPdbViolations).toBe(1);
    });

    it('spends the budget on the most important matching pods first', () => {
      // budget 1, three matching pods sorted by importance: the first spends it, the rest violate
      const pods = [
        pod({ name: 'a', priority: 3, labels: { app: 'web', tier: 'x' } }),
        pod({ name: 'b', priority: 2, labels: { app: 'web' } }),
        pod({ name: 'c', priority: 1, labels: { app: 'web' } }),
        pod({ name: 'd', priority: 0, labels: { app: 'api' } }),
        pod({ name: 'e', priority: 0 }),
      ];
      const { violating, nonViolating } = splitByPdbViolation(pods, [pdb({ app: 'web' }, 1), pdb({}, 0)]);
      expect(names(violating)).toEqual(['b', 'c']);
      // an empty selector matches nothing, so it never protects (or blocks) d and e
      expect(names(nonViolating)).toEqual(['a', 'd', 'e']);
    });
  });
});

// Modelled on kube-scheduler's TestPickOneNodeForPreemption.
describe('pickOneNodeForPreemption', () => {
  const victims = (specs: { priority: number; start?: number }[], numPdbViolations = 0) => ({
    pods: specs.map((s) => pod({ priority: s.priority, start: s.start ?? 0 })),
    numPdbViolations,
  });
  const cand = (nodeIndex: number, v: ReturnType<typeof victims>): Candidate => ({ nodeIndex, victims: v });

  it.each([
    {
      what: 'fewest PDB violations first, even over lower-priority victims',
      candidates: [cand(0, victims([{ priority: 0 }], 1)), cand(1, victims([{ priority: 50 }], 0))],
      want: 1,
    },
    {
      what: 'then the lowest highest-priority victim',
      candidates: [cand(0, victims([{ priority: 10 }, { priority: 1 }])), cand(1, victims([{ priority: 5 }, { priority: 5 }, { priority: 5 }]))],
      want: 1,
    },
    {
      // same highest (10): sums 10+9 vs 10+1 (each + 2^31)
      what: 'then the smallest sum of priorities',
      candidates: [cand(0, victims([{ priority: 10 }, { priority: 9 }])), cand(1, victims([{ priority: 10 }, { priority: 1 }]))],
      want: 1,
    },
    {
      // raw sums: a = -1 + -1 = -2 < b = -1, but shifted: a = 2*(2^31 - 1) > b = 2^31 - 1
      what: 'priorities are shifted by 2^31 before summing, so more victims never sum lower',
      candidates: [cand(0, victims([{ priority: -1 }, { priority: -1 }])), cand(1, victims([{ priority: -1 }]))],
      want: 1,
    },
    {
      // shifted sums tie: a = (5 + 3) + 2*2^31; b = (5 + 1 + (2 - 2^31)) + 3*2^31 = 8 + 2*2^31
      what: 'then the fewest victims',
      candidates: [
        cand(0, victims([{ priority: 5 }, { priority: 1 }, { priority: 2 - 2 ** 31 }])),
        cand(1, victims([{ priority: 5 }, { priority: 3 }])),
      ],
      want: 1,
    },
    {
      // highest-priority victims started at 100 (node 0) and 200 (node 1): disturb the younger
      what: 'then the latest start among the highest-priority victims',
      candidates: [cand(0, victims([{ priority: 3, start: 100 }, { priority: 1, start: 500 }])), cand(1, victims([{ priority: 3, start: 200 }, { priority: 1, start: 0 }]))],
      want: 1,
    },
    {
      // node 0's highest-priority victims started at 300 and 50 -> 50; node 1's at 100 -> node 1
      what: 'the start compared is the earliest among the highest-priority victims',
      candidates: [cand(0, victims([{ priority: 3, start: 300 }, { priority: 3, start: 50 }])), cand(1, victims([{ priority: 3, start: 100 }, { priority: 3, start: 100 }]))],
      want: 1,
    },
    {
      what: 'a full tie goes to the first candidate',
      candidates: [cand(4, victims([{ priority: 1 }])), cand(2, victims([{ priority: 1 }]))],
      want: 0,
    },
  ])('$what', ({ candidates, want }) => {
    expect(pickOneNodeForPreemption(candidates)).toBe(want);
  });

  it('has nothing to pick from no candidates', () => {
    expect(pickOneNodeForPreemption([])).toBe(-1);
  });

  it('finds the earliest start among the highest priority, wherever they sit', () => {
    expect(earliestStartOfHighestPriority(victims([{ priority: 1, start: 1 }, { priority: 4, start: 40 }, { priority: 4, start: 30 }]))).toBe(30);
  });
});

describe('preempt', () => {
  // Three full 1000m nodes; which one a 600m prio-10 preemptor takes depends on its victims.
  const cluster = () => [
    // one 700m victim of prio 5
    node('a', { cpu: 1000, memory: 1000 }, [pod({ name: 'a-mid', cpu: 700, memory: 0, priority: 5 }), pod({ name: 'a-top', cpu: 300, memory: 0, priority: 100 })]),
    // two 500m victims of prio -1 (placeholders)
    node('b', { cpu: 1000, memory: 1000 }, [pod({ name: 'b-ph1', cpu: 500, memory: 0, priority: -1 }), pod({ name: 'b-ph2', cpu: 500, memory: 0, priority: -1 })]),
    // only higher-priority pods
    node('c', { cpu: 1000, memory: 1000 }, [pod({ name: 'c-top', cpu: 1000, memory: 0, priority: 100 })]),
  ];

  it('chooses the node whose victims are least important', () => {
    // a: highest victim prio 5; b: highest victim prio -1 -> b, where both placeholders must go (600 > 500)
    const r = preempt(pod({ cpu: 600, memory: 0, priority: 10 }), cluster(), []);
    expect(r?.nodeIndex).toBe(1);
    expect(names(r?.victims)).toEqual(['b-ph1', 'b-ph2']);
    expect(r?.pdbViolations).toBe(0);
  });

  it('prefers a node without PDB violations', () => {
    const nodes = cluster();
    nodes[1].pods.forEach((p) => (p.labels = { app: 'ph' }));
    const r = preempt(pod({ cpu: 600, memory: 0, priority: 10 }), nodes, [pdb({ app: 'ph' }, 1)]);
    // b would break the budget once (two evictions, one allowed): a wins despite its prio-5 victim
    expect(r?.nodeIndex).toBe(0);
    expect(names(r?.victims)).toEqual(['a-mid']);
  });

  it('does not preempt with preemptionPolicy Never', () => {
    expect(preempt(pod({ cpu: 600, memory: 0, priority: 10, never: true }), cluster(), [])).toBeNull();
  });

  it('does not preempt when no lower-priority pod is in the way', () => {
    expect(preempt(pod({ cpu: 600, memory: 0, priority: -5 }), cluster(), [])).toBeNull();
  });

  it('skips nodes too small for the pod even when empty', () => {
    const nodes = [node('tiny', { cpu: 500, memory: 1000 }, [pod({ cpu: 500, memory: 0, priority: -1 })]), ...cluster()];
    // 600m > 500m allocatable: tiny is unresolvable; b (index 2) is chosen
    expect(preempt(pod({ cpu: 600, memory: 0, priority: 10 }), nodes, [])?.nodeIndex).toBe(2);
  });

  it('hands back the lower-priority pods nominated to the chosen node', () => {
    const nodes = cluster();
    const lowNominee = pod({ name: 'low-nominee', cpu: 100, memory: 0, priority: 0 });
    const highNominee = pod({ name: 'high-nominee', cpu: 0, memory: 0, priority: 50 });
    nodes[1].nominated.push(lowNominee, highNominee);
    const r = preempt(pod({ cpu: 600, memory: 0, priority: 10 }), nodes, []);
    expect(r?.nodeIndex).toBe(1);
    expect(names(r?.lowerPriorityNominated)).toEqual(['low-nominee']);
  });

  describe('a preemptor waiting on its nominated node', () => {
    const setup = () => {
      const preemptor = pod({ name: 'p', cpu: 600, memory: 0, priority: 10, uid: 1 });
      const nodes = cluster();
      const victim = nodes[1].pods[0];
      nodes[1].nominated.push(preemptor);
      return { preemptor, nodes, victim };
    };

    it('does not preempt again while a lower-priority pod there is terminating', () => {
      const { preemptor, nodes, victim } = setup();
      const isTerminating = (p: PodInfo) => p === victim;
      expect(podEligibleToPreemptOthers(preemptor, nodes, { isTerminating })).toBe(false);
      expect(preempt(preemptor, nodes, [], { isTerminating })).toBeNull();
    });

    it('may preempt again once nothing there is terminating', () => {
      const { preemptor, nodes } = setup();
      expect(podEligibleToPreemptOthers(preemptor, nodes, { isTerminating: () => false })).toBe(true);
    });

    it('may preempt again when the nominated node can no longer hold it at all', () => {
      const { preemptor, nodes, victim } = setup();
      nodes[1].allocCpuMilli = 500; // shrank below the pod's 600m
      expect(podEligibleToPreemptOthers(preemptor, nodes, { isTerminating: (p) => p === victim })).toBe(true);
    });

    it('honours an explicit nominated node', () => {
      const { preemptor, nodes, victim } = setup();
      nodes[1].nominated.length = 0;
      expect(podEligibleToPreemptOthers(preemptor, nodes, { nominatedNodeIndex: 1, isTerminating: (p) => p === victim })).toBe(false);
    });
  });

  describe('candidate search as kube-scheduler', () => {
    it('sizes the shortlist at max(10% of nodes, 100), capped at the node count', () => {
      expect(numCandidates(50)).toBe(50);
      expect(numCandidates(250)).toBe(100);
      expect(numCandidates(2000)).toBe(200);
      expect(numCandidates(2000, 5, 10)).toBe(100);
    });

    it('starts at a random offset and stops once enough candidates are found', () => {
      // 250 identical candidates; offset floor(0.4 * 250) = 100, shortlist of 100: nodes 100..199,
      // all tied, so the first tried wins
      const nodes = Array.from({ length: 250 }, (_, i) => node(`n${i}`, { cpu: 1000, memory: 1000 }, [pod({ cpu: 1000, memory: 0, priority: 0 })]));
      const p = pod({ cpu: 500, memory: 0, priority: 1 });
      expect(preempt(p, nodes, [], { rng: () => 0.4 })?.nodeIndex).toBe(100);
      expect(preempt(p, nodes, [])?.nodeIndex).toBe(0);
    });
  });
});
