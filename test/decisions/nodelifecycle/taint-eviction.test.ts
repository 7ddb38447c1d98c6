/**
 * When the taint-eviction controller deletes a pod from a node tainted
 * node.kubernetes.io/unreachable:NoExecute, after DefaultTolerationSeconds has defaulted its
 * tolerations (the cases of taint_eviction_test.go and defaulttolerationseconds' admission_test.go).
 */
import { describe, expect, it } from 'vitest';
import { evictionDelaySec, taintOffsetSec } from '../../../src/decisions/nodelifecycle/taint-eviction.ts';
import type { Taint, Toleration } from '../../../src/decisions/scheduler/placement.ts';

const UNREACHABLE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };

describe('evictionDelaySec', () => {
  it.each<[string, Toleration[] | undefined, number]>([
    // no tolerations: the admission plugin adds unreachable:NoExecute for 300 s
    ['no tolerations: the default 300 s', undefined, 300],
    ['a toleration of another key: the default still added', [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }], 300],
    // the pod's own toleration of the key overrides the default, whatever its seconds
    ['its own toleration of the key for 60 s', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }], 60],
    ['its own toleration of the key for 900 s', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 900 }], 900],
    ['its own toleration with no bound: never evicted', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }], Infinity],
    // an empty key with Exists tolerates every taint: no default is added, and nothing bounds it
    ['tolerates everything (empty key, Exists): never', [{ operator: 'Exists' }], Infinity],
    // tolerationSeconds <= 0: at once (getMinTolerationTime)
    ['tolerationSeconds 0: at once', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }], 0],
    // two matching tolerations: the least bound
    ['two matching: the least', [{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 120 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }], 30],
  ])('%s', (_name, tolerations, want) => {
    expect(evictionDelaySec(tolerations, UNREACHABLE)).toBe(want);
  });

  it('an own toleration of the key that does not match the taint (Equal to another value) counts as present: the pod is evicted at once', () => {
    // admission sees the key and adds nothing; the taint-eviction controller finds no matching toleration
    expect(evictionDelaySec([{ key: 'node.kubernetes.io/unreachable', operator: 'Equal', value: 'x', effect: 'NoExecute', tolerationSeconds: 60 }], UNREACHABLE)).toBe(0);
  });
});

describe('taintOffsetSec', () => {
  it('one node now, then one every 10 s at 0.1 node/s', () => {
    expect([0, 1, 2, 5].map((k) => taintOffsetSec(k, 0.1))).toEqual([0, 10, 20, 50]);
    expect(taintOffsetSec(1, 0)).toBe(Infinity);
  });
});
