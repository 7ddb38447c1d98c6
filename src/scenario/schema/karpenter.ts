/**
 * Karpenter: which autoscaler a cluster runs, the controller's settings, and NodePools in the
 * shape of karpenter.sh/v1 (spec.template.spec.requirements, weight, limits, disruption).
 */
import { z } from 'zod';
import { NODEPOOL_REQUIREMENT_KEYS } from '../../decisions/karpenter/types.ts';
import { delaySchema } from './delay.ts';
import { nodeGroupPlacementShape } from './placement.ts';
import { count, cpu, duration, memory, name, ratio } from '../../input/scalars.ts';

export const autoscalerSchema = () => z.enum(['cluster-autoscaler', 'karpenter']);


const requirementSchema = () =>
  z.strictObject({
    key: z.enum(NODEPOOL_REQUIREMENT_KEYS),
    operator: z.enum(['In', 'NotIn']),
    values: z.array(z.string().min(1)).min(1),
  });

/** "Never" or a duration, as a NodePool writes consolidateAfter and expireAfter. */
const durationOrNever = () => z.union([z.literal('Never'), duration()]);

/** A NodePool budget: a count or a whole percentage of the pool's nodes (the CRD writes both as strings). */
const budgetSchema = () =>
  z.strictObject({
    nodes: z.union([count(), z.string().regex(/^\d+%?$/, { error: (iss) => `expected a count or a whole percentage such as "10%", got ${JSON.stringify(iss.input)}` })]),
  });

export const nodePoolSchema = () =>
  z.strictObject({
    name: name(),
    weight: count().max(100).optional(),
    requirements: z.array(requirementSchema()).optional(),
    limits: z.strictObject({ cpu: cpu().optional(), memory: memory().optional() }).optional(),
    /** launch to Ready of the pool's nodes; absent = the node group's of the type, else the first node group's */
    provisioningDelay: delaySchema().optional(),
    disruption: z
      .strictObject({
        consolidationPolicy: z.enum(['WhenEmpty', 'WhenEmptyOrUnderutilized']).optional(),
        consolidateAfter: durationOrNever().optional(),
        budgets: z.array(budgetSchema()).min(1).optional(),
        expireAfter: durationOrNever().optional(),
      })
      .optional(),
    /** spec.template.metadata.labels and spec.template.spec.taints */
    ...nodeGroupPlacementShape(),
  });

/** The controller's settings (its environment), and what offerings cost and how spot behaves. */
export const karpenterSchema = () =>
  z.strictObject({
    batchIdleDuration: duration().optional(),
    batchMaxDuration: duration().optional(),
    unavailableOfferingsTTL: duration().optional(),
    /** the region whose on-demand prices the catalogue's instance types take */
    region: z.string().min(1).optional(),
    spot: z
      .strictObject({
        /** spot price as a share of on-demand, where no spot node group of the type gives it */
        priceRatio: ratio().optional(),
        interruptionRate: ratio().optional(),
        interruptionNotice: duration().optional(),
      })
      .optional(),
  });
