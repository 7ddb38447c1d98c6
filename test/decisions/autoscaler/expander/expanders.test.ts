import { describe, expect, it } from 'vitest';
import {
  bestOption,
  EXPANDERS,
  parseExpanderChain,
  validateExpanderChain,
} from '../../../../src/decisions/autoscaler/expander/chain.ts';
import { wasteScore } from '../../../../src/decisions/autoscaler/expander/least-waste.ts';
import {
  nodeUnfitness,
  podPrice,
  preferredNodeCpuMilli,
  priceScore,
} from '../../../../src/decisions/autoscaler/expander/price.ts';
import type { ExpanderName, Option } from '../../../../src/decisions/autoscaler/expander/types.ts';
import { GiB, MiB, cycleRng, pods, template } from '../fixtures.ts';

function option(nodeGroup: string, o: Partial<Option> = {}): Option {
  return {
    nodeGroup,
    nodeCount: 1,
    pods: [],
    pricePerHour: 1,
    priority: 0,
    template: template(4000, 8 * GiB),
    ...o,
  };
}

const ctx = (clusterNodeCount = 10, rng = cycleRng(0)) => ({ rng, clusterNodeCount });
const names = (os: Option[]) => os.map((o) => o.nodeGroup);

describe('least-waste', () => {
  // One pod of 250m / 512Mi. "balanced" offers 16 such pods' worth of both; "highmem" twice the
  // memory; "lowcpu" half the cpu. Waste = unrequested cpu share + unrequested memory share:
  //   balanced: 15/16 + 15/16 = 1.875
  //   highmem:  15/16 + 31/32 = 1.90625
  //   lowcpu:    7/8  + 15/16 = 1.8125
  const pod = pods('p', 1, 250, 512 * MiB);
  const balanced = option('balanced', { pods: pod, template: template(16 * 250, 16 * 512 * MiB) });
  const highmem = option('highmem', { pods: pod, template: template(16 * 250, 32 * 512 * MiB) });
  const lowcpu = option('lowcpu', { pods: pod, template: template(8 * 250, 16 * 512 * MiB) });

  it('scores the wasted fractions', () => {
    expect(wasteScore(balanced)).toBe(1.875);
    expect(wasteScore(highmem)).toBe(1.90625);
    expect(wasteScore(lowcpu)).toBe(1.8125);
  });

  const cases: { name: string; options: Option[]; want: string[] }[] = [
    { name: 'a single option without pods is kept', options: [option('balanced')], want: ['balanced'] },
    { name: 'less memory left over wins', options: [balanced, highmem], want: ['balanced'] },
    { name: 'less cpu left over wins', options: [balanced, highmem, lowcpu], want: ['lowcpu'] },
    {
      // Two nodes for the same pod double the offer: 31/32 + 31/32 = 1.9375 > 1.875.
      name: 'more nodes for the same pods waste more',
      options: [option('two', { ...balanced, nodeGroup: 'two', nodeCount: 2 }), balanced],
      want: ['balanced'],
    },
    { name: 'equal waste: both kept', options: [balanced, { ...balanced, nodeGroup: 'twin' }], want: ['balanced', 'twin'] },
  ];
  for (const c of cases) {
    it(c.name, () => expect(names(EXPANDERS['least-waste'].bestOptions(c.options, ctx())).sort()).toEqual(c.want.sort()));
  }
});

describe('most-pods', () => {
  const a = option('a', { pods: pods('a', 3, 100, MiB) });
  const b = option('b', { pods: pods('b', 5, 100, MiB) });
  const c = option('c', { pods: pods('c', 5, 100, MiB) });
  it('keeps the options placing the most pods', () => {
    expect(names(EXPANDERS['most-pods'].bestOptions([a, b, c], ctx()))).toEqual(['b', 'c']);
    expect(names(EXPANDERS['most-pods'].bestOptions([a, b], ctx()))).toEqual(['b']);
  });
});

describe('priority', () => {
  it('keeps the highest priority, ties included', () => {
    const os = [
      option('low', { priority: 10 }),
      option('high1', { priority: 50 }),
      option('high2', { priority: 50 }),
      option('zero'),
    ];
    expect(names(EXPANDERS.priority.bestOptions(os, ctx()))).toEqual(['high1', 'high2']);
  });
  it('negative priorities rank too', () => {
    expect(names(EXPANDERS.priority.bestOptions([option('a', { priority: -5 }), option('b', { priority: -1 })], ctx()))).toEqual(['b']);
  });
});

describe('price', () => {
  it('prices pods at the reference rates', () => {
    // 1 core · 0.033174 + 1 GiB · 0.004446
    expect(podPrice(1000, GiB)).toBeCloseTo(0.03762, 10);
  });

  it('prefers bigger nodes as the cluster grows', () => {
    expect([1, 2, 3, 6, 7, 20, 21, 60, 61, 200, 201].map(preferredNodeCpuMilli)).toEqual([
      1000, 1000, 2000, 2000, 4000, 4000, 8000, 8000, 16000, 16000, 32000,
    ]);
    expect(nodeUnfitness(4000, 16000)).toBe(4);
    expect(nodeUnfitness(4000, 1000)).toBe(4);
    expect(nodeUnfitness(4000, 4000)).toBe(1);
  });

  // Two pods of 500m / 6Gi. "small" (4 cores, 8Gi, 0.15/h) holds one a node: 2 nodes = 0.30/h.
  // "large" (4 cores, 16Gi, 0.25/h) holds both: 1 node = 0.25/h. Same cpu as the preferred node
  // of a 10-node cluster (4 cores), so unfitness 1 for both: the cheaper spend wins.
  it('the cheaper way to buy the same pods wins', () => {
    const ps = pods('p', 2, 500, 6 * GiB);
    const small = option('small', { nodeCount: 2, pods: ps, pricePerHour: 0.15, template: template(4000, 8 * GiB) });
    const large = option('large', { nodeCount: 1, pods: ps, pricePerHour: 0.25, template: template(4000, 16 * GiB) });
    expect(priceScore(large, 10)).toBeLessThan(priceScore(small, 10));
    expect(names(EXPANDERS.price.bestOptions([small, large], ctx(10)))).toEqual(['large']);
  });

  // 16 pods of 900m / 1Gi: podsPrice = 16 · (0.9 · 0.033174 + 0.004446) = 0.54884; stab = price
  // of 500m / 500Mi = 0.01876. "four" (4 cores, 0.20/h) needs 4 nodes = 0.80/h; "sixteen"
  // (16 cores, 0.75/h) needs 1 node.
  //   ratios: four (0.80 + 0.01876) / (0.54884 + 0.01876) = 1.4425; sixteen 0.76876 / 0.5676 = 1.3544
  // 10 nodes, preferred 4 cores: four 1.4425 · 1 = 1.44; sixteen unfitness 4, nodeCount 1 keeps
  //   all of it: 1.3544 · 4 = 5.42 -> four wins.
  // 300 nodes, preferred 32 cores: four unfitness 8, suppressed (8 − 1)(1 − tanh(3/15)) + 1 = 6.62
  //   -> 9.55; sixteen unfitness 2 -> 2.71 -> sixteen wins.
  it('weighs node size against the cluster size', () => {
    const ps = pods('p', 16, 900, GiB);
    const four = option('four', { nodeCount: 4, pods: ps, pricePerHour: 0.2, template: template(4000, 16 * GiB) });
    const sixteen = option('sixteen', { nodeCount: 1, pods: ps, pricePerHour: 0.75, template: template(16000, 64 * GiB) });
    expect(priceScore(four, 10)).toBeCloseTo(1.4425, 3);
    expect(priceScore(sixteen, 10)).toBeCloseTo(5.4176, 3);
    expect(priceScore(four, 300)).toBeCloseTo(9.547, 2);
    expect(priceScore(sixteen, 300)).toBeCloseTo(2.709, 2);
    expect(names(EXPANDERS.price.bestOptions([four, sixteen], ctx(10)))).toEqual(['four']);
    expect(names(EXPANDERS.price.bestOptions([four, sixteen], ctx(300)))).toEqual(['sixteen']);
  });
});

describe('random', () => {
  it('picks by the rng', () => {
    const os = [option('a'), option('b'), option('c')];
    expect(names(EXPANDERS.random.bestOptions(os, ctx(10, cycleRng(0))))).toEqual(['a']);
    expect(names(EXPANDERS.random.bestOptions(os, ctx(10, cycleRng(0.5))))).toEqual(['b']);
    expect(names(EXPANDERS.random.bestOptions(os, ctx(10, cycleRng(0.999))))).toEqual(['c']);
    expect(names(EXPANDERS.random.bestOptions(os, ctx(10, cycleRng(1))))).toEqual(['c']);
  });
  it('spreads its picks', () => {
    const counts = { a: 0, b: 0 };
    let x = 0;
    const rng = () => ((x = (x * 9301 + 49297) % 233280) / 233280);
    for (let i = 0; i < 1000; i++) counts[bestOption([option('a'), option('b')], ['random'], ctx(10, rng))!.nodeGroup as 'a' | 'b']++;
    expect(counts.a).toBeGreaterThan(400);
    expect(counts.b).toBeGreaterThan(400);
  });
});

describe('chains', () => {
  // All on one node of 4 cores / 8Gi. Waste: cheap-waste 0 + 4/8 = 0.5; low-prio 0 + 0 = 0;
  // wasteful 3.9/4 + (8Gi − 1Mi)/8Gi ≈ 1.97.
  const cheapWaste = option('cheap-waste', { priority: 10, pods: pods('p', 4, 1000, GiB) });
  const lowPrio = option('low-prio', { priority: 1, pods: pods('p', 4, 1000, 2 * GiB) });
  const wasteful = option('wasteful', { priority: 10, pods: pods('p', 1, 100, MiB) });
  const wastefulTwin = { ...wasteful, nodeGroup: 'wasteful-twin' };

  const cases: { chain: ExpanderName[]; options: Option[]; rng: number; want: string | null }[] = [
    // priority keeps cheap-waste and wasteful (10); least-waste then prefers cheap-waste.
    { chain: ['priority', 'least-waste'], options: [lowPrio, wasteful, cheapWaste], rng: 0, want: 'cheap-waste' },
    // least-waste alone: low-prio wastes nothing.
    { chain: ['least-waste'], options: [lowPrio, wasteful, cheapWaste], rng: 0, want: 'low-prio' },
    // priority leaves two equal options; least-waste ties them; random breaks it.
    { chain: ['priority', 'least-waste'], options: [wasteful, wastefulTwin], rng: 0, want: 'wasteful' },
    { chain: ['priority', 'least-waste'], options: [wasteful, wastefulTwin], rng: 0.7, want: 'wasteful-twin' },
    // most-pods decides alone; a later expander is not consulted.
    { chain: ['most-pods', 'priority'], options: [wasteful, lowPrio], rng: 0, want: 'low-prio' },
    { chain: ['priority'], options: [], rng: 0, want: null },
    { chain: ['random'], options: [wasteful], rng: 0.9, want: 'wasteful' },
  ];
  for (const c of cases) {
    it(`${c.chain.join(',')} over [${names(c.options).join(', ')}] (rng ${c.rng}) -> ${c.want}`, () => {
      expect(bestOption(c.options, c.chain, ctx(10, cycleRng(c.rng)))?.nodeGroup ?? null).toBe(c.want);
    });
  }

  it('parses and validates chains as the autoscaler does', () => {
    expect(parseExpanderChain('priority, least-waste')).toEqual(['priority', 'least-waste']);
    expect(parseExpanderChain('least-waste,random')).toEqual(['least-waste', 'random']);
    expect(() => parseExpanderChain('cheapest')).toThrow(/unknown expander "cheapest"/);
    expect(() => validateExpanderChain(['price', 'price'])).toThrow(/"price" is listed twice/);
    expect(() => validateExpanderChain(['random', 'priority'])).toThrow(/random picks one option, so it can only be the last/);
    expect(() => validateExpanderChain([])).toThrow(/at least one/);
  });
});
