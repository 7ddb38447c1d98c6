import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, parseScenario, scenarioHash } from '../../src/scenario/index.ts';
import { load, minimal } from './fixture.ts';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [2, { d: 3, c: 4 }] }, '{"a":[2,{"c":4,"d":3}],"b":1}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    ['x', '"x"'],
    [[], '[]'],
  ])('%j -> %s', (v, want) => expect(canonicalJson(v)).toBe(want));

  it('property: the same for any order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('scenarioHash', () => {
  it('is a sha256 hex digest, stable for the same scenario', () => {
    const h = scenarioHash(load(minimal()));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(scenarioHash(load(minimal()))).toBe(h);
  });

  it('does not depend on key order, defaults written out, or where the file lives', () => {
    const a = load(minimal());
    const explicit = minimal();
    explicit.nodeGroups[0] = { provisioningDelay: { fixed: '1m' }, initial: 2, max: 10, pricePerHour: 0.2, allocatable: { memory: '16Gi', cpu: 4, pods: 110 }, name: 'general', min: 0 };
    explicit.clusterAutoscaler = { scanInterval: '10s', expander: 'random' };
    expect(scenarioHash(load(explicit))).toBe(scenarioHash(a));
    const raw = minimal();
    raw.workloads[0].traffic = { trace: 'traces/a.csv' };
    const here = parseScenario(JSON.stringify(raw), '/one/place/s.yaml', { checkFiles: false });
    const there = parseScenario(JSON.stringify(raw), '/another/folder/s.yaml', { checkFiles: false });
    expect(scenarioHash(here)).toBe(scenarioHash(there));
  });

  it('changes with any value, and with the seed', () => {
    const base = scenarioHash(load(minimal()));
    expect(scenarioHash(load(minimal(), { sets: ['workloads.0.replicas=2'] }))).not.toBe(base);
    expect(scenarioHash(load(minimal(), { seed: 2 }))).not.toBe(base);
  });
});
