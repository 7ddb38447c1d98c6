/**
 * DefaultPreemption (the PostFilter): when a pod fits no node, find a node where evicting pods of
 * strictly lower priority makes room, and the fewest, least important pods to evict there.
 *
 * The caller acts on the answer as kube-scheduler does: it deletes the victims (they keep their
 * resources until their termination grace period ends), nominates the preemptor to the node (so
 * the Fit filter keeps the freed room for it, see fit.ts) and clears the nomination of the
 * lower-priority pods nominated there, which go back to the queue.
 */
import { MIN_CANDIDATE_NODES_ABSOLUTE, MIN_CANDIDATE_NODES_PERCENTAGE } from '../../../defaults.ts';
import { passesPlacement } from '../../filters.ts';
import { fits, resolvable, samePod } from '../noderesources/fit.ts';
import type { NodeInfo, PodDisruptionBudget, PodInfo } from '../../types.ts';
import { pickOneNodeForPreemption, type Candidate } from './pick-one-node.ts';
import { selectVictimsOnNode, type Victims } from './select-victims.ts';
import { statefulFilter, type CycleState } from '../../cycle-state.ts';
import { SUCCESS } from '../noderesources/fit.ts';

export const NAME = 'DefaultPreemption';

/** kube-scheduler's DefaultPreemptionArgs defaults (decisions/defaults.ts). */
export const DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE = MIN_CANDIDATE_NODES_PERCENTAGE;
export const DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE = MIN_CANDIDATE_NODES_ABSOLUTE;

export interface PreemptOptions {
  /**
   * Is this pod being deleted by an earlier preemption (its grace period running)? A preemptor
   * whose nominated node still has such a pod of lower priority waits for it instead of
   * preempting again. Default: nothing is terminating.
   */
  isTerminating?: (pod: PodInfo) => boolean;
  /** The node the pod is nominated to; by default found from the nodes' `nominated` lists. */
  nominatedNodeIndex?: number;
  /**
   * With an rng, candidates are searched as kube-scheduler does: from a random offset, stopping
   * once enough are found (max(10% of the nodes, 100)). Without one, every node is tried from
   * the first, so the answer depends on the inputs alone.
   */
  rng?: () => number;
  minCandidateNodesPercentage?: number;
  minCandidateNodesAbsolute?: number;
  /** the pod's PreFilter state of the stateful filters over these nodes (cycle-state.ts cycleStateFor), if it has one */
  state?: CycleState | null;
  /**
   * selectVictimsOnNode(pod, nodes[nodeIndex], pdbs, state, scratch), from a caller that keeps
   * the answers of nodes unchanged since it last asked (the simulation's HostMemo). Default: run it.
   */
  victimsOnNode?: (nodeIndex: number, scratch: PodInfo[]) => Victims | null;
}

export interface PreemptionResult {
  /** index into the nodes given */
  nodeIndex: number;
  /** most important first */
  victims: PodInfo[];
  pdbViolations: number;
  /** pods nominated to that node with a lower priority than the preemptor: their nomination ends */
  lowerPriorityNominated: PodInfo[];
}

const NEVER: (pod: PodInfo) => boolean = () => false;

function findNominatedNode(pod: PodInfo, nodes: readonly NodeInfo[]): number {
  for (let i = 0; i < nodes.length; i++) {
    for (const n of nodes[i].nominated) if (samePod(pod, n)) return i;
  }
  return -1;
}

/**
 * May this pod preempt now? Not with `preemptionPolicy: Never`, and not while it waits on its
 * nominated node for lower-priority pods that are still terminating (unless that node can no
 * longer hold it at all).
 */
export function podEligibleToPreemptOthers(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  opts: PreemptOptions = {},
): boolean {
  if (pod.preemptionPolicy === 'Never') return false;
  const nominatedIndex = opts.nominatedNodeIndex ?? findNominatedNode(pod, nodes);
  if (nominatedIndex < 0 || nominatedIndex >= nodes.length) return true;
  const node = nodes[nominatedIndex];
  if (!resolvable(pod, node) || !passesPlacement(pod, node)) return true;
  const isTerminating = opts.isTerminating ?? NEVER;
  for (const p of node.pods) {
    if (p.priority < pod.priority && isTerminating(p)) return false;
  }
  return true;
}

/** How many candidates kube-scheduler's dry run looks for among `numNodes` nodes. */
export function numCandidates(
  numNodes: number,
  percentage = DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE,
  absolute = DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE,
): number {
  const n = Math.max(Math.floor((numNodes * percentage) / 100), absolute);
  return Math.min(n, numNodes);
}

/**
 * The preemption kube-scheduler would make for a pod that fits no node, or null when it would
 * make none (not eligible, or no node where evicting lower-priority pods makes room).
 * Pure: the nodes are not changed.
 */
export function preempt(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  pdbs: readonly PodDisruptionBudget[],
  opts: PreemptOptions = {},
): PreemptionResult | null {
  if (!podEligibleToPreemptOthers(pod, nodes, opts)) return null;

  // Only nodes that reject the pod for now, not for good, are worth a dry run: a node whose
  // taints, labels or cordon refuse the pod is UnschedulableAndUnresolvable (filters.ts), as is
  // one without a topology key the pod spreads over, or one its required pod affinity refuses; a
  // broken skew or an anti-affinity may mend as pods leave.
  const state = opts.state ?? null;
  const potential: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (!resolvable(pod, node) || !passesPlacement(pod, node)) continue;
    const stateful = state === null ? SUCCESS : statefulFilter(pod, node, state, SUCCESS);
    if (stateful.code === 'UnschedulableAndUnresolvable') continue;
    if (!fits(pod, node) || stateful !== SUCCESS) potential.push(i);
  }
  if (potential.length === 0) return null;

  let offset = 0;
  let wanted = potential.length;
  if (opts.rng) {
    offset = Math.min(potential.length - 1, Math.floor(opts.rng() * potential.length));
    wanted = numCandidates(potential.length, opts.minCandidateNodesPercentage, opts.minCandidateNodesAbsolute);
  }

  // Candidates that break no PDB go first, so rule 6 (first wins) prefers them among equals.
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  const scratch: PodInfo[] = [];
  for (let k = 0; k < potential.length; k++) {
    const nodeIndex = potential[(offset + k) % potential.length];
    const victims = opts.victimsOnNode ? opts.victimsOnNode(nodeIndex, scratch) : selectVictimsOnNode(pod, nodes[nodeIndex], pdbs, state, scratch);
    if (victims === null || victims.pods.length === 0) continue;
    if (victims.numPdbViolations === 0) nonViolating.push({ nodeIndex, victims });
    // DryRunPreemption keeps every violating candidate; it stops early only once it has a
    // non-violating one and enough candidates in all
    else violating.push({ nodeIndex, victims });
    if (nonViolating.length > 0 && nonViolating.length + violating.length >= wanted) break;
  }
  const candidates = nonViolating.concat(violating);
  const chosen = pickOneNodeForPreemption(candidates);
  if (chosen < 0) return null;

  const { nodeIndex, victims } = candidates[chosen];
  return {
    nodeIndex,
    victims: victims.pods,
    pdbViolations: victims.numPdbViolations,
    lowerPriorityNominated: nodes[nodeIndex].nominated.filter((n) => n.priority < pod.priority),
  };
}
