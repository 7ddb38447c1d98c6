/**
 * `headroom decide provision` and `headroom decide consolidate`: Karpenter's provisioner and its
 * consolidation, the decisions a run's Karpenter makes (decisions/karpenter/provisioning.ts and
 * consolidation.ts), over a snapshot given as JSON.
 *
 * Offerings, per NodePool: [{name, capacityType?: on-demand|spot, pricePerHour, allocatable: {cpu,
 * memory, pods?}, labels?, taints?}] (DaemonSet pods aside: give allocatable less what they take).
 *
 * provision input: {pods: [pod], nodes?: [node], launching?: [node], nodePools: [{name, limits?:
 * {cpu?, memory?}, offerings}], unavailable?: [offering name]}; pools heaviest first.
 * Output: {claims: [{nodePool, offering, pods: [names]}], unschedulable: [names]}.
 *
 * consolidate input: {nodes: [node + {nodePool?, pricePerHour?, candidate?}], nodePools: [{name,
 * consolidationPolicy?, allowedDisruptions?, offerings}]}; a node with a nodePool is a candidate
 * unless `candidate: false` (its consolidateAfter not passed, a do-not-disrupt pod).
 * Output: {command: null} or {command: {method, decision, nodes: [names], replacement?: {nodePool,
 * offering}, savingsPerHour}}.
 */
import type { NodeTemplate } from '../decisions/autoscaler/estimator/template.ts';
import { planConsolidation, type ConsolidationCandidate } from '../decisions/karpenter/consolidation.ts';
import type { Offering } from '../decisions/karpenter/offering.ts';
import { planProvisioning, type ProvisioningPool } from '../decisions/karpenter/provisioning.ts';
import type { NodeInfo } from '../decisions/scheduler/types.ts';
import { parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import { atPath, expectKeys, expectList, expectName, expectObject, inputError, join, parseNode, parsePod, wholeNumber } from './pods.ts';

interface PoolInput {
  name: string;
  offerings: number[];
  raw: Record<string, unknown>;
  path: string;
}

/** Every pool's offerings, flat, and each pool's indices into them. */
function parsePools(raw: unknown, poolKeys: readonly string[]): { pools: PoolInput[]; offerings: Offering[]; names: string[] } {
  const offerings: Offering[] = [];
  const names: string[] = [];
  const pools = expectList(raw, 'nodePools').map((p, i) => {
    const path = join('nodePools', i);
    const o = expectObject(p, path, 'a NodePool ({name, offerings, ...})');
    expectKeys(o, ['name', 'offerings', ...poolKeys], path);
    const name = expectName(o.name, join(path, 'name'));
    const idx = expectList(o.offerings, join(path, 'offerings')).map((off, k) => {
      const at = join(path, 'offerings', k);
      const oo = expectObject(off, at, 'an offering ({name, pricePerHour, allocatable, capacityType?})');
      expectKeys(oo, ['name', 'capacityType', 'pricePerHour', 'allocatable', 'labels', 'taints'], at);
      const { capacityType, pricePerHour, ...nodeLike } = oo;
      if (capacityType !== undefined && capacityType !== 'on-demand' && capacityType !== 'spot') throw inputError(join(at, 'capacityType'), 'must be on-demand or spot');
      if (typeof pricePerHour !== 'number' || !(pricePerHour >= 0)) throw inputError(join(at, 'pricePerHour'), 'must be a number ≥ 0');
      const node = parseNode(nodeLike, at);
      const template: NodeTemplate = { allocCpuMilli: node.allocCpuMilli, allocMemoryBytes: node.allocMemoryBytes, allocPods: node.allocPods, name: node.name };
      if (node.labels !== undefined) template.labels = node.labels;
      if (node.taints !== undefined) template.taints = node.taints;
      names.push(node.name);
      offerings.push({ group: offerings.length, capacityType: (capacityType as Offering['capacityType']) ?? 'on-demand', pricePerHour, template });
      return offerings.length - 1;
    });
    return { name, offerings: idx, raw: o, path };
  });
  return { pools, offerings, names };
}

export function decideProvision(input: unknown): { claims: { nodePool: string; offering: string; pods: string[] }[]; unschedulable: string[] } {
  const o = expectObject(input, '', 'a provision input object ({pods, nodePools, nodes?, launching?, unavailable?})');
  expectKeys(o, ['pods', 'nodes', 'launching', 'nodePools', 'unavailable'], '');
  const { pools, offerings, names } = parsePools(o.nodePools, ['limits']);
  const nodes = (key: string): NodeInfo[] => (o[key] === undefined ? [] : expectList(o[key], key).map((n, i) => parseNode(n, join(key, i))));
  const unavailable = new Set(
    (o.unavailable === undefined ? [] : expectList(o.unavailable, 'unavailable')).map((n, i) => {
      const k = names.indexOf(String(n));
      if (k < 0) throw inputError(join('unavailable', i), `no offering named ${JSON.stringify(n)}`);
      return k;
    }),
  );
  const poolsIn: ProvisioningPool[] = pools.map((p) => {
    const limits = p.raw.limits === undefined ? {} : expectObject(p.raw.limits, join(p.path, 'limits'), 'limits: {cpu?, memory?}');
    expectKeys(limits, ['cpu', 'memory'], join(p.path, 'limits'));
    return {
      name: p.name,
      remaining: {
        cpuMilli: limits.cpu === undefined ? Infinity : atPath(join(p.path, 'limits', 'cpu'), () => parseCpuMilli(limits.cpu as string, 'cpu')),
        memoryBytes: limits.memory === undefined ? Infinity : atPath(join(p.path, 'limits', 'memory'), () => parseMemoryBytes(limits.memory as string, 'memory')),
      },
      offerings: p.offerings,
    };
  });
  const plan = planProvisioning({
    pods: expectList(o.pods, 'pods').map((p, i) => parsePod(p, join('pods', i))),
    nodes: nodes('nodes'),
    launching: nodes('launching'),
    pools: poolsIn,
    offerings,
    unavailable,
  });
  return {
    claims: plan.claims.map((c) => ({ nodePool: pools[c.pool].name, offering: names[c.offering], pods: c.pods.map((p) => p.name) })),
    unschedulable: plan.unschedulable.map((p) => p.name),
  };
}

export function decideConsolidate(input: unknown): { command: null | { method: string; decision: string; nodes: string[]; replacement?: { nodePool: string; offering: string }; savingsPerHour: number } } {
  const o = expectObject(input, '', 'a consolidate input object ({nodes, nodePools})');
  expectKeys(o, ['nodes', 'nodePools'], '');
  const { pools, offerings, names } = parsePools(o.nodePools, ['consolidationPolicy', 'allowedDisruptions']);
  const nodes: NodeInfo[] = [];
  const candidates: ConsolidationCandidate[] = [];
  expectList(o.nodes, 'nodes').forEach((raw, i) => {
    const path = join('nodes', i);
    const n = expectObject(raw, path, 'a node');
    const { nodePool, pricePerHour, candidate, ...nodeLike } = n;
    const node = parseNode(nodeLike, path);
    nodes.push(node);
    if (nodePool === undefined || candidate === false) return;
    const pool = pools.findIndex((p) => p.name === nodePool);
    if (pool < 0) throw inputError(join(path, 'nodePool'), `no NodePool named ${JSON.stringify(nodePool)}`);
    if (typeof pricePerHour !== 'number') throw inputError(join(path, 'pricePerHour'), "a candidate's price per hour is required");
    candidates.push({ node: i, pool, pricePerHour, pods: node.pods.filter((p) => p.daemonSet !== true) });
  });
  const command = planConsolidation({
    nodes,
    candidates,
    pools: pools.map((p) => {
      const policy = p.raw.consolidationPolicy ?? 'WhenEmptyOrUnderutilized';
      if (policy !== 'WhenEmpty' && policy !== 'WhenEmptyOrUnderutilized') throw inputError(join(p.path, 'consolidationPolicy'), 'must be WhenEmpty or WhenEmptyOrUnderutilized');
      const allowed = p.raw.allowedDisruptions === undefined ? Infinity : wholeNumber(p.raw.allowedDisruptions, join(p.path, 'allowedDisruptions'));
      return { policy, allowed, offerings: p.offerings };
    }),
    offerings,
  });
  if (!command) return { command: null };
  return {
    command: {
      method: command.method,
      decision: command.decision,
      nodes: command.nodes.map((i) => nodes[i].name),
      ...(command.replacement ? { replacement: { nodePool: pools[command.replacement.pool].name, offering: names[command.replacement.offering] } } : {}),
      savingsPerHour: Math.round(command.savingsPerHour * 1e6) / 1e6,
    },
  };
}
