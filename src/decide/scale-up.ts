/**
 * `headroom decide scale-up`: what would the cluster-autoscaler ask for, given these pending pods
 * and node groups?
 *
 * Input: {expander?, nodeGroups: [{name, allocatable: {cpu, memory, pods?}, pricePerHour?, min?,
 * max?, current?, priority?}], pods: [pod], maxNodesTotal?, maxNodesPerScaleUp?,
 * expendablePodsPriorityCutoff?, seed?}. The expander is a name or a chain ("priority,least-waste"),
 * random by default; max absent means no max; maxNodesTotal 0 or absent means no limit; the seed
 * drives the random tie-break.
 *
 * Output: {nodeGroup: name | null, count, estimates: {group: {nodes, pods}}}.
 */
import { HeadroomError } from '../errors.ts';
import { parseCount, parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import { namedStream } from '../engine/random.ts';
import { CLUSTER_AUTOSCALER_DEFAULTS, KUBELET_MAX_PODS } from '../decisions/defaults.ts';
import { EXPANDER_NAMES, parseExpanderChain } from '../decisions/autoscaler/expander/chain.ts';
import { didYouMean } from '../input/suggest.ts';
import { computeScaleUp, type GroupEstimate, type NodeGroupState } from '../decisions/autoscaler/scaleup.ts';
import type { PodInfo } from '../decisions/scheduler/types.ts';
import { describe, expectKeys, expectList, expectName, expectObject, inputError, join, parsePod } from './pods.ts';

const DEFAULT_SEED = 0;

const INPUT_KEYS = [
  'expander',
  'nodeGroups',
  'pods',
  'maxNodesTotal',
  'maxNodesPerScaleUp',
  'expendablePodsPriorityCutoff',
  'seed',
];
const GROUP_KEYS = ['name', 'allocatable', 'pricePerHour', 'min', 'max', 'current', 'priority'];

export interface ScaleUpAnswer {
  nodeGroup: string | null;
  count: number;
  estimates: Record<string, GroupEstimate>;
}

export function decideScaleUp(input: unknown, rng?: () => number): ScaleUpAnswer {
  const o = expectObject(input, '', 'a scale-up input object');
  expectKeys(o, INPUT_KEYS, '');

  let expanders = parseExpanderChain('random');
  if (o.expander !== undefined) {
    if (typeof o.expander !== 'string') {
      throw inputError('expander', `expander must be a name or a comma-separated chain, got ${describe(o.expander)}`);
    }
    expanders = atPath('expander', () => parseExpanderChain(o.expander as string, (name) => didYouMean(name, EXPANDER_NAMES)));
  }

  if (o.nodeGroups === undefined) throw inputError('nodeGroups', 'nodeGroups is required: a list of {name, allocatable, ...}');
  const rawGroups = expectList(o.nodeGroups, 'nodeGroups');
  if (rawGroups.length === 0) throw inputError('nodeGroups', 'list at least one node group');
  const groups: NodeGroupState[] = [];
  const seen = new Set<string>();
  rawGroups.forEach((raw, i) => {
    const g = parseGroup(raw, join('nodeGroups', i), expanders.includes('price'));
    if (seen.has(g.name)) throw inputError(join('nodeGroups', i, 'name'), `node group "${g.name}" appears twice`);
    seen.add(g.name);
    groups.push(g);
  });

  if (o.pods === undefined) throw inputError('pods', 'pods is required: the pending pods, a list');
  const pods: PodInfo[] = expectList(o.pods, 'pods').map((p, i) => parsePod(p, join('pods', i)));

  const maxNodesTotal = o.maxNodesTotal === undefined ? 0 : wholeNumber(o.maxNodesTotal, 'maxNodesTotal', 0);
  const maxNodesPerScaleUp =
    o.maxNodesPerScaleUp === undefined ? undefined : wholeNumber(o.maxNodesPerScaleUp, 'maxNodesPerScaleUp', 1);
  const cutoff =
    o.expendablePodsPriorityCutoff === undefined
      ? CLUSTER_AUTOSCALER_DEFAULTS.expendablePodsPriorityCutoff
      : integer(o.expendablePodsPriorityCutoff, 'expendablePodsPriorityCutoff');

  let seed: number | string = DEFAULT_SEED;
  if (o.seed !== undefined) {
    if (typeof o.seed !== 'string' && !(typeof o.seed === 'number' && Number.isFinite(o.seed))) {
      throw inputError('seed', `seed must be a number or a string, got ${describe(o.seed)}`);
    }
    seed = o.seed;
  }

  const decision = computeScaleUp(
    pods,
    groups,
    {
      expanders,
      maxNodesTotal,
      currentNodesTotal: groups.reduce((sum, g) => sum + g.current, 0),
      maxNodesPerScaleUp,
      expendablePodsPriorityCutoff: cutoff,
    },
    rng ?? namedStream(seed, 'decide/scale-up/expander'),
  );
  return { nodeGroup: decision.nodeGroup, count: decision.count, estimates: decision.estimates };
}

function parseGroup(raw: unknown, path: string, needsPrice: boolean): NodeGroupState {
  const o = expectObject(raw, path, 'a node group');
  expectKeys(o, GROUP_KEYS, path);
  const name = expectName(o.name, join(path, 'name'));

  const allocPath = join(path, 'allocatable');
  if (o.allocatable === undefined) throw inputError(allocPath, 'a node group needs allocatable: {cpu, memory, pods?}');
  const a = expectObject(o.allocatable, allocPath, 'allocatable: {cpu, memory, pods?}');
  expectKeys(a, ['cpu', 'memory', 'pods'], allocPath);
  if (a.cpu === undefined) throw inputError(join(allocPath, 'cpu'), 'allocatable cpu is required');
  if (a.memory === undefined) throw inputError(join(allocPath, 'memory'), 'allocatable memory is required');
  const template = {
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
  const current = o.current === undefined ? 0 : wholeNumber(o.current, join(path, 'current'), 0);
  const priority = o.priority === undefined ? 0 : integer(o.priority, join(path, 'priority'));
  return { name, template, pricePerHour, min, max, current, priority };
}

function integer(raw: unknown, path: string): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw inputError(path, `must be a whole number, got ${describe(raw)}`);
  return raw;
}

function wholeNumber(raw: unknown, path: string, least: number): number {
  const n = integer(raw, path);
  if (n < least) throw inputError(path, `must be at least ${least}, got ${n}`);
  return n;
}

/** Errors from shared parsers know no path; give them the field's. */
function atPath<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof HeadroomError) throw inputError(path, e.message);
    throw e;
  }
}
