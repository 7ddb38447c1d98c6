/**
 * Karpenter's consolidation for one pass of its disruption controller (kubernetes-sigs/karpenter
 * pkg/controllers/disruption: emptiness.go, multinodeconsolidation.go,
 * singlenodeconsolidation.go, consolidation.go computeConsolidation), the first method that finds
 * something wins:
 *   1. empty nodes are deleted, as many as each pool's budget allows;
 *   2. multi-node: the longest run of the cheapest-to-disrupt candidates (at most 100; found by
 *      binary search) whose pods all fit on the other nodes, or on those and one new node cheaper
 *      than the run together;
 *   3. single-node: the first candidate whose pods fit elsewhere (delete), or elsewhere and on one
 *      cheaper new node (replace).
 * A command never leaves a pod without a place: the simulation packs every pod of the candidates
 * with the scheduler's filters before it is chosen.
 */
import { runFilters } from '../scheduler/filters.ts';
import { addPod, cloneNodeInfo } from '../scheduler/nodeinfo.ts';
import { SUCCESS } from '../scheduler/plugins/noderesources/fit.ts';
import type { NodeInfo, PodInfo } from '../scheduler/types.ts';
import { offeringHolds } from './provisioning.ts';
import type { Offering } from './offering.ts';
import type { ConsolidationPolicy } from './types.ts';

/** multinodeconsolidation.go: MultiNodeConsolidation considers at most this many candidates. */
export const MAX_MULTI_NODE_CANDIDATES = 100;

export interface ConsolidationCandidate {
  /** index into the input's nodes */
  node: number;
  pool: number;
  pricePerHour: number;
  /** what must move if the node goes: every pod but the DaemonSet ones */
  pods: readonly PodInfo[];
}

export interface ConsolidationPool {
  policy: ConsolidationPolicy;
  /** disruptions its budgets allow now */
  allowed: number;
  /** offerings a replacement may be, not in the unavailable-offerings cache */
  offerings: readonly number[];
}

export interface ConsolidationInput {
  /** every Ready node that takes pods */
  nodes: readonly NodeInfo[];
  /** nodes that may be consolidated now: consolidateAfter passed, nothing on them that may not be disrupted */
  candidates: readonly ConsolidationCandidate[];
  pools: readonly ConsolidationPool[];
  offerings: readonly Offering[];
}

export type ConsolidationMethod = 'Empty' | 'MultiNode' | 'SingleNode';

export interface ConsolidationCommand {
  method: ConsolidationMethod;
  decision: 'delete' | 'replace';
  /** indices into the input's nodes */
  nodes: number[];
  /** replace: the new node's offering and pool */
  replacement?: { offering: number; pool: number };
  /** what the cluster saves per hour */
  savingsPerHour: number;
}

export function planConsolidation(input: ConsolidationInput): ConsolidationCommand | null {
  return emptiness(input) ?? multiNode(input) ?? singleNode(input);
}

/** The candidates in the order upstream sorts them (disruption cost): fewest pods to move first, then the dearest node, then by name. */
function byDisruptionCost(input: ConsolidationInput): ConsolidationCandidate[] {
  return input.candidates
    .filter((c) => c.pods.length > 0 && input.pools[c.pool].policy === 'WhenEmptyOrUnderutilized')
    .sort((a, b) => a.pods.length - b.pods.length || b.pricePerHour - a.pricePerHour || cmp(input.nodes[a.node].name, input.nodes[b.node].name));
}

function emptiness(input: ConsolidationInput): ConsolidationCommand | null {
  const left = input.pools.map((p) => p.allowed);
  const nodes: number[] = [];
  let savings = 0;
  for (const c of input.candidates) {
    if (c.pods.length > 0 || left[c.pool] < 1) continue;
    left[c.pool]--;
    nodes.push(c.node);
    savings += c.pricePerHour;
  }
  return nodes.length === 0 ? null : { method: 'Empty', decision: 'delete', nodes, savingsPerHour: savings };
}

/** The sorted candidates each pool's budget lets go together, in order. */
function withinBudgets(input: ConsolidationInput, sorted: readonly ConsolidationCandidate[]): ConsolidationCandidate[] {
  const left = input.pools.map((p) => p.allowed);
  const out: ConsolidationCandidate[] = [];
  for (const c of sorted) {
    if (left[c.pool] < 1) continue;
    left[c.pool]--;
    out.push(c);
  }
  return out;
}

function multiNode(input: ConsolidationInput): ConsolidationCommand | null {
  const cands = withinBudgets(input, byDisruptionCost(input)).slice(0, MAX_MULTI_NODE_CANDIDATES);
  if (cands.length < 2) return null;
  // multinodeconsolidation.go firstNConsolidationOption: the largest n whose first n consolidate
  let lo = 2;
  let hi = cands.length;
  let best: ConsolidationCommand | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cmd = consolidate(input, cands.slice(0, mid), 'MultiNode');
    if (cmd) {
      best = cmd;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function singleNode(input: ConsolidationInput): ConsolidationCommand | null {
  for (const c of withinBudgets(input, byDisruptionCost(input))) {
    const cmd = consolidate(input, [c], 'SingleNode');
    if (cmd) return cmd;
  }
  return null;
}

/**
 * The candidates' pods packed (largest first) onto the other nodes: all placed = delete; the rest
 * on one new node of the cheapest offering that holds them and costs less than the candidates = replace.
 */
export function consolidate(input: ConsolidationInput, cands: readonly ConsolidationCandidate[], method: ConsolidationMethod): ConsolidationCommand | null {
  const gone = new Set(cands.map((c) => c.node));
  const pods = cands.flatMap((c) => c.pods).sort((a, b) => b.cpuMilli - a.cpuMilli || b.memoryBytes - a.memoryBytes);
  const price = cands.reduce((s, c) => s + c.pricePerHour, 0);
  if (!roomForAll(input, gone, pods, price)) return null;
  const others: NodeInfo[] = [];
  input.nodes.forEach((n, i) => {
    if (!gone.has(i)) others.push(n);
  });
  const touched = new Map<NodeInfo, NodeInfo>();
  const rest: PodInfo[] = [];
  for (const pod of pods) {
    let placed = false;
    for (const n of others) {
      const sim = touched.get(n) ?? n;
      if (runFilters(pod, sim) !== SUCCESS) continue;
      if (sim === n) {
        const copy = cloneNodeInfo(n);
        touched.set(n, copy);
        addPod(copy, pod);
      } else addPod(sim, pod);
      placed = true;
      break;
    }
    if (!placed) rest.push(pod);
  }
  const nodes = cands.map((c) => c.node);
  if (rest.length === 0) return { method, decision: 'delete', nodes, savingsPerHour: price };
  const replacement = cheapestReplacement(input, rest, price);
  if (!replacement) return null;
  return { method, decision: 'replace', nodes, replacement, savingsPerHour: price - input.offerings[replacement.offering].pricePerHour };
}

/** A quick bound before packing: the pods' requests against the free room elsewhere plus the largest offering cheaper than the candidates. */
function roomForAll(input: ConsolidationInput, gone: ReadonlySet<number>, pods: readonly PodInfo[], belowPerHour: number): boolean {
  let cpu = 0;
  let mem = 0;
  for (const p of pods) {
    cpu += p.cpuMilli;
    mem += p.memoryBytes;
  }
  let freeCpu = 0;
  let freeMem = 0;
  input.nodes.forEach((n, i) => {
    if (gone.has(i)) return;
    freeCpu += n.allocCpuMilli - n.reqCpuMilli;
    freeMem += n.allocMemoryBytes - n.reqMemoryBytes;
  });
  let bigCpu = 0;
  let bigMem = 0;
  for (const o of input.offerings) {
    if (o.pricePerHour >= belowPerHour) continue;
    bigCpu = Math.max(bigCpu, o.template.allocCpuMilli);
    bigMem = Math.max(bigMem, o.template.allocMemoryBytes);
  }
  return cpu <= freeCpu + bigCpu && mem <= freeMem + bigMem;
}

function cheapestReplacement(input: ConsolidationInput, pods: readonly PodInfo[], belowPerHour: number): { offering: number; pool: number } | null {
  let cpu = 0;
  let mem = 0;
  for (const p of pods) {
    cpu += p.cpuMilli;
    mem += p.memoryBytes;
  }
  let best: { offering: number; pool: number } | null = null;
  input.pools.forEach((pool, pi) => {
    for (const o of pool.offerings) {
      const off = input.offerings[o];
      if (off.pricePerHour >= belowPerHour) continue;
      if (best && off.pricePerHour >= input.offerings[best.offering].pricePerHour) continue;
      if (pods.every((p) => offeringHolds(off, p, cpu, mem, pods.length))) best = { offering: o, pool: pi };
    }
  });
  return best;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
