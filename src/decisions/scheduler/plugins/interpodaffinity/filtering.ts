/**
 * InterPodAffinity's filter for required terms (pkg/scheduler/framework/plugins/interpodaffinity
 * filtering.go). PreFilter counts, per topology pair (label key and value):
 *
 * - existing pods whose required anti-affinity terms select the incoming pod, in their node's domain;
 * - existing pods that match every required affinity term of the incoming pod;
 * - existing pods that match one of its required anti-affinity terms.
 *
 * A node is refused when one of its label pairs has an existing pod's anti-affinity against the
 * pod (Unschedulable: evicting that pod would help), when it is in a domain holding a pod the
 * anti-affinity terms select (Unschedulable), or when, for some affinity term, its domain holds no
 * matching pod (UnschedulableAndUnresolvable) — unless no pod anywhere matches and the pod matches
 * its own terms (the first of a group that wants to run together). One namespace: terms'
 * namespaces are not modelled.
 */
import type { Status } from '../../framework.ts';
import { selectorMatches } from '../../label-selector.ts';
import type { PodAffinityTerm } from '../../placement.ts';
import type { NodeInfo, PodInfo } from '../../types.ts';

export const NAME = 'InterPodAffinity';
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const status = (code: Status['code'], reason: string): Status => Object.freeze({ code, reasons: Object.freeze([reason]) }) as Status;
const EXISTING_ANTI = status('Unschedulable', ERR_REASON_EXISTING_ANTI_AFFINITY);
const AFFINITY = status('UnschedulableAndUnresolvable', ERR_REASON_AFFINITY);
const ANTI = status('Unschedulable', ERR_REASON_ANTI_AFFINITY);

export type AffinityNode = Pick<NodeInfo, 'name' | 'labels' | 'pods' | 'podsWithAffinity'>;

export interface AffinityState {
  affinityTerms: readonly PodAffinityTerm[];
  antiAffinityTerms: readonly PodAffinityTerm[];
  /** "key\0value" -> existing pods with anti-affinity against the pod there */
  existingAnti: Map<string, number>;
  /** "key\0value" -> existing pods matching all the pod's affinity terms there */
  affinity: Map<string, number>;
  /** "key\0value" -> existing pods matching one of its anti-affinity terms there */
  anti: Map<string, number>;
}

const NONE: readonly PodAffinityTerm[] = Object.freeze([]);
const pair = (key: string, value: string): string => `${key}\u0000${value}`;

export const requiredAffinityTerms = (pod: PodInfo): readonly PodAffinityTerm[] => pod.placement?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NONE;
export const requiredAntiAffinityTerms = (pod: PodInfo): readonly PodAffinityTerm[] =>
  pod.placement?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NONE;

/** Does the pod carry required pod affinity or anti-affinity terms? */
export function hasRequiredPodAffinity(pod: PodInfo): boolean {
  return requiredAffinityTerms(pod).length > 0 || requiredAntiAffinityTerms(pod).length > 0;
}

function matchesAll(pod: PodInfo, terms: readonly PodAffinityTerm[]): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!selectorMatches(t.labelSelector, pod.labels)) return false;
  return true;
}

function bump(m: Map<string, number>, key: string, delta: number): void {
  const n = (m.get(key) ?? 0) + delta;
  if (n === 0) m.delete(key);
  else m.set(key, n);
}

/** Adds (delta 1) or removes (−1) `changed`, on `node`, to the counts as seen by `pod`. */
export function updateWithPod(state: AffinityState, pod: PodInfo, changed: PodInfo, node: Pick<NodeInfo, 'labels'>, delta: number): void {
  const labels = node.labels;
  if (labels === undefined) return;
  for (const t of requiredAntiAffinityTerms(changed)) {
    const v = labels[t.topologyKey];
    if (v !== undefined && selectorMatches(t.labelSelector, pod.labels)) bump(state.existingAnti, pair(t.topologyKey, v), delta);
  }
  if (matchesAll(changed, state.affinityTerms)) {
    for (const t of state.affinityTerms) {
      const v = labels[t.topologyKey];
      if (v !== undefined) bump(state.affinity, pair(t.topologyKey, v), delta);
    }
  }
  for (const t of state.antiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && selectorMatches(t.labelSelector, changed.labels)) bump(state.anti, pair(t.topologyKey, v), delta);
  }
}

/**
 * The PreFilter state over every node of the cluster, or null when neither the pod nor any pod
 * there has required (anti-)affinity terms (the plugin has nothing to say).
 */
export function preFilter(pod: PodInfo, nodes: readonly AffinityNode[]): AffinityState | null {
  const own = hasRequiredPodAffinity(pod);
  if (!own) {
    // only pods with pod affinity can hold an anti-affinity against this one (NodeInfo counts them)
    let others = false;
    for (const n of nodes) {
      if ((n.podsWithAffinity ?? 0) === 0) continue;
      for (const p of n.pods) if (requiredAntiAffinityTerms(p).length > 0) others = true;
      if (others) break;
    }
    if (!others) return null;
  }
  const state: AffinityState = {
    affinityTerms: requiredAffinityTerms(pod),
    antiAffinityTerms: requiredAntiAffinityTerms(pod),
    existingAnti: new Map(),
    affinity: new Map(),
    anti: new Map(),
  };
  for (const n of nodes) for (const p of n.pods) updateWithPod(state, pod, p, n, 1);
  return state;
}

export function filter(pod: PodInfo, node: Pick<NodeInfo, 'labels'>, state: AffinityState, success: Status): Status {
  const labels = node.labels ?? {};
  if (state.existingAnti.size > 0) {
    for (const key in labels) if (state.existingAnti.has(pair(key, labels[key]))) return EXISTING_ANTI;
  }
  if (state.affinityTerms.length > 0) {
    let all = true;
    for (const t of state.affinityTerms) {
      const v = labels[t.topologyKey];
      if (v === undefined || !state.affinity.has(pair(t.topologyKey, v))) {
        all = false;
        break;
      }
    }
    // the first pod of a group with affinity to itself may go anywhere
    if (!all && !(state.affinity.size === 0 && matchesAll(pod, state.affinityTerms))) return AFFINITY;
  }
  for (const t of state.antiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && state.anti.has(pair(t.topologyKey, v))) return ANTI;
  }
  return success;
}

export function cloneAffinityState(s: AffinityState): AffinityState {
  return { ...s, existingAnti: new Map(s.existingAnti), affinity: new Map(s.affinity), anti: new Map(s.anti) };
}
