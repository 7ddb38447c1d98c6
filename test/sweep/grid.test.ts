import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellAt, cellCount, makeGrid, pointAt, pointCount, pointLabel, pointSets, pointValues } from '../../src/sweep/grid.ts';
import { parseVary } from '../../src/sweep/vary.ts';

const replicas = parseVary('overprovisioner.0.replicasPerCluster=0:20:10'); // 0, 10, 20
const expander = parseVary('clusterAutoscaler.expander=random,price'); // random, price

describe('grid', () => {
  it('is every combination, the first --vary outermost, times the seeds innermost', () => {
    const grid = makeGrid([replicas, expander], 42, 2);
    // 3 replicas x 2 expanders = 6 points; x 2 seeds = 12 cells
    expect(pointCount(grid)).toBe(6);
    expect(cellCount(grid)).toBe(12);
    const cells = Array.from({ length: 12 }, (_, i) => {
      const c = cellAt(grid, i);
      return `${pointLabel(grid, pointAt(grid, c.point))} seed=${c.seed}`;
    });
    expect(cells).toEqual([
      'replicasPerCluster=0, expander=random seed=42',
      'replicasPerCluster=0, expander=random seed=43',
      'replicasPerCluster=0, expander=price seed=42',
      'replicasPerCluster=0, expander=price seed=43',
      'replicasPerCluster=10, expander=random seed=42',
      'replicasPerCluster=10, expander=random seed=43',
      'replicasPerCluster=10, expander=price seed=42',
      'replicasPerCluster=10, expander=price seed=43',
      'replicasPerCluster=20, expander=random seed=42',
      'replicasPerCluster=20, expander=random seed=43',
      'replicasPerCluster=20, expander=price seed=42',
      'replicasPerCluster=20, expander=price seed=43',
    ]);
  });

  it('turns a point into --set texts and typed values', () => {
    const grid = makeGrid([replicas, expander], 1, 1);
    // point 3 = replicas index 1 (10), expander index 1 (price): 1 x 2 + 1
    const p = pointAt(grid, 3);
    expect(pointSets(grid, p)).toEqual(['overprovisioner.0.replicasPerCluster=10', 'clusterAutoscaler.expander=price']);
    expect(pointValues(grid, p)).toEqual({ 'overprovisioner.0.replicasPerCluster': 10, 'clusterAutoscaler.expander': 'price' });
  });

  it('with no --vary is the scenario alone, once per seed', () => {
    const grid = makeGrid([], 5, 3);
    expect(cellCount(grid)).toBe(3);
    expect([0, 1, 2].map((i) => cellAt(grid, i).seed)).toEqual([5, 6, 7]);
    expect(pointLabel(grid, pointAt(grid, 0))).toBe('the scenario as written');
  });

  it('names axes by their whole path when their last keys collide', () => {
    const grid = makeGrid([parseVary('workloads.0.replicas=1,2'), parseVary('workloads.1.replicas=3')], 0, 1);
    expect(pointLabel(grid, pointAt(grid, 1))).toBe('workloads.0.replicas=2, workloads.1.replicas=3');
  });

  it.each([
    [() => makeGrid([replicas], 0, 0), /--seeds must be a whole number of at least 1/],
    [() => makeGrid([replicas, replicas], 0, 1), /given twice/],
    [() => makeGrid([parseVary('workloads.0.replicas=1:4000'), parseVary('workloads.1.replicas=1:4000')], 0, 1), /16,000,000 runs/],
  ])('refuses a bad grid (%#)', (make, message) => {
    expect(make).toThrow(message);
  });

  it('maps cells to (point, seed) one to one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }), fc.integer({ min: 1, max: 4 }), (sizes, seeds) => {
        const axes = sizes.map((n, i) => parseVary(`workloads.${i}.replicas=1:${n}`));
        const grid = makeGrid(axes, 100, seeds);
        const seen = new Set<string>();
        for (let i = 0; i < cellCount(grid); i++) {
          const c = cellAt(grid, i);
          const key = `${pointSets(grid, pointAt(grid, c.point)).join(' ')}|${c.seed}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
        expect(seen.size).toBe(sizes.reduce((a, b) => a * b, 1) * seeds);
      }),
    );
  });
});
