/** kube-scheduler and cluster-autoscaler settings. */
import { z } from 'zod';
import { parseExpanders } from '../expanders.ts';
import { SCORING_STRATEGIES, type ScoringStrategy } from '../../decisions/scheduler/framework.ts';
import { SCHEDULER_PROFILES, SCORE_PLUGINS } from '../../decisions/scheduler/profile.ts';
import { count, duration, int, positiveInt, ratio } from '../../input/scalars.ts';

export const schedulerSchema = () =>
  z.strictObject({
    scoring: z.enum(SCORING_STRATEGIES as [ScoringStrategy, ...ScoringStrategy[]]).optional(),
    resources: z
      .array(z.strictObject({ name: z.enum(['cpu', 'memory']), weight: positiveInt().max(100) }))
      .min(1)
      .optional(),
    /** RequestedToCapacityRatio's shape (scoringStrategy.requestedToCapacityRatio.shape) */
    shape: z.array(z.strictObject({ utilization: int(), score: int() })).optional(),
    /** a preset: kube-default is kube-scheduler's own default profile */
    profile: z.enum(SCHEDULER_PROFILES).optional(),
    /** a score plugin's weight (plugins.score.enabled[].weight); 0 disables it */
    scoreWeights: z.partialRecord(z.enum(SCORE_PLUGINS), count().max(100)).optional(),
    /** PodTopologySpreadArgs */
    defaultingType: z.enum(['System', 'List']).optional(),
    defaultConstraints: z
      .array(
        z.strictObject({
          maxSkew: positiveInt(),
          topologyKey: z.string().min(1),
          whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
        }),
      )
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
    balanceSimilarNodeGroups: z.boolean().optional(),
    initialNodeGroupBackoffDuration: duration().optional(),
    maxNodeGroupBackoffDuration: duration().optional(),
    nodeGroupBackoffResetTimeout: duration().optional(),
    /**
     * The binary's own command line (`--scan-interval=10s`, `--nodes=3:200:general`): read into the
     * keys above (and node groups' min/max) by scenario/include/flags.ts before validation.
     */
    flags: z.array(z.string()).optional(),
  });
