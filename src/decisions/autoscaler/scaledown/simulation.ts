/**
 * What one scale-down pass's candidates and removal simulation (planner.ts steps 1 and 2) were
 * asked and found, kept so that a later pass over an unchanged cluster reuses them instead of
 * asking every node's utilization and simulating again. Whether the cluster's nodes are unchanged
 * is the caller's word (ScaleDownInput.previous); everything else the two steps read is compared
 * here, and is small: the node group sizes, the names remembered as unneeded or recently
 * unremovable, the PDBs and two settings.
 */
import type { NodeInfo, PodDisruptionBudget } from '../../scheduler/types.ts';
import type { UnneededNode } from './removal.ts';
import type { UnremovableNodes } from './unremovable.ts';

export interface ScaleDownNode {
  node: NodeInfo;
  group: string;
}

export interface NodeGroupSize {
  min: number;
  /** target size: nodes Ready or coming up, not counting nodes already being deleted */
  size: number;
}

/** What steps 1 and 2 read besides the nodes' NodeInfos. */
export interface SimulationQuestion {
  nodes: readonly ScaleDownNode[];
  destinations: readonly NodeInfo[];
  groups: Readonly<Record<string, NodeGroupSize>>;
  recentlyUnremovable: ReadonlyMap<string, number>;
  wasUnneeded: ReadonlyMap<string, number>;
  pdbs: readonly PodDisruptionBudget[];
  utilizationThreshold: number;
  expendablePodsPriorityCutoff: number;
}

export interface ScaleDownSimulation {
  /** asked: the input's node list and destinations (by identity), group sizes, remembered names */
  readonly nodes: readonly ScaleDownNode[];
  readonly destinations: readonly NodeInfo[];
  readonly groups: Readonly<Record<string, NodeGroupSize>>;
  /** names still within their recheck timeout (not simulated) */
  readonly recentlyUnremovable: readonly string[];
  /** names unneeded before the pass (simulated first) */
  readonly wasUnneeded: ReadonlyMap<string, number>;
  readonly pdbs: readonly PodDisruptionBudget[];
  readonly utilizationThreshold: number;
  readonly expendablePodsPriorityCutoff: number;
  /** found: the unneeded nodes, in candidate order */
  readonly unneeded: UnneededNode[];
  /** the nodes set aside by the two steps: entries 0 to `to` (exclusive) of `unremovable` */
  readonly unremovable: UnremovableNodes;
  readonly to: number;
  /** the candidates whose simulation failed (BlockedByPod, NoPlaceToMovePods), in that order */
  readonly failed: readonly string[];
  /** `unneeded` in input order with their groups, once the planner has asked (planner.ts removableNow) */
  inputOrder?: { unneeded: UnneededNode[]; groups: string[] };
}

/** Whether `q` asks steps 1 and 2 what `prev` was asked, given that no node changed between. */
export function sameQuestion(prev: ScaleDownSimulation, q: SimulationQuestion): boolean {
  return (
    prev.nodes === q.nodes &&
    prev.destinations === q.destinations &&
    prev.utilizationThreshold === q.utilizationThreshold &&
    prev.expendablePodsPriorityCutoff === q.expendablePodsPriorityCutoff &&
    sameGroups(prev.groups, q.groups) &&
    sameKeys(prev.wasUnneeded, q.wasUnneeded) &&
    prev.recentlyUnremovable.length === q.recentlyUnremovable.size &&
    prev.recentlyUnremovable.every((name) => q.recentlyUnremovable.has(name)) &&
    samePdbs(prev.pdbs, q.pdbs)
  );
}

function sameGroups(a: Readonly<Record<string, NodeGroupSize>>, b: Readonly<Record<string, NodeGroupSize>>): boolean {
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  for (const name of names) {
    const g = b[name];
    if (!Object.hasOwn(b, name) || g.min !== a[name].min || g.size !== a[name].size) return false;
  }
  return true;
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const k of b.keys()) if (!a.has(k)) return false;
  return true;
}

function samePdbs(a: readonly PodDisruptionBudget[], b: readonly PodDisruptionBudget[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.name !== y.name || x.disruptionsAllowed !== y.disruptionsAllowed || !sameLabels(x.matchLabels, y.matchLabels)) return false;
  }
  return true;
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
