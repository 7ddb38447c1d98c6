/** Taints, tolerations, nodeSelector and node affinity, in the pod spec's shapes (k8s.io/api/core/v1). */
import { z } from 'zod';
import { NODE_SELECTOR_OPERATORS, TAINT_EFFECTS } from '../../decisions/scheduler/placement.ts';

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

const requirementSchema = () =>
  z
    .strictObject({ key: z.string().min(1), operator: z.enum(NODE_SELECTOR_OPERATORS as [string, ...string[]]), values: z.array(z.string()).optional() })
    .superRefine((r, ctx) => {
      // API validation (ValidateNodeSelectorRequirement)
      const n = r.values?.length ?? 0;
      if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) {
        ctx.addIssue({ code: 'custom', path: ['values'], input: r.values, message: `must be given for operator ${r.operator}` });
      }
      if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) {
        ctx.addIssue({ code: 'custom', path: ['values'], input: r.values, message: `must be empty for operator ${r.operator}` });
      }
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

/** The pod-spec keys a workload (or DaemonSet) may carry. */
export const podPlacementShape = () => ({
  tolerations: z.array(tolerationSchema()).optional(),
  nodeSelector: labelsSchema().optional(),
  affinity: z.strictObject({ nodeAffinity: nodeAffinitySchema().optional() }).optional(),
});

export const nodeGroupPlacementShape = () => ({
  labels: labelsSchema().optional(),
  taints: z.array(taintSchema()).optional(),
});
