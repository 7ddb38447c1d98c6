/**
 * What PodTopologySpread's filter and score share (pkg/scheduler/framework/plugins/podtopologyspread
 * common.go): the pod's constraints of one kind with their selectors built, which nodes count
 * (they carry every constraint's topology key, and pass the node inclusion policies), and how many
 * of a node's pods a selector picks (terminating pods are not counted).
 *
 * The scheduler's system default constraints (zone and hostname, ScheduleAnyway, for pods of a
 * Service or ReplicaSet that give none) are not applied: only constraints the pod gives count.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../../label-selector.ts';
import { selectorMatches } from '../../label-selector.ts';
import { matchesRequiredNodeAffinity } from '../../node-selector.ts';
import type { TopologySpreadConstraint } from '../../placement.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';
import { untoleratedTaint } from '../tainttoleration/taint-toleration.ts';

export const NAME = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

export type SpreadNode = Pick<NodeInfo, 'name' | 'labels' | 'taints' | 'pods'>;

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  /** absent: selects no pod */
  selector: LabelSelector | undefined;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

export type Unsatisfiable = TopologySpreadConstraint['whenUnsatisfiable'];

const NONE: readonly SpreadConstraint[] = Object.freeze([]);

/** Does the pod give constraints of this kind? (Allocation-free.) */
export function hasConstraints(pod: PodInfo, kind: Unsatisfiable): boolean {
  const cs = pod.placement?.topologySpreadConstraints;
  if (cs === undefined) return false;
  for (const c of cs) if (c.whenUnsatisfiable === kind) return true;
  return false;
}

/**
 * filterTopologySpreadConstraints: the pod's constraints of one kind, each selector with the pod's
 * values of matchLabelKeys ANDed in (a key the pod does not carry adds nothing).
 */
export function spreadConstraints(pod: PodInfo, kind: Unsatisfiable): readonly SpreadConstraint[] {
  const cs = pod.placement?.topologySpreadConstraints;
  if (cs === undefined) return NONE;
  const out: SpreadConstraint[] = [];
  for (const c of cs) {
    if (c.whenUnsatisfiable !== kind) continue;
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      minDomains: c.minDomains ?? 1,
      selector: withMatchLabelKeys(c.labelSelector, c.matchLabelKeys, pod.labels),
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

function withMatchLabelKeys(
  selector: LabelSelector | undefined,
  keys: readonly string[] | undefined,
  podLabels: Readonly<Record<string, string>>,
): LabelSelector | undefined {
  if (selector === undefined || keys === undefined || keys.length === 0) return selector;
  const extra: LabelSelectorRequirement[] = [];
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(podLabels, key)) extra.push({ key, operator: 'In', values: [podLabels[key]] });
  }
  if (extra.length === 0) return selector;
  return { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), ...extra] };
}

/** nodeLabelsMatchSpreadConstraints: the node carries every constraint's topology key. */
export function nodeHasTopologyKeys(node: Pick<NodeInfo, 'labels'>, constraints: readonly SpreadConstraint[]): boolean {
  const labels = node.labels;
  for (const c of constraints) {
    if (labels === undefined || !Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return false;
  }
  return true;
}

/** matchNodeInclusionPolicies: does the node count for this constraint of this pod? */
export function nodeIncluded(c: SpreadConstraint, pod: PodInfo, node: Pick<SpreadNode, 'name' | 'labels' | 'taints'>): boolean {
  if (c.honorNodeAffinity && pod.placement !== undefined && !matchesRequiredNodeAffinity(pod.placement, node.name, node.labels)) return false;
  if (c.honorNodeTaints && untoleratedTaint(pod, node) !== null) return false;
  return true;
}

export type IsTerminating = (pod: PodInfo) => boolean;
export const NEVER_TERMINATING: IsTerminating = () => false;

/** countPodsMatchSelector: the node's pods the selector picks, leaving out terminating ones. */
export function countMatching(pods: readonly PodInfo[], selector: LabelSelector | undefined, isTerminating: IsTerminating): number {
  if (selector === undefined) return 0;
  let n = 0;
  for (const p of pods) if (!isTerminating(p) && selectorMatches(selector, p.labels)) n++;
  return n;
}
