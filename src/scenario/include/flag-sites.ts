/**
 * Where the cluster-autoscaler's flags are written: the fleet's `clusterAutoscaler.flags`, an
 * included cluster-autoscaler Deployment's command line (when the scenario gives no flags), and
 * each cluster's `overrides.clusterAutoscaler.flags`.
 */
import type { ManifestSet } from '../../manifests/index.ts';
import type { KeyPath } from '../../input/document.ts';
import { applyFlags, type FlagsContext } from './apply-flags.ts';
import { isObject } from './merge.ts';
import type { Target } from './origins.ts';

export function applyAllFlags(merged: Record<string, unknown>, set: ManifestSet, ctx: FlagsContext): void {
  const ca = isObject(merged.clusterAutoscaler) ? merged.clusterAutoscaler : undefined;
  const nodeGroups = Array.isArray(merged.nodeGroups) ? merged.nodeGroups : [];
  const fleetNames = nodeGroups.flatMap((g) => (isObject(g) && typeof g.name === 'string' ? [g.name] : []));
  const fileFlags = ca?.flags;
  const included = set.clusterAutoscalers[0];
  if (Array.isArray(fileFlags) && fileFlags.every((f) => typeof f === 'string')) {
    if (included) {
      ctx.warnings.push({ path: ['clusterAutoscaler', 'flags'], message: `the included cluster-autoscaler Deployment "${included.name}" has flags too; these (the scenario's) are used` });
    }
    applyFlags(
      {
        items: fileFlags,
        ca: ca!,
        caPath: ['clusterAutoscaler'],
        itemAt: (i) => ({ kind: 'scenario', path: ['clusterAutoscaler', 'flags', i] }),
        listAt: { kind: 'scenario', path: ['clusterAutoscaler', 'flags'] },
        nodeGroups: { list: nodeGroups, path: ['nodeGroups'] },
        fleet: true,
      },
      ctx,
    );
  } else if (included && fileFlags === undefined) {
    const target: Record<string, unknown> = ca ?? {};
    merged.clusterAutoscaler = target;
    const where: Target = { kind: 'elsewhere', where: included.source.at(['spec', 'template', 'spec', 'containers']), code: 'manifest' };
    applyFlags(
      {
        items: included.flags,
        ca: target,
        caPath: ['clusterAutoscaler'],
        itemAt: () => where,
        listAt: where,
        nodeGroups: { list: nodeGroups, path: ['nodeGroups'] },
        fleet: true,
      },
      ctx,
    );
  }
  const clusters = Array.isArray(merged.clusters) ? merged.clusters : [];
  clusters.forEach((c, i) => {
    if (!isObject(c) || !isObject(c.overrides) || !isObject(c.overrides.clusterAutoscaler)) return;
    const ov = c.overrides;
    const ovCa = ov.clusterAutoscaler as Record<string, unknown>;
    const flags = ovCa.flags;
    if (!Array.isArray(flags) || !flags.every((f) => typeof f === 'string')) return;
    const base: KeyPath = ['clusters', i, 'overrides'];
    if (ov.nodeGroups === undefined && flags.some((f) => /^--?nodes[=\s]|^--?nodes$/.test(f.trim()))) ov.nodeGroups = [];
    applyFlags(
      {
        items: flags,
        ca: ovCa,
        caPath: [...base, 'clusterAutoscaler'],
        itemAt: (k) => ({ kind: 'scenario', path: [...base, 'clusterAutoscaler', 'flags', k] }),
        listAt: { kind: 'scenario', path: [...base, 'clusterAutoscaler', 'flags'] },
        nodeGroups: { list: Array.isArray(ov.nodeGroups) ? ov.nodeGroups : [], path: [...base, 'nodeGroups'], fleetNames },
        fleet: false,
      },
      ctx,
    );
  });
}
