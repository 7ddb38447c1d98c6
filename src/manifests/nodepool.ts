/**
 * karpenter.sh/v1 NodePool -> a `nodePools` entry of the scenario format: requirements on instance
 * type, capacity type and zone, weight, limits, disruption (consolidationPolicy, consolidateAfter,
 * budgets), spec.template.spec.expireAfter, the template's labels and taints. What the simulation
 * does not model (other requirement keys, scheduled budgets, the node class) is skipped with a
 * warning at its field.
 */
import { z } from 'zod';
import { NODEPOOL_REQUIREMENT_KEYS } from '../decisions/karpenter/types.ts';
import type { ManifestProblems } from './problems.ts';
import type { KubeObject } from './read.ts';
import type { NodePoolInfo } from './types.ts';

const nodePoolManifestSchema = () =>
  z.object({
    metadata: z.object({ name: z.string().min(1, { error: 'metadata.name is required' }) }),
    spec: z.object({
      weight: z.number().int().min(0).max(100).optional(),
      limits: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      disruption: z
        .object({
          consolidationPolicy: z.enum(['WhenEmpty', 'WhenEmptyOrUnderutilized']).optional(),
          consolidateAfter: z.union([z.string(), z.number()]).optional(),
          budgets: z.array(z.object({ nodes: z.union([z.string(), z.number()]), schedule: z.string().optional() })).optional(),
        })
        .optional(),
      template: z
        .object({
          metadata: z.object({ labels: z.record(z.string(), z.string()).optional() }).optional(),
          spec: z
            .object({
              requirements: z.array(z.object({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() })).optional(),
              taints: z.array(z.object({ key: z.string(), value: z.string().optional(), effect: z.string() })).optional(),
              expireAfter: z.union([z.string(), z.number()]).optional(),
            })
            .optional(),
        })
        .optional(),
    }),
  });

const KEYS: readonly string[] = NODEPOOL_REQUIREMENT_KEYS;

export function readNodePool(obj: KubeObject, problems: ManifestProblems): NodePoolInfo | undefined {
  const p = problems.check(obj, nodePoolManifestSchema());
  if (!p) return undefined;
  const raw: Record<string, unknown> = { name: p.metadata.name };
  const paths: Record<string, (string | number)[]> = { name: ['metadata', 'name'] };
  const s = p.spec;
  if (s.weight !== undefined) {
    raw.weight = s.weight;
    paths.weight = ['spec', 'weight'];
  }
  const tspec = s.template?.spec;
  const requirements = (tspec?.requirements ?? []).flatMap((r, i) => {
    const at = ['spec', 'template', 'spec', 'requirements', i];
    if (!KEYS.includes(r.key) || (r.operator !== 'In' && r.operator !== 'NotIn')) {
      problems.warn(obj.source, at, `requirement ${r.key} ${r.operator} is not simulated (only ${KEYS.join(', ')} with In or NotIn): skipped`);
      return [];
    }
    return [{ key: r.key, operator: r.operator, values: r.values ?? [] }];
  });
  if (requirements.length > 0) {
    raw.requirements = requirements;
    paths.requirements = ['spec', 'template', 'spec', 'requirements'];
  }
  const limits: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(s.limits ?? {})) {
    if (k === 'cpu' || k === 'memory') limits[k] = v;
    else problems.warn(obj.source, ['spec', 'limits', k], `limit ${k} is not simulated: skipped`);
  }
  if (Object.keys(limits).length > 0) {
    raw.limits = limits;
    paths.limits = ['spec', 'limits'];
  }
  const disruption: Record<string, unknown> = {};
  const d = s.disruption;
  if (d?.consolidationPolicy !== undefined) disruption.consolidationPolicy = d.consolidationPolicy;
  if (d?.consolidateAfter !== undefined) disruption.consolidateAfter = d.consolidateAfter;
  if (d?.budgets !== undefined) {
    const budgets = d.budgets.flatMap((b, i) => {
      if (b.schedule === undefined) return [{ nodes: b.nodes }];
      problems.warn(obj.source, ['spec', 'disruption', 'budgets', i, 'schedule'], 'a scheduled budget is not simulated: skipped');
      return [];
    });
    if (budgets.length > 0) disruption.budgets = budgets;
  }
  if (tspec?.expireAfter !== undefined) disruption.expireAfter = tspec.expireAfter;
  if (Object.keys(disruption).length > 0) {
    raw.disruption = disruption;
    paths.disruption = ['spec', 'disruption'];
  }
  const labels = s.template?.metadata?.labels;
  if (labels !== undefined && Object.keys(labels).length > 0) {
    raw.labels = { ...labels };
    paths.labels = ['spec', 'template', 'metadata', 'labels'];
  }
  if (tspec?.taints !== undefined && tspec.taints.length > 0) {
    raw.taints = tspec.taints.map((t) => ({ ...t }));
    paths.taints = ['spec', 'template', 'spec', 'taints'];
  }
  return { name: p.metadata.name, source: obj.source, raw, paths };
}
