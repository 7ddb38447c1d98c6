/**
 * One ClusterSpec per cluster: the fleet-wide settings with that cluster's overrides merged in
 * (scheduler and cluster-autoscaler keys, node groups by name, over-provisioners by position,
 * workload replicas by name). A problem in a merged value is reported at the override when the
 * override set that key, else at the fleet-wide key.
 */
import type { KeyPath } from '../../input/document.ts';
import { fromZodIssues } from '../issues.ts';
import { nodeGroupSchema } from '../schema/fleet.ts';
import type { RawCluster, RawNodeGroup, RawOverprovisioner, RawOverrides, RawScenario } from '../schema/index.ts';
import { didYouMean } from '../../input/suggest.ts';
import type { CapacityBufferSpec, ClusterSpec, NodeGroupSpec, OverprovisionerSpec, PriorityClass, WorkloadSpec } from '../types.ts';
import type { At, NormalizeContext } from './context.ts';
import { normalizeClusterAutoscaler, normalizeScheduler } from './controllers.ts';
import { normalizeKarpenterCluster } from './karpenter.ts';
import { normalizeNodeGroup } from './node-groups.ts';
import { normalizeOverprovisioner, type PlaceholderContext } from './overprovisioner.ts';
import { checkFitsSomewhere } from './workloads.ts';

export interface FleetContext extends NormalizeContext {
  classes: readonly PriorityClass[];
  placeholderClass: PriorityClass;
  workloads: readonly WorkloadSpec[];
  /** the fleet's over-provisioner entries, Helm values already expanded */
  overprovisioner: readonly RawOverprovisioner[];
  buffers: readonly CapacityBufferSpec[];
}

export function clusterNames(raw: RawScenario, fallback: readonly string[]): string[] {
  return (raw.clusters ?? fallback).map((c) => (typeof c === 'string' ? c : c.name));
}

export function normalizeClusters(raw: RawScenario, fallback: readonly string[], ctx: FleetContext): ClusterSpec[] {
  const entries: RawCluster[] = raw.clusters ?? [...fallback];
  const clusters = entries.map((entry, i) => {
    const name = typeof entry === 'string' ? entry : entry.name;
    const overrides = typeof entry === 'string' ? undefined : entry.overrides;
    const zones = typeof entry === 'string' ? undefined : entry.zones;
    if (zones !== undefined) {
      zones.forEach((z, k) => {
        if (zones.indexOf(z) !== k) ctx.sink.add(['clusters', i, 'zones', k], `zone ${z} is listed twice`);
      });
    }
    return normalizeCluster(raw, name, zones, overrides, ['clusters', i, 'overrides'], ctx);
  });
  if ((raw.nodePools ?? []).length > 0 && clusters.every((c) => c.karpenter === undefined)) {
    ctx.sink.warn(['nodePools'], 'no cluster runs Karpenter (autoscaler: karpenter), so the nodePools are not used');
  }
  return clusters;
}

export function normalizeCluster(raw: RawScenario, name: string, zones: string[] | undefined, ov: RawOverrides | undefined, ovPath: KeyPath, ctx: FleetContext): ClusterSpec {
  const { sink } = ctx;
  const scheduler = normalizeScheduler(
    { ...raw.scheduler, ...ov?.scheduler },
    mergedAt(ov?.scheduler, [...ovPath, 'scheduler'], ['scheduler']),
    sink,
  );
  const clusterAutoscaler = normalizeClusterAutoscaler(
    { ...raw.clusterAutoscaler, ...ov?.clusterAutoscaler },
    mergedAt(ov?.clusterAutoscaler, [...ovPath, 'clusterAutoscaler'], ['clusterAutoscaler']),
    sink,
  );
  const merged = mergeNodeGroups(raw.nodeGroups, ov?.nodeGroups, ovPath, ctx, { name, zones });
  const autoscaler = ov?.autoscaler ?? raw.autoscaler ?? 'cluster-autoscaler';
  const underKarpenter =
    autoscaler === 'karpenter'
      ? normalizeKarpenterCluster(name, merged, raw.nodePools, raw.karpenter, ov?.autoscaler !== undefined ? [...ovPath, 'autoscaler'] : ['autoscaler'], sink)
      : undefined;
  const nodeGroups = underKarpenter?.nodeGroups ?? merged;
  const initialNodes = { nodes: 0, cpuMilli: 0 };
  for (const g of nodeGroups) {
    initialNodes.nodes += g.initial;
    initialNodes.cpuMilli += g.initial * g.allocatable.cpuMilli;
  }
  const overprovisioner = mergeOverprovisioners(ctx.overprovisioner, ov?.overprovisioner, ovPath, ctx, {
    expendableCutoff: clusterAutoscaler.expendablePodsPriorityCutoff,
    initialNodes,
  });
  const replicas = workloadReplicas(ov, ovPath, ctx);

  const where = ov?.nodeGroups ? ` in cluster ${name}` : '';
  // A group whose allocatable is already reported missing or zero would make every pod seem not to fit.
  if (nodeGroups.every((g) => g.allocatable.cpuMilli > 0 && g.allocatable.memoryBytes > 0)) {
    ctx.workloads.forEach((w, i) => checkFitsSomewhere(w.requests, nodeGroups, (sub = []) => ['workloads', i, ...sub], sink, where));
    overprovisioner.forEach((o, i) => checkFitsSomewhere(o.requests, nodeGroups, (sub = []) => ['overprovisioner', i, ...sub], sink, where));
    checkInitialCapacity(name, nodeGroups, overprovisioner, replicas, ov?.nodeGroups ? [...ovPath, 'nodeGroups'] : ['nodeGroups'], ctx);
  }
  const buffers = clusterBuffers(ctx.buffers, nodeGroups, clusterAutoscaler.expendablePodsPriorityCutoff, where, ctx);

  const spec: ClusterSpec = { name, nodeGroups, scheduler, clusterAutoscaler, overprovisioner, replicas, buffers };
  // Only a cluster over several zones gains the key, so every other scenario's output keeps its bytes.
  if (zones !== undefined) spec.zones = [...zones];
  // Only a cluster under Karpenter gains the key, so every other scenario keeps its shape (and hash).
  if (underKarpenter) {
    spec.karpenter = underKarpenter.karpenter;
    if (buffers.length > 0) sink.warn(['buffers'], `cluster ${name} runs Karpenter, which keeps no CapacityBuffer room here: the buffers are not used there (placeholder pods are)`);
  }
  return spec;
}

/**
 * Each cluster keeps its own copy of the fleet's buffers. A buffer pod must fit some node, and must
 * not be expendable: the autoscaler drops pods under the cutoff before it looks for room.
 */
function clusterBuffers(
  buffers: readonly CapacityBufferSpec[],
  groups: readonly NodeGroupSpec[],
  expendableCutoff: number,
  where: string,
  ctx: FleetContext,
): CapacityBufferSpec[] {
  return buffers.map((b, i) => {
    const at = (sub: readonly (string | number)[] = []) => ['buffers', i, ...sub];
    checkFitsSomewhere(b.requests, groups, at, ctx.sink, where);
    if (b.priority < expendableCutoff) {
      ctx.sink.add(
        at(),
        `buffer priority ${b.priority} is below the cluster-autoscaler's expendable cutoff (${expendableCutoff}): it drops such pods before scaling up, so the buffer would keep no room`,
      );
    }
    return structuredClone(b);
  });
}

/**
 * Where a key of a merged map is reported: at the override if it set that key (down to `depth`
 * levels, for maps merged key by key), else at the fleet-wide value.
 */
function mergedAt(override: unknown, ovBase: KeyPath, base: KeyPath, mergedMaps: readonly string[] = []): At {
  return (sub = []) => {
    const depth = mergedMaps.includes(String(sub[0])) ? 2 : 1;
    return definedAlong(override, sub.slice(0, depth)) && sub.length > 0 ? [...ovBase, ...sub] : [...base, ...sub];
  };
}

function definedAlong(value: unknown, path: KeyPath): boolean {
  let v = value;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return false;
    v = (v as Record<string | number, unknown>)[seg];
    if (v === undefined) return false;
  }
  return value !== undefined;
}

function mergeNodeGroups(
  base: readonly RawNodeGroup[],
  overrides: RawOverrides['nodeGroups'],
  ovPath: KeyPath,
  ctx: FleetContext,
  cluster: { name: string; zones: string[] | undefined },
): NodeGroupSpec[] {
  const { sink } = ctx;
  const groups = base.map((g, j) => ({ raw: g, at: ((sub = []) => ['nodeGroups', j, ...sub]) as At }));
  (overrides ?? []).forEach((o, k) => {
    const here: KeyPath = [...ovPath, 'nodeGroups', k];
    const j = groups.findIndex((g) => g.raw.name === o.name);
    if (j >= 0) {
      const merged = { ...groups[j].raw, ...o, allocatable: { ...groups[j].raw.allocatable, ...o.allocatable } } as RawNodeGroup;
      groups[j] = { raw: merged, at: mergedAt(o, here, ['nodeGroups', j], ['allocatable']) };
      return;
    }
    // A name the fleet does not have adds a group to this cluster alone, so it must be complete.
    const full = nodeGroupSchema().safeParse(o, { reportInput: true });
    if (!full.success) {
      for (const issue of fromZodIssues(full.error.issues, here)) {
        sink.add(issue.path, `${issue.message} (node group "${o.name}" is not in the fleet's nodeGroups, so this override defines a new one)`, issue.atKey);
      }
      return;
    }
    groups.push({ raw: full.data, at: (sub = []) => [...here, ...sub] });
  });
  return groups.flatMap((g) => inZones(normalizeNodeGroup(g.raw, g.at, sink), g.raw, g.at, cluster, sink));
}

/**
 * A node group in a cluster over several zones: with `zone`, its nodes are in that zone; with
 * `zones` (or neither: every zone of the cluster) it is one group per zone, named
 * `<group>-<zone>`, each with the group's min, max and initial, as managed node groups are made
 * one per zone for the cluster-autoscaler. In a cluster that is one zone, neither key may be given.
 */
function inZones(spec: NodeGroupSpec, raw: RawNodeGroup, at: At, cluster: { name: string; zones: string[] | undefined }, sink: FleetContext['sink']): NodeGroupSpec[] {
  const key = raw.zone !== undefined ? 'zone' : 'zones';
  if (raw.zone !== undefined && raw.zones !== undefined) {
    sink.add(at(['zones']), 'give zone or zones, not both');
    return [spec];
  }
  const asked = raw.zone !== undefined ? [raw.zone] : raw.zones;
  if (cluster.zones === undefined) {
    if (asked !== undefined) {
      sink.add(at([key]), `cluster ${cluster.name} is one zone; a cluster over several lists them ({name: ${cluster.name}, zones: [...]})`);
    }
    return [spec];
  }
  const zones = cluster.zones;
  const list = asked ?? zones;
  list.forEach((z, k) => {
    if (!zones.includes(z)) sink.add(at(raw.zone !== undefined ? ['zone'] : ['zones', k]), `${z} is not a zone of cluster ${cluster.name} (${zones.join(', ')})`);
  });
  if (list.length === 1) return [{ ...spec, zone: list[0] }];
  return list.map((z) => ({ ...spec, name: `${spec.name}-${z}`, zone: z }));
}

function mergeOverprovisioners(
  base: readonly RawOverprovisioner[],
  overrides: RawOverrides['overprovisioner'],
  ovPath: KeyPath,
  ctx: FleetContext,
  cluster: Pick<PlaceholderContext, 'expendableCutoff' | 'initialNodes'>,
): OverprovisionerSpec[] {
  const merged = base.map((o, j) => ({ raw: o, at: ((sub = []) => ['overprovisioner', j, ...sub]) as At }));
  (overrides ?? []).forEach((o, k) => {
    const here: KeyPath = [...ovPath, 'overprovisioner', k];
    if (k >= base.length) {
      ctx.sink.add(here, `the fleet has ${base.length} overprovisioner entr${base.length === 1 ? 'y' : 'ies'}, so there is no index ${k} to override`);
      return;
    }
    const b = merged[k].raw;
    const m: RawOverprovisioner = { ...b, ...o, requests: { ...b.requests, ...o.requests } };
    // Switching between fixed and proportional sizing replaces the other kind.
    if (o.replicasPerCluster !== undefined && o.proportional === undefined) delete m.proportional;
    if (o.proportional !== undefined) {
      if (o.replicasPerCluster === undefined) delete m.replicasPerCluster;
      m.proportional = { ...b.proportional, ...o.proportional };
    }
    merged[k] = { raw: m, at: mergedAt(o, here, ['overprovisioner', k], ['requests', 'proportional']) };
  });
  return merged.map((o) =>
    normalizeOverprovisioner(o.raw, o.at, {
      sink: ctx.sink,
      classes: ctx.classes,
      defaultClass: ctx.placeholderClass,
      workloads: ctx.workloads,
      ...cluster,
    }),
  );
}

function workloadReplicas(ov: RawOverrides | undefined, ovPath: KeyPath, ctx: FleetContext): Record<string, number> {
  const replicas: Record<string, number> = {};
  for (const w of ctx.workloads) replicas[w.name] = w.replicas;
  (ov?.workloads ?? []).forEach((o, k) => {
    const here: KeyPath = [...ovPath, 'workloads', k];
    const w = ctx.workloads.find((x) => x.name === o.name);
    if (!w) {
      const names = ctx.workloads.map((x) => x.name);
      ctx.sink.add([...here, 'name'], `unknown workload "${o.name}"${didYouMean(o.name, names)}`);
      return;
    }
    if (w.hpa && (o.replicas < w.hpa.minReplicas || o.replicas > w.hpa.maxReplicas)) {
      ctx.sink.add([...here, 'replicas'], `replicas (${o.replicas}) must be between hpa.min (${w.hpa.minReplicas}) and hpa.max (${w.hpa.maxReplicas}) of ${w.name}`);
    }
    replicas[o.name] = o.replicas;
  });
  return replicas;
}

/**
 * The fleet starts steady (every initial replica and placeholder Ready on the initial nodes), so
 * the initial nodes must at least add up to what those pods request. Packing may still need more.
 */
function checkInitialCapacity(
  cluster: string,
  groups: readonly NodeGroupSpec[],
  placeholders: readonly OverprovisionerSpec[],
  replicas: Record<string, number>,
  path: KeyPath,
  ctx: FleetContext,
): void {
  const have = { cpu: 0, memory: 0, pods: 0, nodes: 0 };
  for (const g of groups) {
    have.cpu += g.initial * g.allocatable.cpuMilli;
    have.memory += g.initial * g.allocatable.memoryBytes;
    have.pods += g.initial * g.allocatable.pods;
    have.nodes += g.initial;
  }
  const need = { cpu: 0, memory: 0, pods: 0 };
  const add = (n: number, r: { cpuMilli: number; memoryBytes: number }) => {
    need.cpu += n * r.cpuMilli;
    need.memory += n * r.memoryBytes;
    need.pods += n;
  };
  for (const w of ctx.workloads) add(replicas[w.name] ?? w.replicas, w.requests);
  const cores = (milli: number) => `${+(milli / 1000).toFixed(2)}`;
  const gib = (b: number) => `${+(b / 2 ** 30).toFixed(2)}`;
  const shortOf = (): string[] => {
    const short: string[] = [];
    if (need.cpu > have.cpu) short.push(`cpu ${cores(need.cpu)} > ${cores(have.cpu)} cores`);
    if (need.memory > have.memory) short.push(`memory ${gib(need.memory)} > ${gib(have.memory)} GiB`);
    if (need.pods > have.pods) short.push(`pods ${need.pods} > ${have.pods}`);
    return short;
  };
  const workloadsShort = shortOf();
  if (workloadsShort.length > 0) {
    ctx.sink.add(
      path,
      `cluster ${cluster}: the initial replicas request more than its ${have.nodes} initial nodes hold (${workloadsShort.join(', ')}); raise initial`,
    );
    return;
  }
  for (const p of placeholders) {
    const n = p.sizing.kind === 'fixed' ? p.sizing.replicasPerCluster : p.sizing.initialReplicas;
    add(n, p.requests);
  }
  // Placeholders that do not fit start pending: the autoscaler adds nodes for them at once, which
  // is what a larger over-provisioner does to a running cluster (and what a sweep over its size needs).
  const short = shortOf();
  if (short.length > 0) {
    ctx.sink.warn(
      path,
      `cluster ${cluster}: the initial replicas and placeholders request more than its ${have.nodes} initial nodes hold (${short.join(', ')}); the placeholders that do not fit start pending and the autoscaler adds nodes for them`,
    );
  }
}
