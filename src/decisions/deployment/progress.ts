/**
 * Whether a rollout moves, is done or is stuck (pkg/controller/deployment/util/deployment_util.go:
 * DeploymentProgressing, DeploymentComplete, DeploymentTimedOut).
 */

/** The Deployment's status counts: every pod, the new template's, Ready, available. */
export interface DeploymentStatusCounts {
  replicas: number;
  updated: number;
  ready: number;
  available: number;
}

/** Progress: more updated, ready or available pods, or fewer old ones. */
export function deploymentProgressing(prev: DeploymentStatusCounts, next: DeploymentStatusCounts): boolean {
  const oldBefore = prev.replicas - prev.updated;
  const oldNow = next.replicas - next.updated;
  return next.updated > prev.updated || oldNow < oldBefore || next.ready > prev.ready || next.available > prev.available;
}

/** Complete: every replica is of the new template and available, and no other pod is left. */
export function deploymentComplete(replicas: number, s: DeploymentStatusCounts): boolean {
  return s.updated === replicas && s.replicas === replicas && s.available === replicas;
}

/** Timed out: no progress for longer than progressDeadlineSeconds (strictly past it). */
export function deploymentTimedOut(lastProgressSec: number, nowSec: number, progressDeadlineSec: number): boolean {
  return lastProgressSec + progressDeadlineSec < nowSec;
}
