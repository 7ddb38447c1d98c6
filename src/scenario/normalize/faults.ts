/** Capacity shortages and spot reclaim waves, checked against the clusters and their node groups. */
import type { z } from 'zod';
import { formatDuration } from '../../quantity.ts';
import type { KeyPath } from '../../input/document.ts';
import { didYouMean } from '../../input/suggest.ts';
import type { faultsSchema } from '../schema/faults.ts';
import type { CapacityShortageSpec, ClusterSpec, FaultsSpec, ReclaimWaveSpec } from '../types.ts';
import { type NormalizeContext, ratio, sec } from './context.ts';
import { faultTargets } from '../fault-targets.ts';

type RawFaults = z.output<ReturnType<typeof faultsSchema>>;

/** undefined when the scenario names no fault, so every other scenario keeps its shape (and hash). */
export function normalizeFaults(raw: RawFaults | undefined, clusters: readonly ClusterSpec[], ctx: NormalizeContext): FaultsSpec | undefined {
  if (raw === undefined || ((raw.shortages ?? []).length === 0 && (raw.reclaims ?? []).length === 0)) return undefined;
  const { sink } = ctx;
  const names = clusters.map((c) => c.name);
  /** the clusters a fault applies to, checked: the cluster exists and has the group */
  const where = (nodeGroup: string, cluster: string | undefined, path: KeyPath): ClusterSpec[] => {
    if (cluster !== undefined && !names.includes(cluster)) {
      sink.add([...path, 'cluster'], `unknown cluster "${cluster}"${didYouMean(cluster, names)}; clusters: ${names.join(', ')}`);
      return [];
    }
    const scope = clusters.filter((c) => cluster === undefined || c.name === cluster);
    const having = scope.filter((c) => faultTargets(c.nodeGroups, nodeGroup).length > 0);
    if (having.length === 0) {
      const groups = [...new Set(scope.flatMap((c) => c.nodeGroups.map((g) => g.name)))];
      sink.add([...path, 'nodeGroup'], `no node group "${nodeGroup}"${cluster === undefined ? '' : ` in cluster ${cluster}`}${didYouMean(nodeGroup, groups)}; node groups: ${groups.join(', ')}`);
    }
    return having;
  };
  const withinRun = (atSec: number, path: KeyPath) => {
    if (atSec >= ctx.durationSec) sink.add(path, `${formatDuration(atSec)} is at or after the end of the scenario (${formatDuration(ctx.durationSec)})`);
  };

  const shortages: CapacityShortageSpec[] = (raw.shortages ?? []).flatMap((s, i): CapacityShortageSpec[] => {
    const path: KeyPath = ['faults', 'shortages', i];
    const having = where(s.nodeGroup, s.cluster, path);
    if (s.instanceType !== undefined) {
      const types = new Set(having.flatMap((c) => faultTargets(c.nodeGroups, s.nodeGroup).flatMap((gi) => (c.nodeGroups[gi].instanceTypes ?? []).map((t) => t.instance.type))));
      if (having.length > 0 && !types.has(s.instanceType)) {
        sink.add([...path, 'instanceType'], types.size === 0 ? `node group "${s.nodeGroup}" is not a mixed-instances group (instanceTypes): a shortage of it takes no instanceType` : `"${s.instanceType}" is not one of the group's instanceTypes (${[...types].join(', ')})`);
      }
    }
    const forSec = sec(s.for);
    if (forSec <= 0) sink.add([...path, 'for'], 'a shortage must last more than 0s');
    if ((s.at === undefined) === (s.perDay === undefined)) {
      sink.add(path, 'a shortage takes exactly one of at: <time> (scheduled) or perDay: <rate> (at random)');
      return [];
    }
    const base = { nodeGroup: s.nodeGroup, forSec, ...(s.cluster === undefined ? {} : { cluster: s.cluster }), ...(s.instanceType === undefined ? {} : { instanceType: s.instanceType }) };
    if (s.at !== undefined) {
      const atSec = sec(s.at);
      withinRun(atSec, [...path, 'at']);
      return [{ ...base, kind: 'scheduled' as const, atSec }];
    }
    return [{ ...base, kind: 'random' as const, perDay: s.perDay! }];
  });

  const reclaims: ReclaimWaveSpec[] = (raw.reclaims ?? []).flatMap((r, i) => {
    const path: KeyPath = ['faults', 'reclaims', i];
    const atSec = sec(r.at);
    withinRun(atSec, [...path, 'at']);
    const share = ratio(r.share);
    if (share > 1) sink.add([...path, 'share'], `a share of the group's nodes is at most 100%, got ${share}`);
    for (const c of where(r.nodeGroup, r.cluster, path)) {
      if (faultTargets(c.nodeGroups, r.nodeGroup, true).length === 0) {
        sink.add([...path, 'nodeGroup'], `node group "${r.nodeGroup}" in cluster ${c.name} is not spot capacity (capacityType: spot): only spot nodes are reclaimed`);
        break;
      }
    }
    return [{ atSec, nodeGroup: r.nodeGroup, share, ...(r.cluster === undefined ? {} : { cluster: r.cluster }) }];
  });
  // time order, stable for equal times
  return { shortages, reclaims: [...reclaims].sort((a, b) => a.atSec - b.atSec) };
}
