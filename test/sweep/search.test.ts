import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bisectSmallest, parseSearch } from '../../src/sweep/search.ts';

describe('bisectSmallest', () => {
  it('finds the threshold of any monotone probe, its neighbour below among the values tried, in at most 2 + ceil(log2(high - low)) probes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: -60, max: 360 }), async (low, span, threshold) => {
        const high = low + span;
        const result = await bisectSmallest(low, high, async (v) => v >= threshold);
        const want = threshold <= low ? low : threshold > high ? null : threshold;
        expect(result!.value).toBe(want);
        expect(result!.probes.length).toBeLessThanOrEqual(2 + Math.ceil(Math.log2(span)));
        for (const p of result!.probes) expect(p.meets).toBe(p.value >= threshold);
        if (want !== null && want > low) expect(result!.probes).toContainEqual({ value: want - 1, meets: false });
      }),
    );
  });

  it('tries the lowest value first, then the highest, then halves the bracket', async () => {
    // 0 fails, 200 meets; 100 meets, 50 fails, 75 fails, 87 meets, 81 fails, 84 meets, 82 fails, 83 meets
    const result = await bisectSmallest(0, 200, async (v) => v >= 83);
    expect(result!.probes.map((p) => p.value)).toEqual([0, 200, 100, 50, 75, 87, 81, 84, 82, 83]);
    expect(result!.value).toBe(83);
  });

  it('stops at once when the lowest meets, and after two probes when the highest does not', async () => {
    expect((await bisectSmallest(5, 9, async () => true))!.probes).toEqual([{ value: 5, meets: true }]);
    expect(await bisectSmallest(5, 9, async () => false)).toEqual({ value: null, probes: [{ value: 5, meets: false }, { value: 9, meets: false }] });
  });

  it('gives up, with nothing, when a probe is interrupted', async () => {
    expect(await bisectSmallest(0, 10, async (v) => (v === 10 ? null : false))).toBeNull();
  });
});

describe('parseSearch', () => {
  it('reads path=LOW:HIGH into a whole-number axis', () => {
    const s = parseSearch('overprovisioner.0.replicasPerCluster=0:200');
    expect(s).toMatchObject({ path: 'overprovisioner.0.replicasPerCluster', low: 0, high: 200 });
    expect(s.axis.values).toHaveLength(201);
  });

  it.each([
    ['overprovisioner.0.replicasPerCluster=0:200:10', /expected path=LOW:HIGH with whole numbers/],
    ['overprovisioner.0.replicasPerCluster=1.5:3', /whole numbers/],
    ['overprovisioner.0.replicasPerCluster=9:3', /LOW must be below HIGH/],
    ['=0:3', /expected path=LOW:HIGH/],
    ['overprovisioner.0.replicaPerCluster=0:3', /replicaPerCluster/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSearch(text)).toThrow(message);
  });
});
