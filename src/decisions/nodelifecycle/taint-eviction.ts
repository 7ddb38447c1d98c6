/**
 * When the taint-eviction controller deletes a pod from a node tainted NoExecute
 * (pkg/controller/tainteviction/taint_eviction.go, processPodOnNode and getMinTolerationTime),
 * after the DefaultTolerationSeconds admission plugin has given the pod its default toleration
 * of the taint (plugin/pkg/admission/defaulttolerationseconds/admission.go):
 *
 * - a taint the pod does not tolerate: deleted at once (0);
 * - tolerated: after the least tolerationSeconds of the tolerations that match it (0 or less =
 *   at once); none of them bounded = never (Infinity).
 *
 * The admission plugin adds `{key: <taint key>, operator: Exists, effect: NoExecute,
 * tolerationSeconds: 300}` unless a toleration already has that key or an empty one, with effect
 * NoExecute or empty: a pod's own toleration of the key overrides the default, whatever its
 * seconds. DaemonSet pods tolerate node.kubernetes.io/unreachable with no bound (the DaemonSet
 * controller adds it), so they stay.
 */
import { DEFAULT_UNREACHABLE_TOLERATION_SEC } from '../defaults.ts';
import type { Taint, Toleration } from '../scheduler/placement.ts';
import { toleratesTaint } from '../scheduler/plugins/tainttoleration/taint-toleration.ts';

/** Seconds from the taint to the pod's deletion: 0 at once, Infinity never. */
export function evictionDelaySec(tolerations: readonly Toleration[] | undefined, taint: Taint): number {
  const own = tolerations ?? [];
  const defaulted = own.some((t) => (t.key === undefined || t.key === '' || t.key === taint.key) && (t.effect === undefined || t.effect === 'NoExecute'));
  const all = defaulted ? own : [...own, { key: taint.key, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: DEFAULT_UNREACHABLE_TOLERATION_SEC }];
  let min = Infinity;
  let matched = false;
  for (const t of all) {
    if (!toleratesTaint(t, taint)) continue;
    matched = true;
    if (t.tolerationSeconds !== undefined) min = Math.min(min, Math.max(0, t.tolerationSeconds));
  }
  return matched ? min : 0;
}

/**
 * The node lifecycle controller's NoExecute tainting of a zone's unreachable nodes, through its
 * token bucket (rate per second, burst 1): the k-th node (from 0) is tainted k / rate seconds
 * after the first.
 */
export function taintOffsetSec(k: number, ratePerSec: number): number {
  return ratePerSec > 0 ? k / ratePerSec : Infinity;
}
