/** Taints, tolerations, nodeSelector and node affinity, in the pod spec's shapes (k8s.io/api/core/v1). */
import { z } from 'zod';
import { LIMITS } from '../../limits.ts';
import { NODE_SELECTOR_OPERATORS, TAINT_EFFECTS } from '../../decisions/scheduler/placement.ts';
import { LABEL_SELECTOR_OPERATORS } from '../../decisions/scheduler/label-selector.ts';

export const labelsSchema = () => z.record(z.string().min(1), z.string());
const effect = () => z.enum(TAINT_EFFECTS as [string, ...string[]]);

export const taintSchema = () => z.strictObject({ key: z.string().min(1), value: z.string().optional(), effect: effect() });

export const tolerationSchema = () =>
  z
    .strictObject({
      key: z.string().optional(),
      operator: z.enum(['Exists', 'Equal']).optional(),
      value: z.string().optional(),
      effect: effect().optional(),
      tolerationSeconds: z.number().int().optional(),
    })
    .superRefine((t, ctx) => {
      // API validation (pkg/apis/core/validation ValidateTolerations)
      if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') {
        ctx.addIssue({ code: 'custom', path: ['value'], input: t.value, message: 'must be empty when operator is Exists' });
      }
      if ((t.key === undefined || t.key === '') && t.operator !== 'Exists') {
        ctx.addIssue({ code: 'custom', path: ['operator'], input: t.operator, message: 'must be Exists when key is empty' });
      }
      if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
        ctx.addIssue({ code: 'custom', path: ['effect'], input: t.effect, message: 'must be NoExecute when tolerationSeconds is set' });
      }
    });

/**
 * The values rule node and label selector requirements share (ValidateNodeSelectorRequirement,
 * apimachinery ValidateLabelSelectorRequirement): In and NotIn need values, Exists and DoesNotExist none.
 */
function checkSetOperatorValues(r: { operator: string; values?: string[] }, ctx: z.RefinementCtx): void {
  const n = r.values?.length ?? 0;
  if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) {
    ctx.addIssue({ code: 'custom', path: ['values'], input: r.values, message: `must be given for operator ${r.operator}` });
  }
  if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) {
    ctx.addIssue({ code: 'custom', path: ['values'], input: r.values, message: `must be empty for operator ${r.operator}` });
  }
}

const requirementSchema = () =>
  z
    .strictObject({ key: z.string().min(1), operator: z.enum(NODE_SELECTOR_OPERATORS as [string, ...string[]]), values: z.array(z.string()).optional() })
    .superRefine((r, ctx) => {
      checkSetOperatorValues(r, ctx);
      const n = r.values?.length ?? 0;
      if ((r.operator === 'Gt' || r.operator === 'Lt') && (n !== 1 || !/^[+-]?\d+$/.test(r.values![0]))) {
        ctx.addIssue({ code: 'custom', path: ['values'], input: r.values, message: `must be one integer for operator ${r.operator}` });
      }
    });

const fieldRequirementSchema = () =>
  z.strictObject({ key: z.literal('metadata.name'), operator: z.enum(['In', 'NotIn']), values: z.array(z.string()).length(1) });

const termSchema = () =>
  z.strictObject({ matchExpressions: z.array(requirementSchema()).optional(), matchFields: z.array(fieldRequirementSchema()).optional() });

export const nodeAffinitySchema = () =>
  z.strictObject({
    requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({ nodeSelectorTerms: z.array(termSchema()).min(1) }).optional(),
    preferredDuringSchedulingIgnoredDuringExecution: z
      .array(z.strictObject({ weight: z.number().int().min(1).max(100), preference: termSchema() }))
      .optional(),
  });

const labelSelectorRequirementSchema = () =>
  z
    .strictObject({ key: z.string().min(1), operator: z.enum(LABEL_SELECTOR_OPERATORS as [string, ...string[]]), values: z.array(z.string()).optional() })
    .superRefine(checkSetOperatorValues);

export const labelSelectorSchema = () =>
  z.strictObject({ matchLabels: labelsSchema().optional(), matchExpressions: z.array(labelSelectorRequirementSchema()).optional() });

/** core/v1 TopologySpreadConstraint, with the API's validation (pkg/apis/core/validation validateTopologySpreadConstraints). */
export const topologySpreadConstraintSchema = () =>
  z
    .strictObject({
      maxSkew: z.number().int().min(1).max(LIMITS.count),
      topologyKey: z.string().min(1),
      whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
      labelSelector: labelSelectorSchema().optional(),
      minDomains: z.number().int().min(1).max(LIMITS.count).optional(),
      nodeAffinityPolicy: z.enum(['Honor', 'Ignore']).optional(),
      nodeTaintsPolicy: z.enum(['Honor', 'Ignore']).optional(),
      matchLabelKeys: z.array(z.string().min(1)).optional(),
    })
    .superRefine((c, ctx) => {
      if (c.minDomains !== undefined && c.whenUnsatisfiable !== 'DoNotSchedule') {
        ctx.addIssue({ code: 'custom', path: ['minDomains'], input: c.minDomains, message: 'may only be set with whenUnsatisfiable: DoNotSchedule' });
      }
      const selected = new Set([...Object.keys(c.labelSelector?.matchLabels ?? {}), ...(c.labelSelector?.matchExpressions ?? []).map((r) => r.key)]);
      (c.matchLabelKeys ?? []).forEach((key, i) => {
        if (selected.has(key)) ctx.addIssue({ code: 'custom', path: ['matchLabelKeys', i], input: key, message: 'must not be a key the labelSelector already names' });
      });
    });

const spreadConstraintsSchema = () =>
  z.array(topologySpreadConstraintSchema()).superRefine((cs, ctx) => {
    // validateTopologySpreadConstraints: one constraint per {topologyKey, whenUnsatisfiable}
    const seen = new Set<string>();
    cs.forEach((c, i) => {
      const key = `${c.topologyKey}\u0000${c.whenUnsatisfiable}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'topologyKey'], input: c.topologyKey, message: `another constraint already spreads over ${c.topologyKey} with ${c.whenUnsatisfiable}` });
      seen.add(key);
    });
  });

/** The pod-spec keys a workload (or DaemonSet) may carry. */
export const podPlacementShape = () => ({
  tolerations: z.array(tolerationSchema()).optional(),
  nodeSelector: labelsSchema().optional(),
  affinity: z.strictObject({ nodeAffinity: nodeAffinitySchema().optional() }).optional(),
});

/**
 * core/v1 PodAffinityTerm. The simulation has one namespace: `namespaces` is taken as written and
 * changes nothing; a namespaceSelector or matchLabelKeys would, so they are refused as unknown.
 */
const podAffinityTermSchema = () =>
  z.strictObject({ labelSelector: labelSelectorSchema().optional(), topologyKey: z.string().min(1), namespaces: z.array(z.string()).optional() });

const podAffinitySchema = () =>
  z.strictObject({
    requiredDuringSchedulingIgnoredDuringExecution: z.array(podAffinityTermSchema()).optional(),
    preferredDuringSchedulingIgnoredDuringExecution: z
      .array(z.strictObject({ weight: z.number().int().min(1).max(100), podAffinityTerm: podAffinityTermSchema() }))
      .optional(),
  });

/** A workload's keys: the placement a DaemonSet may have, pod (anti-)affinity, and its spread over topology domains. */
export const workloadPlacementShape = () => ({
  ...podPlacementShape(),
  affinity: z
    .strictObject({ nodeAffinity: nodeAffinitySchema().optional(), podAffinity: podAffinitySchema().optional(), podAntiAffinity: podAffinitySchema().optional() })
    .optional(),
  topologySpreadConstraints: spreadConstraintsSchema().optional(),
});

export const nodeGroupPlacementShape = () => ({
  labels: labelsSchema().optional(),
  taints: z.array(taintSchema()).optional(),
});
