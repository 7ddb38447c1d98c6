/**
 * When a batch of pending pods closes (kubernetes-sigs/karpenter
 * pkg/controllers/provisioning/batcher.go): batchIdleDuration after the last new pod, but no
 * later than batchMaxDuration after the first.
 */
export function batchClosesAt(openedAtSec: number, lastPodAtSec: number, spec: { batchIdleDurationSec: number; batchMaxDurationSec: number }): number {
  return Math.min(lastPodAtSec + spec.batchIdleDurationSec, openedAtSec + spec.batchMaxDurationSec);
}
