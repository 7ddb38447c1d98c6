/**
 * maxSurge and maxUnavailable as the Deployment controller resolves them
 * (pkg/controller/deployment/util/deployment_util.go, ResolveFenceposts, MaxSurge, MaxUnavailable):
 * a percentage of the desired replicas, surge rounded up and unavailable rounded down; when both
 * come to 0 (a percentage rounded down), one pod may be unavailable, or the rollout could never move.
 * Both written as 0 is refused by validation (apps validation: "may not be 0 when maxSurge is 0").
 */
import { scaledValue } from '../disruption/pdb-status.ts';
import type { DeploymentSnapshot, IntOrPercent } from './types.ts';

export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: DeploymentSnapshot): number {
  if (d.strategy.type !== 'RollingUpdate') return 0;
  return resolveFenceposts(d.strategy.maxSurge, d.strategy.maxUnavailable, d.replicas).surge;
}

/** MaxUnavailable: 0 for Recreate or no replicas, never more than the replicas. */
export function maxUnavailable(d: DeploymentSnapshot): number {
  if (d.strategy.type !== 'RollingUpdate' || d.replicas === 0) return 0;
  const { unavailable } = resolveFenceposts(d.strategy.maxSurge, d.strategy.maxUnavailable, d.replicas);
  return Math.min(unavailable, d.replicas);
}

/** True when both are written as 0: the API refuses such a Deployment. */
export function bothZero(maxSurgeValue: IntOrPercent, maxUnavailableValue: IntOrPercent): boolean {
  return maxSurgeValue.value === 0 && maxUnavailableValue.value === 0;
}
