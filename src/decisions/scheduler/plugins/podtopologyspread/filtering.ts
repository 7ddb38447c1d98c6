/**
 * PodTopologySpread's filter for DoNotSchedule constraints (podtopologyspread/filtering.go).
 * PreFilter counts, per constraint and topology domain, the pods the selector picks on the nodes
 * that count; a node passes when, for every constraint,
 *
 *   pods matching in the node's domain + (1 if the pod matches itself) − global minimum <= maxSkew,
 *
 * the global minimum being the fewest matching pods in any counted domain, or 0 while fewer than
 * minDomains domains are counted. A node without a constraint's topology key is refused for good
 * (UnschedulableAndUnresolvable); one that breaks a skew may pass once pods leave (Unschedulable,
 * so preemption may try it). AddPod / RemovePod keep the counts as pods are placed or evicted in a
 * simulation (the preemption dry run, the autoscaler's snapshot).
 */
import type { Status } from '../../framework.ts';
import { selectorMatches } from '../../label-selector.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';
import {
  countMatching,
  ERR_REASON_CONSTRAINTS_NOT_MATCH,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  NEVER_TERMINATING,
  nodeHasTopologyKeys,
  nodeIncluded,
  spreadConstraints,
  type IsTerminating,
  type SpreadConstraint,
  type SpreadNode,
} from './common.ts';

export interface SpreadState {
  constraints: readonly SpreadConstraint[];
  /** per constraint: topology value -> matching pods in that domain */
  counts: Map<string, number>[];
  /** per constraint: the fewest matching pods of any domain (Infinity when none is counted) */
  minCounts: number[];
}

const LABEL_MISSING: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: Object.freeze([ERR_REASON_NODE_LABEL_NOT_MATCH]) }) as Status;
const SKEW_BROKEN: Status = Object.freeze({ code: 'Unschedulable', reasons: Object.freeze([ERR_REASON_CONSTRAINTS_NOT_MATCH]) }) as Status;

/** calPreFilterState over every node of the cluster; null when the pod has no DoNotSchedule constraint. */
export function preFilter(pod: PodInfo, nodes: readonly SpreadNode[], isTerminating: IsTerminating = NEVER_TERMINATING): SpreadState | null {
  const constraints = spreadConstraints(pod, 'DoNotSchedule');
  if (constraints.length === 0) return null;
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of nodes) {
    if (!nodeHasTopologyKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (!nodeIncluded(c, pod, node)) continue;
      const value = node.labels![c.topologyKey];
      counts[i].set(value, (counts[i].get(value) ?? 0) + countMatching(node.pods, c.selector, isTerminating));
    }
  }
  return { constraints, counts, minCounts: counts.map(minOf) };
}

function minOf(counts: Map<string, number>): number {
  let min = Infinity;
  for (const n of counts.values()) if (n < min) min = n;
  return min;
}

export function filter(pod: PodInfo, node: Pick<NodeInfo, 'labels'>, state: SpreadState, success: Status): Status {
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i];
    const value = node.labels?.[c.topologyKey];
    if (value === undefined) return LABEL_MISSING;
    const counts = state.counts[i];
    // A node whose domain is not counted yet is a new, empty domain (a node the autoscaler
    // imagines); a node of the cluster always has its domain counted when the earlier filters
    // pass it, so for those this is upstream's rule unchanged.
    const known = counts.get(value);
    const domains = known === undefined ? counts.size + 1 : counts.size;
    const min = domains < c.minDomains || known === undefined ? 0 : state.minCounts[i];
    const self = selectorMatches(c.selector, pod.labels) ? 1 : 0;
    if ((known ?? 0) + self - min > c.maxSkew) return SKEW_BROKEN;
  }
  return success;
}

/**
 * updateWithPod: `changed` joins (+1) or leaves (−1) `node` (or `delta` pods like it do), as seen
 * by `pod`'s constraints. Mutates the state; callers that must not disturb theirs copy it first
 * (cloneSpreadState).
 */
export function updateWithPod(state: SpreadState, pod: PodInfo, changed: PodInfo, node: Pick<SpreadNode, 'name' | 'labels' | 'taints'>, delta: number): void {
  if (!nodeHasTopologyKeys(node, state.constraints)) return;
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i];
    if (!selectorMatches(c.selector, changed.labels) || !nodeIncluded(c, pod, node)) continue;
    const value = node.labels![c.topologyKey];
    const counts = state.counts[i];
    counts.set(value, (counts.get(value) ?? 0) + delta);
    state.minCounts[i] = minOf(counts);
  }
}

export function cloneSpreadState(state: SpreadState): SpreadState {
  return { constraints: state.constraints, counts: state.counts.map((m) => new Map(m)), minCounts: state.minCounts.slice() };
}
