import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/input/suggest.ts';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['replicaz', 'replicas', 1], // one substitution
    ['replicasPerClutser', 'replicasPerCluster', 1], // one transposition
    ['kitten', 'sitting', 3],
    ['max', '', 3],
  ])('%s -> %s is %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it('property: symmetric, zero only for equal strings, within the triangle inequality', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b, c) => {
        const ab = editDistance(a, b);
        return ab === editDistance(b, a) && (ab === 0) === (a === b) && editDistance(a, c) <= ab + editDistance(b, c) + 1;
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});

describe('closest', () => {
  const keys = ['scanInterval', 'expander', 'scaleDownUnneededTime', 'maxNodesTotal'];
  it.each([
    ['expandr', 'expander'],
    ['scan_interval', 'scanInterval'], // same but for case and separators
    ['maxnodestotal', 'maxNodesTotal'],
    ['zzz', undefined], // nothing near
    ['expander', undefined], // a key is not its own suggestion
  ])('%s -> %s', (word, want) => expect(closest(word, keys)).toBe(want));
});
