/**
 * A cluster under Karpenter: its NodePools resolved into offerings (one node group per instance
 * type × capacity type each pool allows in this cluster's zone, priced and shaped from the
 * scenario's node groups of that type or the cloud catalogue), and the node groups' initial nodes
 * above their min handed to the first pool that offers their type, so the fleet starts with nodes
 * Karpenter owns (the scenario's node groups keep `min` nodes it leaves alone, as a managed node
 * group for the system pods).
 */
import { KARPENTER_DEFAULTS, LABEL_CAPACITY_TYPE, LABEL_INSTANCE_TYPE, LABEL_NODEPOOL, LABEL_ZONE } from '../../decisions/defaults.ts';
import type { CapacityType, KarpenterSpec, NodePoolSpec } from '../../decisions/karpenter/types.ts';
import { KARPENTER_SPOT_DEFAULTS } from '../defaults.ts';
import type { RawKarpenter, RawNodePool } from '../schema/index.ts';
import type { IntOrPercent, NodeGroupSpec } from '../types.ts';
import { type At, bytes, type IssueSink, milli, ratio, sec } from './context.ts';
import { normalizeDelay } from './delay.ts';
import { intOrPercent } from './disruption.ts';
import { normalizeNodeGroup } from './node-groups.ts';
import { normalizeTaints } from './placement.ts';

const NO_POOLS = 'Karpenter runs here but the scenario has no nodePools';

/** an offering's nodes at most, where its pool's limits do not say fewer (the scenario's work budget reads it) */
const OFFERING_MAX_NODES = 1000;

const CAPACITY_TYPES: readonly CapacityType[] = ['on-demand', 'spot'];

export interface KarpenterCluster {
  /** the scenario's node groups, then the offerings */
  nodeGroups: NodeGroupSpec[];
  karpenter: KarpenterSpec;
}

export function normalizeKarpenterCluster(
  cluster: string,
  groups: readonly NodeGroupSpec[],
  rawPools: readonly RawNodePool[] | undefined,
  settings: RawKarpenter | undefined,
  autoscalerAt: readonly (string | number)[],
  sink: IssueSink,
): KarpenterCluster {
  const statics = groups.map((g) => ({ ...g }));
  const offerings: NodeGroupSpec[] = [];
  /** per offering: its instance type */
  const typeOf: string[] = [];
  if ((rawPools === undefined || rawPools.length === 0) && !sink.issues.some((i) => i.message === NO_POOLS)) sink.add([...autoscalerAt], NO_POOLS);
  const order = (rawPools ?? []).map((p, i) => ({ p, i })).sort((a, b) => (b.p.weight ?? 0) - (a.p.weight ?? 0) || (a.p.name < b.p.name ? -1 : a.p.name > b.p.name ? 1 : 0));
  const pools: NodePoolSpec[] = order.map(({ p, i }) => {
    const at: At = (sub = []) => ['nodePools', i, ...sub];
    const pool = nodePoolSpec(p, at, sink);
    if (!allows(p, 'topology.kubernetes.io/zone', cluster)) return pool;
    for (const { base, type } of instanceTypes(p, statics, settings, at, sink)) {
      for (const cap of CAPACITY_TYPES) {
        if (!allows(p, 'karpenter.sh/capacity-type', cap, 'on-demand')) continue;
        pool.offerings.push(statics.length + offerings.length);
        offerings.push(offering(p, pool, base, type, cap, statics, settings, at, sink));
        typeOf.push(type);
      }
    }
    return pool;
  });
  if (rawPools !== undefined && rawPools.length > 0 && pools.every((p) => p.offerings.length === 0)) {
    sink.add(['nodePools'], `no NodePool offers any instance type in cluster ${cluster} (its zone is ${cluster})`);
  }
  handOverInitialNodes(statics, offerings, typeOf, pools);
  const karpenter: KarpenterSpec = {
    batchIdleDurationSec: settings?.batchIdleDuration === undefined ? KARPENTER_DEFAULTS.batchIdleDurationSec : sec(settings.batchIdleDuration),
    batchMaxDurationSec: settings?.batchMaxDuration === undefined ? KARPENTER_DEFAULTS.batchMaxDurationSec : sec(settings.batchMaxDuration),
    unavailableOfferingsTtlSec: settings?.unavailableOfferingsTTL === undefined ? KARPENTER_DEFAULTS.unavailableOfferingsTtlSec : sec(settings.unavailableOfferingsTTL),
    nodePools: pools,
  };
  if (karpenter.batchIdleDurationSec > karpenter.batchMaxDurationSec) {
    sink.add(['karpenter', 'batchIdleDuration'], `batchIdleDuration (${karpenter.batchIdleDurationSec}s) is longer than batchMaxDuration (${karpenter.batchMaxDurationSec}s)`);
  }
  return { nodeGroups: [...statics, ...offerings], karpenter };
}

function nodePoolSpec(p: RawNodePool, at: At, sink: IssueSink): NodePoolSpec {
  const d = p.disruption ?? {};
  const never = (v: string | number | undefined, dflt: number) => (v === undefined ? dflt : v === 'Never' ? Infinity : sec(v));
  const budgets: IntOrPercent[] = (d.budgets ?? [{ nodes: `${KARPENTER_DEFAULTS.budgetNodesPercent}%` }]).map((b, k) =>
    intOrPercent(typeof b.nodes === 'string' && !b.nodes.endsWith('%') ? Number(b.nodes) : b.nodes, at(['disruption', 'budgets', k, 'nodes']), sink),
  );
  return {
    name: p.name,
    weight: p.weight ?? KARPENTER_DEFAULTS.weight,
    limits: {
      cpuMilli: p.limits?.cpu === undefined ? Infinity : milli(p.limits.cpu),
      memoryBytes: p.limits?.memory === undefined ? Infinity : bytes(p.limits.memory),
    },
    disruption: {
      consolidationPolicy: d.consolidationPolicy ?? KARPENTER_DEFAULTS.consolidationPolicy,
      consolidateAfterSec: never(d.consolidateAfter, KARPENTER_DEFAULTS.consolidateAfterSec),
      budgets,
      expireAfterSec: never(d.expireAfter, KARPENTER_DEFAULTS.expireAfterSec),
    },
    offerings: [],
  };
}

/** Does the pool's requirement on `key` (all of them, ANDed) allow `value`? Without one: `dflt`, or any value when none is given. */
function allows(p: RawNodePool, key: string, value: string, dflt?: string): boolean {
  const reqs = (p.requirements ?? []).filter((r) => r.key === key);
  if (reqs.length === 0) return dflt === undefined || value === dflt;
  return reqs.every((r) => (r.operator === 'In') === r.values.includes(value));
}

interface TypeSource {
  /** allocatable, on-demand or spot price, instance and delay to start from */
  base: NodeGroupSpec;
  type: string;
}

/**
 * The instance types a pool allows: those its `In` requirement names (a scenario node group of
 * that instanceType, or of that name, else the catalogue), or every scenario node group's type.
 */
function instanceTypes(p: RawNodePool, groups: readonly NodeGroupSpec[], settings: RawKarpenter | undefined, at: At, sink: IssueSink): TypeSource[] {
  const key = 'node.kubernetes.io/instance-type';
  const typeOf = (g: NodeGroupSpec) => g.instance?.type ?? g.name;
  const ri = (p.requirements ?? []).findIndex((r) => r.key === key && r.operator === 'In');
  const named = ri >= 0 ? p.requirements![ri].values : [...new Set(groups.map(typeOf))];
  const out: TypeSource[] = [];
  named.forEach((type, vi) => {
    if (!allows(p, key, type)) return;
    // on-demand groups first: their price is the on-demand one
    const gi = [...groups.keys()].sort((a, b) => Number(groups[a].capacityType === 'spot') - Number(groups[b].capacityType === 'spot')).find((k) => typeOf(groups[k]) === type);
    if (gi !== undefined) {
      out.push({ base: groups[gi], type });
      return;
    }
    const where: At = (sub = []) => (sub[0] === 'instanceType' ? at(['requirements', ri, 'values', vi]) : sub[0] === 'region' ? ['karpenter', 'region'] : at(['requirements', ri, 'values', vi]));
    const raw = { name: type, instanceType: type, max: 0, provisioningDelay: 0, ...(settings?.region === undefined ? {} : { region: settings.region }) };
    const before = sink.issues.length;
    const base = normalizeNodeGroup(raw, where, sink);
    // a catalogue type takes the first node group's launch delay unless the pool gives its own
    if (groups.length > 0) base.provisioningDelay = groups[0].provisioningDelay;
    if (sink.issues.length === before) out.push({ base, type });
  });
  return out;
}

function offering(
  p: RawNodePool,
  pool: NodePoolSpec,
  base: NodeGroupSpec,
  type: string,
  cap: CapacityType,
  groups: readonly NodeGroupSpec[],
  settings: RawKarpenter | undefined,
  at: At,
  sink: IssueSink,
): NodeGroupSpec {
  const spot = settings?.spot ?? {};
  const priceRatio = spot.priceRatio === undefined ? KARPENTER_SPOT_DEFAULTS.priceRatio : ratio(spot.priceRatio);
  const sameType = groups.find((g) => (g.instance?.type ?? g.name) === type && (g.capacityType ?? 'on-demand') === cap);
  const baseCap = base.capacityType ?? 'on-demand';
  const pricePerHour = sameType?.pricePerHour ?? (cap === baseCap ? base.pricePerHour : cap === 'spot' ? base.pricePerHour * priceRatio : base.pricePerHour / priceRatio);
  const labels: Record<string, string> = { ...base.labels, ...p.labels, [LABEL_NODEPOOL]: p.name, [LABEL_CAPACITY_TYPE]: cap };
  if (base.instance === undefined) labels[LABEL_INSTANCE_TYPE] = type;
  delete labels[LABEL_ZONE];
  const spec: NodeGroupSpec = {
    name: `${pool.name}-${type}-${cap}`,
    allocatable: { ...base.allocatable },
    pricePerHour,
    min: 0,
    // Karpenter has no per-type maximum; the pool's limits bound it, and this bounds the work budget's estimate
    max: Math.min(OFFERING_MAX_NODES, Math.ceil(Math.min(pool.limits.cpuMilli / base.allocatable.cpuMilli, pool.limits.memoryBytes / base.allocatable.memoryBytes))),
    initial: 0,
    provisioningDelay: p.provisioningDelay === undefined ? base.provisioningDelay : normalizeDelay(p.provisioningDelay, (sub = []) => at(['provisioningDelay', ...sub]), sink),
    expanderPriority: 0,
    labels,
    // Karpenter hears of insufficient capacity from the launch call itself
    reportsLaunchErrors: true,
    capacityType: cap,
  };
  if (base.instance !== undefined) spec.instance = base.instance;
  const taints = p.taints === undefined ? base.taints : normalizeTaints(p.taints);
  if (taints !== undefined) spec.taints = taints;
  if (cap === 'spot') {
    spec.interruptionRatePerMonth = sameType?.interruptionRatePerMonth ?? (spot.interruptionRate === undefined ? KARPENTER_SPOT_DEFAULTS.interruptionRate : ratio(spot.interruptionRate));
    spec.interruptionNoticeSec = sameType?.interruptionNoticeSec ?? (spot.interruptionNotice === undefined ? KARPENTER_SPOT_DEFAULTS.interruptionNoticeSec : sec(spot.interruptionNotice));
  }
  return spec;
}

/** Initial nodes above a group's min become the first pool's nodes of the same type and capacity type. */
function handOverInitialNodes(statics: NodeGroupSpec[], offerings: NodeGroupSpec[], typeOf: readonly string[], pools: readonly NodePoolSpec[]): void {
  statics.forEach((g) => {
    const extra = g.initial - g.min;
    if (extra <= 0) return;
    for (const pool of pools) {
      const oi = pool.offerings.map((o) => o - statics.length).find((k) => typeOf[k] === (g.instance?.type ?? g.name) && offerings[k].capacityType === (g.capacityType ?? 'on-demand'));
      if (oi === undefined) continue;
      offerings[oi].initial += extra;
      g.initial = g.min;
      return;
    }
  });
}
