/**
 * One scale-down pass of the cluster-autoscaler (its scale-down Planner plus the budgets that
 * crop what it returns), as a pure function of the cluster and the planner's remembered state:
 *
 * 1. candidates: Ready nodes whose group is above its min size and that did not fail a removal
 *    simulation within the recheck timeout; nodes already unneeded go first (the autoscaler
 *    keeps its previous candidates first so their timers keep running), then the rest, in
 *    input order;
 * 2. findUnneeded (removal.ts) over the candidates, with every given node as a destination;
 *    unneeded nodes keep their "unneeded since" time, new ones start now, the others are
 *    forgotten; nodes that failed a simulation are not re-checked for the recheck timeout;
 * 3. nothing is deleted while scale-down is cooling down: within scaleDownDelayAfterAdd of the
 *    last scale-up, scaleDownDelayAfterDelete of the last deletion or scaleDownDelayAfterFailure
 *    of the last failed deletion;
 * 4. otherwise a node unneeded for longer than scaleDownUnneededTime may go unless that takes its
 *    group to below min (empty nodes are counted first, then the others, in input order);
 * 5. budgets: at most maxEmptyBulkDelete deletions run at once (the autoscaler's scale-down
 *    parallelism, which that flag defaults), empty nodes first; nodes that need draining at most
 *    maxDrainParallelism (default 1) at once.
 *
 * Not modelled: unready nodes (give only Ready nodes), scale-down-disabled annotations, minimum
 * cluster resources, tracking PDB budgets across several drained nodes of one pass.
 */
import { MAX_DRAIN_PARALLELISM, UNREMOVABLE_NODE_RECHECK_SEC } from '../../defaults.ts';
import type { ClusterAutoscalerSpec } from '../options.ts';
import type { NodeInfo, PodDisruptionBudget, PodInfo } from '../../scheduler/types.ts';
import { findUnneeded, type UnneededNode } from './removal.ts';
import { sameQuestion, type NodeGroupSize, type ScaleDownNode, type ScaleDownSimulation } from './simulation.ts';
import { UnremovableNodes, type UnremovableNode } from './unremovable.ts';

export type { NodeGroupSize, ScaleDownNode, ScaleDownSimulation } from './simulation.ts';

/** The autoscaler's --unremovable-node-recheck-timeout and --max-drain-parallelism defaults (decisions/defaults.ts). */
export const DEFAULT_UNREMOVABLE_RECHECK_SEC = UNREMOVABLE_NODE_RECHECK_SEC;
export const DEFAULT_MAX_DRAIN_PARALLELISM = MAX_DRAIN_PARALLELISM;

/** What the planner remembers from one pass to the next (node name -> seconds). */
export interface ScaleDownState {
  unneededSince: ReadonlyMap<string, number>;
  /** nodes that failed a removal simulation, and when they may be checked again */
  unremovableUntil: ReadonlyMap<string, number>;
}

export type ScaleDownSettings = Pick<
  ClusterAutoscalerSpec,
  | 'scaleDownUtilizationThreshold'
  | 'scaleDownUnneededTimeSec'
  | 'scaleDownDelayAfterAddSec'
  | 'scaleDownDelayAfterDeleteSec'
  | 'scaleDownDelayAfterFailureSec'
  | 'maxEmptyBulkDelete'
  | 'expendablePodsPriorityCutoff'
> & {
  maxDrainParallelism?: number;
  unremovableRecheckSec?: number;
};

export interface ScaleDownInput {
  nowSec: number;
  /** Ready nodes not being deleted, in a fixed order (it decides ties) */
  nodes: readonly ScaleDownNode[];
  /**
   * `nodes[i].node` for every i, when the caller keeps them as one list already (the simulation
   * does): the pass then reads it instead of building it.
   */
  nodeInfos?: readonly NodeInfo[];
  groups: Readonly<Record<string, NodeGroupSize>>;
  pdbs: readonly PodDisruptionBudget[];
  state: ScaleDownState;
  lastScaleUpSec?: number;
  lastScaleDownDeleteSec?: number;
  lastScaleDownFailSec?: number;
  /** deletions still running, which use up the budgets */
  deletionsInProgress?: { empty: number; drain: number };
  /**
   * An earlier pass's steps 1 and 2 (its plan's `simulation`), given only when no NodeInfo of
   * `nodeInfos` changed since that pass. It is trusted on that word: reused when this pass asks
   * the same question (simulation.ts sameQuestion), since the candidates and findUnneeded's
   * answer then cannot differ.
   */
  previous?: ScaleDownSimulation;
}

export interface DrainNode {
  node: string;
  podsToMove: PodInfo[];
}

export interface ScaleDownPlan {
  state: { unneededSince: Map<string, number>; unremovableUntil: Map<string, number> };
  inCooldown: boolean;
  /** delete now: nothing to move */
  empty: string[];
  /** delete now after evicting these pods */
  drain: DrainNode[];
  /** every node found unneeded this pass, in candidate order */
  unneeded: UnneededNode[];
  /** the nodes set aside and why, in the order found (built from the flat list when first read) */
  readonly unremovable: UnremovableNode[];
  /** this pass's candidates and removal simulation (steps 1 and 2), for the next pass's `previous` */
  simulation: ScaleDownSimulation;
}

export function emptyScaleDownState(): ScaleDownState {
  return { unneededSince: new Map(), unremovableUntil: new Map() };
}

export function planScaleDown(input: ScaleDownInput, settings: ScaleDownSettings): ScaleDownPlan {
  const now = input.nowSec;
  const unremovableUntil = stillUnremovable(input);
  const { simulation, unremovable } = candidatesAndSimulation(input, settings, unremovableUntil);
  const recheckAt = now + (settings.unremovableRecheckSec ?? DEFAULT_UNREMOVABLE_RECHECK_SEC);
  for (const name of simulation.failed) unremovableUntil.set(name, recheckAt);
  const unneededSince = new Map<string, number>();
  for (const u of simulation.unneeded) unneededSince.set(u.name, input.state.unneededSince.get(u.name) ?? now);

  let listed: UnremovableNode[] | undefined;
  const plan: ScaleDownPlan = {
    state: { unneededSince, unremovableUntil },
    inCooldown: inCooldown(input, settings),
    empty: [],
    drain: [],
    unneeded: simulation.unneeded,
    get unremovable() {
      return (listed ??= unremovable.list());
    },
    simulation,
  };
  if (plan.inCooldown || simulation.unneeded.length === 0) return plan;
  const { empty, drain } = removableNow(input, settings, simulation, unneededSince, unremovable);
  const budget = deletionBudget(input, settings, empty.length);
  plan.empty = empty.slice(0, budget.empty).map((u) => u.name);
  plan.drain = drain.slice(0, budget.drain).map((u) => ({ node: u.name, podsToMove: u.podsToMove }));
  return plan;
}

/**
 * Steps 1 and 2: the candidates and findUnneeded over them, or the previous pass's where the
 * caller says no node changed and the question is the same (ScaleDownInput.previous); with the
 * list of nodes set aside so far (a reused pass shares the earlier pass's entries).
 */
function candidatesAndSimulation(
  input: ScaleDownInput,
  settings: ScaleDownSettings,
  unremovableUntil: ReadonlyMap<string, number>,
): { simulation: ScaleDownSimulation; unremovable: UnremovableNodes } {
  const destinations = input.nodeInfos ?? input.nodes.map((n) => n.node);
  const prev = input.previous;
  const question = {
    nodes: input.nodes,
    destinations,
    groups: input.groups,
    recentlyUnremovable: unremovableUntil,
    wasUnneeded: input.state.unneededSince,
    pdbs: input.pdbs,
    utilizationThreshold: settings.scaleDownUtilizationThreshold,
    expendablePodsPriorityCutoff: settings.expendablePodsPriorityCutoff,
  };
  // a reused pass adds only the few nodes step 4 turns down to the entries it shares
  if (prev !== undefined && sameQuestion(prev, question)) return { simulation: prev, unremovable: new UnremovableNodes(4, prev.unremovable, prev.to) };
  const unremovable = new UnremovableNodes(input.nodes.length);
  const candidates = candidateNodes(input, unremovableUntil, unremovable);
  const from = unremovable.length;
  const { unneeded } = findUnneeded(candidates, destinations, question, unremovable);
  const to = unremovable.length;
  const failed: string[] = [];
  for (let i = from; i < to; i++) {
    const reason = unremovable.reasonAt(i);
    if (reason === 'BlockedByPod' || reason === 'NoPlaceToMovePods') failed.push(unremovable.nameAt(i));
  }
  const simulation: ScaleDownSimulation = {
    ...question,
    // copied: the caller's group sizes and the recheck map may change once the pass is planned
    groups: Object.fromEntries(Object.entries(input.groups).map(([name, g]) => [name, { min: g.min, size: g.size }])),
    recentlyUnremovable: [...unremovableUntil.keys()],
    unneeded,
    unremovable,
    to,
    failed,
  };
  return { simulation, unremovable };
}

/**
 * Failed simulations are remembered until their recheck time; nodes gone are forgotten (in input
 * order, as cluster-autoscaler's core/scaledown/unremovable/nodes.go keeps them).
 */
function stillUnremovable(input: ScaleDownInput): Map<string, number> {
  const unremovableUntil = new Map<string, number>();
  const remembered = input.state.unremovableUntil;
  // nearly always nothing failed within the recheck timeout: no walk over the nodes then
  if (remembered.size === 0) return unremovableUntil;
  for (const { node } of input.nodes) {
    const until = remembered.get(node.name);
    if (until !== undefined && until > input.nowSec) unremovableUntil.set(node.name, until);
  }
  return unremovableUntil;
}

/**
 * Step 1: the nodes worth simulating, those already unneeded first (cluster-autoscaler
 * core/scaledown/planner/planner.go keeps its previous candidates first so their timers keep running), and
 * the ones set aside with their reason.
 */
function candidateNodes(input: ScaleDownInput, unremovableUntil: ReadonlyMap<string, number>, unremovable: UnremovableNodes): NodeInfo[] {
  const previous: NodeInfo[] = [];
  const fresh: NodeInfo[] = [];
  const wasUnneeded = input.state.unneededSince;
  for (const { node, group } of input.nodes) {
    const g = input.groups[group];
    if (!g) unremovable.add(node.name, 'NotAutoscaled');
    else if (g.size <= g.min) unremovable.add(node.name, 'NodeGroupMinSizeReached');
    else if (unremovableUntil.size > 0 && unremovableUntil.has(node.name)) unremovable.add(node.name, 'RecentlyUnremovable');
    else (wasUnneeded.size > 0 && wasUnneeded.has(node.name) ? previous : fresh).push(node);
  }
  if (previous.length === 0) return fresh;
  for (const node of fresh) previous.push(node);
  return previous;
}

/**
 * Step 4: the unneeded nodes that may go now, in input order, empty ones first: unneeded for long
 * enough (a zero unneeded time skips the wait altogether, as in the autoscaler), and not taking
 * their group below its min. The others are added to `unremovable` with their reason.
 */
function removableNow(
  input: ScaleDownInput,
  settings: ScaleDownSettings,
  simulation: ScaleDownSimulation,
  unneededSince: ReadonlyMap<string, number>,
  unremovable: UnremovableNodes,
): { empty: UnneededNode[]; drain: UnneededNode[] } {
  const now = input.nowSec;
  const { unneeded: inOrder, groups: groupOf } = unneededInInputOrder(simulation);
  const sizes = new Map<string, number>();
  const removable = (i: number): boolean => {
    const u = inOrder[i];
    if (settings.scaleDownUnneededTimeSec > 0 && !(unneededSince.get(u.name)! + settings.scaleDownUnneededTimeSec < now)) {
      unremovable.add(u.name, 'NotUnneededLongEnough');
      return false;
    }
    const group = groupOf[i];
    const g = input.groups[group];
    const size = sizes.get(group) ?? g.size;
    if (size <= g.min) {
      unremovable.add(u.name, 'NodeGroupMinSizeReached');
      return false;
    }
    sizes.set(group, size - 1);
    return true;
  };
  const empty: UnneededNode[] = [];
  const drain: UnneededNode[] = [];
  for (let i = 0; i < inOrder.length; i++) if (inOrder[i].podsToMove.length === 0 && removable(i)) empty.push(inOrder[i]);
  for (let i = 0; i < inOrder.length; i++) if (inOrder[i].podsToMove.length > 0 && removable(i)) drain.push(inOrder[i]);
  return { empty, drain };
}

/** The simulation's unneeded nodes in input order, with their groups: worked out once per simulation. */
function unneededInInputOrder(simulation: ScaleDownSimulation): { unneeded: UnneededNode[]; groups: string[] } {
  if (simulation.inputOrder !== undefined) return simulation.inputOrder;
  const byName = new Map(simulation.unneeded.map((u) => [u.name, u]));
  const unneeded: UnneededNode[] = [];
  const groups: string[] = [];
  for (const n of simulation.nodes) {
    const u = byName.get(n.node.name);
    if (u === undefined) continue;
    unneeded.push(u);
    groups.push(n.group);
  }
  return (simulation.inputOrder = { unneeded, groups });
}

/**
 * Step 5: how many empty and drained nodes may start deleting now: maxEmptyBulkDelete deletions
 * at once (the autoscaler's scale-down parallelism), empty nodes first; drains at most
 * maxDrainParallelism at once. Deletions still running use up both.
 */
function deletionBudget(input: ScaleDownInput, settings: ScaleDownSettings, emptyCount: number): { empty: number; drain: number } {
  const inProgress = input.deletionsInProgress ?? { empty: 0, drain: 0 };
  const parallelism = settings.maxEmptyBulkDelete - inProgress.empty - inProgress.drain;
  const empty = Math.max(0, Math.min(emptyCount, parallelism));
  const drain = Math.min(parallelism - empty, (settings.maxDrainParallelism ?? DEFAULT_MAX_DRAIN_PARALLELISM) - inProgress.drain);
  return { empty, drain: Math.max(0, drain) };
}

function inCooldown(input: ScaleDownInput, s: ScaleDownSettings): boolean {
  const now = input.nowSec;
  const within = (last: number | undefined, delay: number) => last !== undefined && last + delay > now;
  return (
    within(input.lastScaleUpSec, s.scaleDownDelayAfterAddSec) ||
    within(input.lastScaleDownDeleteSec, s.scaleDownDelayAfterDeleteSec) ||
    within(input.lastScaleDownFailSec, s.scaleDownDelayAfterFailureSec)
  );
}
