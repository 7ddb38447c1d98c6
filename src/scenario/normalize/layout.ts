/**
 * `layout`: how a fleet written as a cluster per zone is laid out. `cluster-per-zone` (the default)
 * runs it as written; `one-cluster` runs the same fleet as one cluster over those zones, named
 * `fleet`: a node group per zone with the group's min, max and initial (as each cluster had), and
 * what the scenario counts per cluster multiplied by the number of zones, so the fleet starts with
 * the same pods: workloads' replicas and their HPA's min and max, the over-provisioner's
 * replicasPerCluster. Traffic stays the fleet's total; an outage of a cluster becomes an outage of
 * that zone. So one sweep (`--vary layout=cluster-per-zone,one-cluster`) puts both side by side.
 * A fleet that cannot be read as a cluster per zone (clusters with zones or overrides, uneven
 * weights, planned shifts, Helm-valued placeholders) is refused with the reason.
 */
import { DEPLOYMENT_REPLICAS, HPA_DEFAULTS } from '../../decisions/defaults.ts';
import type { RawScenario } from '../schema/index.ts';
import { SCENARIO_DEFAULTS } from '../defaults.ts';
import type { IssueSink } from './context.ts';

export const LAYOUTS = ['cluster-per-zone', 'one-cluster'] as const;
export type Layout = (typeof LAYOUTS)[number];
/** the name of the one cluster of `layout: one-cluster` */
export const ONE_CLUSTER_NAME = 'fleet';

export function applyLayout(raw: RawScenario, sink: IssueSink): RawScenario {
  if (raw.layout === undefined || raw.layout === 'cluster-per-zone') return raw;
  const refuse = (why: string) => {
    sink.add(['layout'], `layout: one-cluster needs the fleet written as a cluster per zone: ${why}`);
    return raw;
  };
  const entries = raw.clusters ?? [...SCENARIO_DEFAULTS.clusters];
  if (entries.some((c) => typeof c !== 'string')) return refuse('every cluster given by its name alone (no zones, no overrides)');
  const zones = entries as string[];
  const n = zones.length;
  const weights = Object.values(raw.routing?.weights ?? {});
  if (weights.some((w) => w !== weights[0]) || (weights.length > 0 && weights.length < n)) return refuse('equal routing weights');
  if ((raw.routing?.shifts ?? []).length > 0) return refuse('no routing.shifts (one cluster has no share to move)');
  const overprovisioner = raw.overprovisioner?.map((o) => {
    if (!('replicasPerCluster' in o) && !('proportional' in o)) return null;
    return 'replicasPerCluster' in o && o.replicasPerCluster !== undefined ? { ...o, replicasPerCluster: o.replicasPerCluster * n } : o;
  });
  if (overprovisioner?.includes(null)) return refuse('over-provisioners written plainly (replicasPerCluster or proportional)');
  const { weights: _weights, ...routing } = raw.routing ?? {};
  return {
    ...raw,
    clusters: [{ name: ONE_CLUSTER_NAME, zones }],
    workloads: raw.workloads?.map((w) => ({
      ...w,
      replicas: (w.replicas ?? DEPLOYMENT_REPLICAS) * n,
      ...(w.hpa ? { hpa: { ...w.hpa, min: (w.hpa.min ?? HPA_DEFAULTS.minReplicas) * n, max: w.hpa.max * n } } : {}),
    })),
    ...(overprovisioner ? { overprovisioner: overprovisioner as NonNullable<RawScenario['overprovisioner']> } : {}),
    ...(raw.routing
      ? { routing: { ...routing, ...(raw.routing.outages ? { outages: raw.routing.outages.map(({ cluster, ...o }) => ({ ...o, zone: o.zone ?? cluster })) } : {}) } }
      : {}),
  };
}
