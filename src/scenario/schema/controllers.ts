/** kube-scheduler and cluster-autoscaler settings. */
import { z } from 'zod';
import { parseExpanders } from '../expanders.ts';
import { count, duration, int, positiveInt, ratio } from '../../input/scalars.ts';

export const schedulerSchema = () =>
  z.strictObject({
    scoring: z.enum(['LeastAllocated', 'MostAllocated']).optional(),
    resources: z
      .array(z.strictObject({ name: z.enum(['cpu', 'memory']), weight: positiveInt().max(100) }))
      .min(1)
      .optional(),
  });

/** Named as the cluster-autoscaler flags, camel-cased (`--scale-down-unneeded-time`). */
export const clusterAutoscalerSchema = () =>
  z.strictObject({
    scanInterval: duration().optional(),
    /** one expander or a chain: `priority,least-waste` */
    expander: z
      .string()
      .superRefine((text, ctx) => {
        for (const message of parseExpanders(text).problems) ctx.addIssue({ code: 'custom', message, input: text });
      })
      .optional(),
    scaleDownEnabled: z.boolean().optional(),
    scaleDownUnneededTime: duration().optional(),
    scaleDownUtilizationThreshold: ratio().optional(),
    scaleDownDelayAfterAdd: duration().optional(),
    scaleDownDelayAfterDelete: duration().optional(),
    scaleDownDelayAfterFailure: duration().optional(),
    maxNodeProvisionTime: duration().optional(),
    maxNodesTotal: count().optional(),
    maxNodesPerScaleUp: positiveInt().optional(),
    maxEmptyBulkDelete: positiveInt().optional(),
    expendablePodsPriorityCutoff: int().optional(),
    newPodScaleUpDelay: duration().optional(),
    initialNodeGroupBackoffDuration: duration().optional(),
    maxNodeGroupBackoffDuration: duration().optional(),
    nodeGroupBackoffResetTimeout: duration().optional(),
    /**
     * The binary's own command line (`--scan-interval=10s`, `--nodes=3:200:general`): read into the
     * keys above (and node groups' min/max) by scenario/include/flags.ts before validation.
     */
    flags: z.array(z.string()).optional(),
  });
