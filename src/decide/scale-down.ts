/**
 * `headroom decide scale-down`: the cluster-autoscaler's utilization of each node, and whether
 * its scale-down may remove the node now and why not, from the planner the simulation's scan uses
 * (decisions/autoscaler/scaledown/planner.ts).
 *
 * Input: {nodes: [{name, nodeGroup, allocatable: {cpu, memory, pods?}, pods: [pod], unneededFor?}],
 * nodeGroups?: [{name, min?, size?}], pdbs?, scaleDownUtilizationThreshold?, scaleDownUnneededTime?,
 * scaleDownDelayAfterAdd?, scaleDownDelayAfterDelete?, scaleDownDelayAfterFailure?,
 * maxEmptyBulkDelete?, expendablePodsPriorityCutoff?, lastScaleUp?, lastScaleDownDelete?,
 * lastScaleDownFailure?, deletionsInProgress?: {empty?, drain?}}.
 *
 * - nodes are the Ready nodes, in the order the autoscaler lists them (it decides ties);
 *   `unneededFor` is how long a node has been found unneeded already (default: not yet);
 * - a node group's size defaults to its nodes given, its min to 0; a node whose group is not
 *   listed counts as not autoscaled when nodeGroups is given;
 * - `last…` are how long ago (default: never); durations are `"90s"`, `"10m"` or seconds;
 *   settings default to the autoscaler's flags.
 *
 * Output: {inCooldown, empty: [names], drain: [{node, podsToMove: [names]}], nodes: {name:
 * {nodeGroup, utilization, cpu, memory, resource, unneeded, removable, reason?, blockingPod?}}}.
 */
import { CLUSTER_AUTOSCALER_DEFAULTS } from '../decisions/defaults.ts';
import {
  planScaleDown,
  type NodeGroupSize,
  type ScaleDownNode,
  type ScaleDownPlan,
  type ScaleDownSettings,
} from '../decisions/autoscaler/scaledown/planner.ts';
import { nodeUtilization } from '../decisions/autoscaler/scaledown/utilization.ts';
import { parseRatio } from '../quantity.ts';
import {
  atPath,
  duration,
  expectKeys,
  expectList,
  expectName,
  expectObject,
  inputError,
  integer,
  join,
  parseNode,
  parsePdbs,
  wholeNumber,
} from './pods.ts';

const INPUT_KEYS = [
  'nodes',
  'nodeGroups',
  'pdbs',
  'scaleDownUtilizationThreshold',
  'scaleDownUnneededTime',
  'scaleDownDelayAfterAdd',
  'scaleDownDelayAfterDelete',
  'scaleDownDelayAfterFailure',
  'maxEmptyBulkDelete',
  'expendablePodsPriorityCutoff',
  'lastScaleUp',
  'lastScaleDownDelete',
  'lastScaleDownFailure',
  'deletionsInProgress',
];

/**
 * Why an unneeded node is not removed this loop though nothing is wrong with it: scale-down is
 * cooling down (the autoscaler's ScaleDownInCooldown status), or the deletions that may run at
 * once are taken (--max-scale-down-parallelism, --max-drain-parallelism).
 */
export type NotRemovedNowReason = 'ScaleDownInCooldown' | 'DeletionBudgetExhausted';

export interface NodeAnswer {
  nodeGroup: string;
  /** max(cpu, memory): the autoscaler's utilization */
  utilization: number;
  cpu: number;
  memory: number;
  resource: 'cpu' | 'memory';
  /** found unneeded this loop (below the threshold, and its pods can all move) */
  unneeded: boolean;
  /** its deletion starts now */
  removable: boolean;
  /** when not removable: the planner's unremovable reason, or why not this loop */
  reason?: string;
  /** for BlockedByPod: the pod a PDB protects */
  blockingPod?: string;
}

export interface ScaleDownAnswer {
  inCooldown: boolean;
  empty: string[];
  drain: { node: string; podsToMove: string[] }[];
  nodes: Record<string, NodeAnswer>;
}

export function decideScaleDown(input: unknown): ScaleDownAnswer {
  const o = expectObject(input, '', 'a scale-down input object ({nodes, nodeGroups?, ...})');
  expectKeys(o, INPUT_KEYS, '');
  const { nodes, unneededSince } = parseNodes(o.nodes);
  const groups = parseGroups(o.nodeGroups, nodes);
  const settings = parseSettings(o);
  const ago = (key: string) => (o[key] === undefined ? undefined : -duration(o[key], key, 0));
  const plan = planScaleDown(
    {
      nowSec: 0,
      nodes,
      groups,
      pdbs: o.pdbs === undefined ? [] : parsePdbs(o.pdbs),
      state: { unneededSince, unremovableUntil: new Map() },
      lastScaleUpSec: ago('lastScaleUp'),
      lastScaleDownDeleteSec: ago('lastScaleDownDelete'),
      lastScaleDownFailSec: ago('lastScaleDownFailure'),
      deletionsInProgress: parseInProgress(o.deletionsInProgress),
    },
    settings,
  );
  return answer(nodes, plan);
}

function answer(nodes: readonly ScaleDownNode[], plan: ScaleDownPlan): ScaleDownAnswer {
  const removable = new Set([...plan.empty, ...plan.drain.map((d) => d.node)]);
  const unneeded = new Set(plan.unneeded.map((u) => u.name));
  const why = new Map(plan.unremovable.map((u) => [u.name, u]));
  const out: Record<string, NodeAnswer> = {};
  for (const { node, group } of nodes) {
    const u = nodeUtilization(node);
    const a: NodeAnswer = {
      nodeGroup: group,
      utilization: u.utilization,
      cpu: u.cpu,
      memory: u.memory,
      resource: u.resource,
      unneeded: unneeded.has(node.name),
      removable: removable.has(node.name),
    };
    const reason = why.get(node.name);
    if (reason) {
      a.reason = reason.reason;
      if (reason.blockingPod) a.blockingPod = reason.blockingPod;
    } else if (a.unneeded && !a.removable) {
      a.reason = plan.inCooldown ? 'ScaleDownInCooldown' : 'DeletionBudgetExhausted';
    }
    out[node.name] = a;
  }
  return {
    inCooldown: plan.inCooldown,
    empty: plan.empty,
    drain: plan.drain.map((d) => ({ node: d.node, podsToMove: d.podsToMove.map((p) => p.name) })),
    nodes: out,
  };
}

function parseNodes(raw: unknown): { nodes: ScaleDownNode[]; unneededSince: Map<string, number> } {
  if (raw === undefined) throw inputError('nodes', 'nodes is required: the Ready nodes, each {name, nodeGroup, allocatable, pods}');
  const nodes: ScaleDownNode[] = [];
  const unneededSince = new Map<string, number>();
  expectList(raw, 'nodes').forEach((r, i) => {
    const path = join('nodes', i);
    const o = expectObject(r, path, 'a node');
    const { nodeGroup, unneededFor, ...rest } = o;
    if (nodeGroup === undefined) throw inputError(join(path, 'nodeGroup'), 'missing: the node group the node belongs to');
    const group = expectName(nodeGroup, join(path, 'nodeGroup'));
    const node = parseNode(rest, path);
    if (nodes.some((n) => n.node.name === node.name)) throw inputError(join(path, 'name'), `node name "${node.name}" appears twice`);
    nodes.push({ node, group });
    if (unneededFor !== undefined) unneededSince.set(node.name, -duration(unneededFor, join(path, 'unneededFor'), 0));
  });
  return { nodes, unneededSince };
}

function parseGroups(raw: unknown, nodes: readonly ScaleDownNode[]): Record<string, NodeGroupSize> {
  const count = (name: string) => nodes.filter((n) => n.group === name).length;
  const groups: Record<string, NodeGroupSize> = {};
  if (raw === undefined) {
    for (const { group } of nodes) groups[group] ??= { min: 0, size: count(group) };
    return groups;
  }
  expectList(raw, 'nodeGroups').forEach((r, i) => {
    const path = join('nodeGroups', i);
    const o = expectObject(r, path, 'a node group {name, min?, size?}');
    expectKeys(o, ['name', 'min', 'size'], path);
    const name = expectName(o.name, join(path, 'name'));
    if (groups[name]) throw inputError(join(path, 'name'), `node group "${name}" appears twice`);
    const min = o.min === undefined ? 0 : wholeNumber(o.min, join(path, 'min'), 0);
    const size = o.size === undefined ? count(name) : wholeNumber(o.size, join(path, 'size'), 0);
    groups[name] = { min, size };
  });
  return groups;
}

function parseSettings(o: Record<string, unknown>): ScaleDownSettings {
  const d = CLUSTER_AUTOSCALER_DEFAULTS;
  const threshold =
    o.scaleDownUtilizationThreshold === undefined
      ? d.scaleDownUtilizationThreshold
      : atPath('scaleDownUtilizationThreshold', () => parseRatio(o.scaleDownUtilizationThreshold, 'scaleDownUtilizationThreshold'));
  return {
    scaleDownUtilizationThreshold: threshold,
    scaleDownUnneededTimeSec: duration(o.scaleDownUnneededTime, 'scaleDownUnneededTime', d.scaleDownUnneededTimeSec),
    scaleDownDelayAfterAddSec: duration(o.scaleDownDelayAfterAdd, 'scaleDownDelayAfterAdd', d.scaleDownDelayAfterAddSec),
    // the flag's default follows --scan-interval
    scaleDownDelayAfterDeleteSec: duration(o.scaleDownDelayAfterDelete, 'scaleDownDelayAfterDelete', d.scanIntervalSec),
    scaleDownDelayAfterFailureSec: duration(o.scaleDownDelayAfterFailure, 'scaleDownDelayAfterFailure', d.scaleDownDelayAfterFailureSec),
    maxEmptyBulkDelete: o.maxEmptyBulkDelete === undefined ? d.maxEmptyBulkDelete : wholeNumber(o.maxEmptyBulkDelete, 'maxEmptyBulkDelete', 1),
    expendablePodsPriorityCutoff:
      o.expendablePodsPriorityCutoff === undefined ? d.expendablePodsPriorityCutoff : integer(o.expendablePodsPriorityCutoff, 'expendablePodsPriorityCutoff'),
  };
}

function parseInProgress(raw: unknown): { empty: number; drain: number } {
  if (raw === undefined) return { empty: 0, drain: 0 };
  const o = expectObject(raw, 'deletionsInProgress', 'deletions still running: {empty?, drain?}');
  expectKeys(o, ['empty', 'drain'], 'deletionsInProgress');
  return {
    empty: o.empty === undefined ? 0 : wholeNumber(o.empty, 'deletionsInProgress.empty', 0),
    drain: o.drain === undefined ? 0 : wholeNumber(o.drain, 'deletionsInProgress.drain', 0),
  };
}
