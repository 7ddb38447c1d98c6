/** kube-scheduler and cluster-autoscaler settings with their defaults. */
import type { z } from 'zod';
import { NODE_GROUP_BACKOFF } from '../../decisions/defaults.ts';
import { CLUSTER_AUTOSCALER_DEFAULTS } from '../defaults.ts';
import { resolveProfile } from '../../decisions/scheduler/profile.ts';
import type { clusterAutoscalerSchema, schedulerSchema } from '../schema/controllers.ts';
import { parseExpanders } from '../expanders.ts';
import type { ClusterAutoscalerSpec, SchedulerSpec } from '../types.ts';
import { type At, type IssueSink, ratio, sec } from './context.ts';

export type RawScheduler = z.output<ReturnType<typeof schedulerSchema>>;
export type RawClusterAutoscaler = z.output<ReturnType<typeof clusterAutoscalerSchema>>;

export function normalizeScheduler(raw: RawScheduler | undefined, at: At, sink: IssueSink): SchedulerSpec {
  return resolveProfile(raw ?? {}, (path, message) => sink.add(at(path), message));
}

export function normalizeClusterAutoscaler(raw: RawClusterAutoscaler | undefined, at: At, sink: IssueSink): ClusterAutoscalerSpec {
  const d = CLUSTER_AUTOSCALER_DEFAULTS;
  const dur = (v: string | number | undefined, fallback: number) => (v === undefined ? fallback : sec(v));
  const scanIntervalSec = dur(raw?.scanInterval, d.scanIntervalSec);
  if (scanIntervalSec <= 0) sink.add(at(['scanInterval']), 'scanInterval must be greater than 0');
  const threshold = raw?.scaleDownUtilizationThreshold === undefined ? d.scaleDownUtilizationThreshold : ratio(raw.scaleDownUtilizationThreshold);
  if (threshold > 1) sink.add(at(['scaleDownUtilizationThreshold']), `must be a fraction between 0 and 1, got ${threshold}`);
  const maxNodeProvisionTimeSec = dur(raw?.maxNodeProvisionTime, d.maxNodeProvisionTimeSec);
  if (maxNodeProvisionTimeSec <= 0) sink.add(at(['maxNodeProvisionTime']), 'maxNodeProvisionTime must be greater than 0');
  const spec: ClusterAutoscalerSpec = {
    scanIntervalSec,
    // the schema has reported any problem with the chain
    expanders: raw?.expander === undefined ? [...d.expanders] : parseExpanders(raw.expander).expanders,
    scaleDownEnabled: raw?.scaleDownEnabled ?? d.scaleDownEnabled,
    scaleDownUnneededTimeSec: dur(raw?.scaleDownUnneededTime, d.scaleDownUnneededTimeSec),
    scaleDownUtilizationThreshold: threshold,
    scaleDownDelayAfterAddSec: dur(raw?.scaleDownDelayAfterAdd, d.scaleDownDelayAfterAddSec),
    // --scale-down-delay-after-delete defaults to the scan interval
    scaleDownDelayAfterDeleteSec: dur(raw?.scaleDownDelayAfterDelete, scanIntervalSec),
    scaleDownDelayAfterFailureSec: dur(raw?.scaleDownDelayAfterFailure, d.scaleDownDelayAfterFailureSec),
    maxNodeProvisionTimeSec,
    maxNodesTotal: raw?.maxNodesTotal === undefined || raw.maxNodesTotal === 0 ? d.maxNodesTotal : raw.maxNodesTotal,
    maxNodesPerScaleUp: raw?.maxNodesPerScaleUp ?? d.maxNodesPerScaleUp,
    maxEmptyBulkDelete: raw?.maxEmptyBulkDelete ?? d.maxEmptyBulkDelete,
    expendablePodsPriorityCutoff: raw?.expendablePodsPriorityCutoff ?? d.expendablePodsPriorityCutoff,
    newPodScaleUpDelaySec: dur(raw?.newPodScaleUpDelay, d.newPodScaleUpDelaySec),
  };
  // Only a scenario that turns balancing on gains the key, so every other keeps its hash.
  if (raw?.balanceSimilarNodeGroups === true) spec.balanceSimilarNodeGroups = true;
  // Only a scenario that sets one of the backoff flags gains the key, so every other keeps its hash.
  if (raw?.initialNodeGroupBackoffDuration !== undefined || raw?.maxNodeGroupBackoffDuration !== undefined || raw?.nodeGroupBackoffResetTimeout !== undefined) {
    const b = NODE_GROUP_BACKOFF;
    spec.nodeGroupBackoff = {
      initialSec: dur(raw.initialNodeGroupBackoffDuration, b.initialSec),
      maxSec: dur(raw.maxNodeGroupBackoffDuration, b.maxSec),
      resetTimeoutSec: dur(raw.nodeGroupBackoffResetTimeout, b.resetTimeoutSec),
    };
    if (spec.nodeGroupBackoff.maxSec < spec.nodeGroupBackoff.initialSec) sink.add(at(['maxNodeGroupBackoffDuration']), 'must be at least initialNodeGroupBackoffDuration');
  }
  return spec;
}
