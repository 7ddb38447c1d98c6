/**
 * `headroom decide scale-up`: what the cluster-autoscaler's scan would do with this cluster, from
 * the same snapshot and the same function the simulation's scan uses (planScaleUp).
 *
 * Input: {expander?, seed?, maxNodesTotal?, maxNodesPerScaleUp?, expendablePodsPriorityCutoff?,
 * newPodScaleUpDelay?, balanceSimilarNodeGroups?, nodeGroups: [{name, allocatable: {cpu, memory, pods?}, pricePerHour?, min?,
 * max?, current?, priority?, backoff?}], pods: [pod + {age?, nominatedNode?}], nodes?: [node],
 * upcoming?: [{nodeGroup, count?}], buffers?: [buffer], workloadReplicas?: {name: replicas}}.
 *
 * - pods are the pending pods the scheduler marked unschedulable; `age` (default: long ago) is
 *   how long ago each was created; one with `nominatedNode` waits on its own preemption;
 * - nodes are the Ready nodes, with their pods and `nominatedPods`;
 * - upcoming are the nodes asked for and not yet Ready, in the order asked for; a group's
 *   `current` (its target size) counts them, and defaults to them;
 * - the expander is a name or a chain ("priority,least-waste"), random by default; max absent
 *   means no max; maxNodesTotal 0 or absent means no limit; the seed drives the random tie-break.
 *
 * Output: {outcome: Nothing | PodsWaiting | NoFit | ScaledUp, nodeGroup: name | null, count,
 * estimates: {group: {nodes, pods}}, pods: [names the new nodes are for, or no group can help],
 * reason? (NoFit), message? (NoFit: the NotTriggerScaleUp text), balanced? (with
 * balanceSimilarNodeGroups, when similar groups share the scale-up: [{nodeGroup, count}])}.
 */
import { namedStream } from '../engine/random.ts';
import { CLUSTER_AUTOSCALER_DEFAULTS, KUBELET_MAX_PODS } from '../decisions/defaults.ts';
import { EXPANDER_NAMES, parseExpanderChain } from '../decisions/autoscaler/expander/chain.ts';
import type { NodeTemplate } from '../decisions/autoscaler/estimator/template.ts';
import type { GroupEstimate } from '../decisions/autoscaler/scaleup.ts';
import {
  NO_FIT_MESSAGES,
  planScaleUp,
  type NoFitReason,
  type PendingPod,
  type ScaleUpNodeGroup,
  type ScaleUpOutcome,
  type ScaleUpSnapshot,
} from '../decisions/autoscaler/scaleup-plan.ts';
import type { NodeInfo } from '../decisions/scheduler/types.ts';
import { didYouMean } from '../input/suggest.ts';
import { parseCount, parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import { parseBuffers } from './buffers.ts';
import {
  atPath,
  boolean,
  describe,
  duration,
  expectKeys,
  expectList,
  expectName,
  expectObject,
  inputError,
  integer,
  join,
  parseNode,
  parsePod,
  wholeNumber,
} from './pods.ts';

const DEFAULT_SEED = 0;

const INPUT_KEYS = [
  'expander',
  'nodeGroups',
  'pods',
  'nodes',
  'upcoming',
  'buffers',
  'workloadReplicas',
  'maxNodesTotal',
  'maxNodesPerScaleUp',
  'expendablePodsPriorityCutoff',
  'newPodScaleUpDelay',
  'balanceSimilarNodeGroups',
  'seed',
];
const GROUP_KEYS = ['name', 'allocatable', 'pricePerHour', 'min', 'max', 'current', 'priority', 'backoff'];

export interface ScaleUpAnswer {
  outcome: ScaleUpOutcome;
  nodeGroup: string | null;
  count: number;
  estimates: Record<string, GroupEstimate>;
  /** ScaledUp: the pods the new nodes are for; NoFit: the pods no group can help */
  pods: string[];
  reason?: NoFitReason;
  /** NoFit: what the autoscaler's NotTriggerScaleUp event says */
  message?: string;
  /** with balanceSimilarNodeGroups: how the nodes are split over the similar groups */
  balanced?: { nodeGroup: string; count: number }[];
}

export function decideScaleUp(input: unknown, rng?: () => number): ScaleUpAnswer {
  const { snapshot, seed } = parseScaleUpSnapshot(input);
  const plan = planScaleUp(snapshot, rng ?? namedStream(seed, 'decide/scale-up/expander'));
  const answer: ScaleUpAnswer = {
    outcome: plan.outcome,
    nodeGroup: plan.nodeGroup,
    count: plan.count,
    estimates: plan.estimates,
    pods: plan.pods.map((p) => p.name),
  };
  if (plan.balanced) answer.balanced = plan.balanced;
  if (plan.reason) {
    answer.reason = plan.reason;
    answer.message = `pod didn't trigger scale-up: ${NO_FIT_MESSAGES[plan.reason]}`;
  }
  return answer;
}

/** The JSON input -> the snapshot planScaleUp reads, and the seed of the expander's tie-break. */
export function parseScaleUpSnapshot(input: unknown): { snapshot: ScaleUpSnapshot; seed: number | string } {
  const o = expectObject(input, '', 'a scale-up input object');
  expectKeys(o, INPUT_KEYS, '');

  let expanders = parseExpanderChain('random');
  if (o.expander !== undefined) {
    if (typeof o.expander !== 'string') {
      throw inputError('expander', `expander must be a name or a comma-separated chain, got ${describe(o.expander)}`);
    }
    expanders = atPath('expander', () => parseExpanderChain(o.expander as string, (name) => didYouMean(name, EXPANDER_NAMES)));
  }

  if (o.pods === undefined) throw inputError('pods', 'pods is required: the pending pods, a list');
  const pending = expectList(o.pods, 'pods').map((p, i) => parsePendingPod(p, join('pods', i)));
  const nodes: NodeInfo[] = o.nodes === undefined ? [] : expectList(o.nodes, 'nodes').map((n, i) => parseNode(n, join('nodes', i)));
  const groups = parseGroups(o.nodeGroups, expanders.includes('price'));
  const upcoming = parseUpcoming(o.upcoming, groups);

  const options = {
    expanders,
    maxNodesTotal: o.maxNodesTotal === undefined ? 0 : wholeNumber(o.maxNodesTotal, 'maxNodesTotal', 0),
    maxNodesPerScaleUp: o.maxNodesPerScaleUp === undefined ? undefined : wholeNumber(o.maxNodesPerScaleUp, 'maxNodesPerScaleUp', 1),
    expendablePodsPriorityCutoff:
      o.expendablePodsPriorityCutoff === undefined
        ? CLUSTER_AUTOSCALER_DEFAULTS.expendablePodsPriorityCutoff
        : integer(o.expendablePodsPriorityCutoff, 'expendablePodsPriorityCutoff'),
    newPodScaleUpDelaySec: duration(o.newPodScaleUpDelay, 'newPodScaleUpDelay', CLUSTER_AUTOSCALER_DEFAULTS.newPodScaleUpDelaySec),
    ...(parseFlag(o.balanceSimilarNodeGroups, 'balanceSimilarNodeGroups') ? { balanceSimilarNodeGroups: true } : {}),
  };
  const buffers = o.buffers === undefined ? [] : parseBuffers(o.buffers, 'buffers');
  const workloadReplicas = parseWorkloadReplicas(o.workloadReplicas);

  let seed: number | string = DEFAULT_SEED;
  if (o.seed !== undefined) {
    if (typeof o.seed !== 'string' && !(typeof o.seed === 'number' && Number.isFinite(o.seed))) {
      throw inputError('seed', `seed must be a number or a string, got ${describe(o.seed)}`);
    }
    seed = o.seed;
  }
  return { snapshot: { pending, nodes, upcoming, groups, buffers, workloadReplicas, options }, seed };
}

function parseFlag(raw: unknown, path: string): boolean {
  if (raw === undefined) return false;
  if (typeof raw !== 'boolean') throw inputError(path, `${path} must be true or false, got ${describe(raw)}`);
  return raw;
}

/** A pod that says nothing of its age was created long ago: past every delay. */
function parsePendingPod(raw: unknown, path: string): PendingPod {
  const o = expectObject(raw, path, 'a pod');
  const { age, nominatedNode, ...pod } = o;
  if (nominatedNode !== undefined) expectName(nominatedNode, join(path, 'nominatedNode'));
  return {
    pod: parsePod(pod, path),
    ageSec: duration(age, join(path, 'age'), Infinity),
    nominated: nominatedNode !== undefined,
  };
}

function parseGroups(raw: unknown, needsPrice: boolean): ScaleUpNodeGroup[] {
  if (raw === undefined) throw inputError('nodeGroups', 'nodeGroups is required: a list of {name, allocatable, ...}');
  const list = expectList(raw, 'nodeGroups');
  if (list.length === 0) throw inputError('nodeGroups', 'list at least one node group');
  const seen = new Set<string>();
  return list.map((g, i) => {
    const group = parseGroup(g, join('nodeGroups', i), needsPrice);
    if (seen.has(group.name)) throw inputError(join('nodeGroups', i, 'name'), `node group "${group.name}" appears twice`);
    seen.add(group.name);
    return group;
  });
}

/** A group whose `current` is not given gets -1 here, and its upcoming count in parseUpcoming. */
function parseGroup(raw: unknown, path: string, needsPrice: boolean): ScaleUpNodeGroup {
  const o = expectObject(raw, path, 'a node group');
  expectKeys(o, GROUP_KEYS, path);
  const name = expectName(o.name, join(path, 'name'));

  const allocPath = join(path, 'allocatable');
  if (o.allocatable === undefined) throw inputError(allocPath, 'a node group needs allocatable: {cpu, memory, pods?}');
  const a = expectObject(o.allocatable, allocPath, 'allocatable: {cpu, memory, pods?}');
  expectKeys(a, ['cpu', 'memory', 'pods'], allocPath);
  if (a.cpu === undefined) throw inputError(join(allocPath, 'cpu'), 'allocatable cpu is required');
  if (a.memory === undefined) throw inputError(join(allocPath, 'memory'), 'allocatable memory is required');
  const template: NodeTemplate = {
    allocCpuMilli: atPath(join(allocPath, 'cpu'), () => parseCpuMilli(a.cpu, 'allocatable cpu')),
    allocMemoryBytes: atPath(join(allocPath, 'memory'), () => parseMemoryBytes(a.memory, 'allocatable memory')),
    allocPods: a.pods === undefined ? KUBELET_MAX_PODS : atPath(join(allocPath, 'pods'), () => parseCount(a.pods, 'allocatable pods')),
  };

  let pricePerHour = 0;
  if (o.pricePerHour !== undefined) {
    if (typeof o.pricePerHour !== 'number' || !Number.isFinite(o.pricePerHour) || o.pricePerHour < 0) {
      throw inputError(join(path, 'pricePerHour'), `pricePerHour must be a number ≥ 0, got ${describe(o.pricePerHour)}`);
    }
    pricePerHour = o.pricePerHour;
  } else if (needsPrice) {
    throw inputError(join(path, 'pricePerHour'), 'the price expander needs every node group\'s pricePerHour');
  }

  const min = o.min === undefined ? 0 : wholeNumber(o.min, join(path, 'min'), 0);
  const max = o.max === undefined ? Infinity : wholeNumber(o.max, join(path, 'max'), 0);
  if (max < min) throw inputError(join(path, 'max'), `max (${max}) is below min (${min})`);
  const current = o.current === undefined ? -1 : wholeNumber(o.current, join(path, 'current'), 0);
  const priority = o.priority === undefined ? 0 : integer(o.priority, join(path, 'priority'));
  const backoff = o.backoff === undefined ? false : boolean(o.backoff, join(path, 'backoff'));
  return { name, template, pricePerHour, min, max, current, priority, backoff };
}

/** `[{nodeGroup, count?}]` in the order asked for -> one template per node; fills or checks each group's current. */
function parseUpcoming(raw: unknown, groups: ScaleUpNodeGroup[]): NodeTemplate[] {
  const out: NodeTemplate[] = [];
  const perGroup = new Map<string, number>();
  if (raw !== undefined) {
    expectList(raw, 'upcoming').forEach((u, i) => {
      const path = join('upcoming', i);
      const o = expectObject(u, path, 'upcoming nodes {nodeGroup, count?}');
      expectKeys(o, ['nodeGroup', 'count'], path);
      const name = expectName(o.nodeGroup, join(path, 'nodeGroup'));
      const group = groups.find((g) => g.name === name);
      if (!group) throw inputError(join(path, 'nodeGroup'), `no node group is named "${name}"${didYouMean(name, groups.map((g) => g.name))}`);
      const count = o.count === undefined ? 1 : wholeNumber(o.count, join(path, 'count'), 1);
      for (let k = 0; k < count; k++) out.push(group.template);
      perGroup.set(name, (perGroup.get(name) ?? 0) + count);
    });
  }
  groups.forEach((g, i) => {
    const coming = perGroup.get(g.name) ?? 0;
    if (g.current < 0) g.current = coming;
    else if (g.current < coming) {
      throw inputError(join('nodeGroups', i, 'current'), `current (${g.current}) counts the group's ${coming} upcoming nodes, so it is at least ${coming}`);
    }
  });
  return out;
}

function parseWorkloadReplicas(raw: unknown): Record<string, number> {
  if (raw === undefined) return {};
  const o = expectObject(raw, 'workloadReplicas', 'a map of workload names to replicas');
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(o)) out[name] = wholeNumber(n, join('workloadReplicas', name), 0);
  return out;
}
