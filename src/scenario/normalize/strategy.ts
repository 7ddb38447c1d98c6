/**
 * A Deployment's rollout settings (strategy, maxSurge, maxUnavailable, minReadySeconds,
 * progressDeadlineSeconds), over a base: the Deployment controller's defaults, or for a rollout
 * the workload's own. apps/v1 validation: both fenceposts 0 refused, maxUnavailable at most 100%,
 * the deadline longer than minReady.
 */
import { DEPLOYMENT_DEFAULTS } from '../../decisions/defaults.ts';
import { bothZero } from '../../decisions/deployment/fenceposts.ts';
import type { KeyPath } from '../../input/document.ts';
import { formatDuration } from '../../quantity.ts';
import type { DeploymentRolloutSpec, IntOrPercent } from '../types.ts';
import { type IssueSink, sec } from './context.ts';
import { intOrPercent } from './disruption.ts';

export interface RawStrategy {
  type?: 'RollingUpdate' | 'Recreate';
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  minReady?: number | string;
  progressDeadline?: number | string;
}

export const DEFAULT_ROLLOUT: DeploymentRolloutSpec = {
  strategy: {
    type: 'RollingUpdate',
    maxSurge: { kind: 'percent', value: DEPLOYMENT_DEFAULTS.maxSurgePercent },
    maxUnavailable: { kind: 'percent', value: DEPLOYMENT_DEFAULTS.maxUnavailablePercent },
  },
  minReadySec: DEPLOYMENT_DEFAULTS.minReadySec,
  progressDeadlineSec: DEPLOYMENT_DEFAULTS.progressDeadlineSec,
};

/** `at` gives each key's place in the file. */
export function normalizeStrategy(r: RawStrategy, at: (key: keyof RawStrategy) => KeyPath, sink: IssueSink, base: DeploymentRolloutSpec = DEFAULT_ROLLOUT): DeploymentRolloutSpec {
  const type = r.type ?? base.strategy.type;
  if (type === 'Recreate') {
    for (const key of ['maxSurge', 'maxUnavailable'] as const) {
      if (r[key] !== undefined) sink.add(at(key), `${key} is a RollingUpdate setting; the strategy is Recreate`, true);
    }
  }
  const fallback = base.strategy.type === 'RollingUpdate' ? base.strategy : (DEFAULT_ROLLOUT.strategy as Extract<DeploymentRolloutSpec['strategy'], { type: 'RollingUpdate' }>);
  // apps/v1 validation caps maxUnavailable at 100%, not maxSurge
  const surge: IntOrPercent =
    r.maxSurge === undefined ? fallback.maxSurge : typeof r.maxSurge === 'number' ? { kind: 'count', value: r.maxSurge } : { kind: 'percent', value: Number(r.maxSurge.slice(0, -1)) };
  const unavailable: IntOrPercent = r.maxUnavailable === undefined ? fallback.maxUnavailable : intOrPercent(r.maxUnavailable, at('maxUnavailable'), sink);
  if (type === 'RollingUpdate' && bothZero(surge, unavailable)) sink.add(at('maxUnavailable'), 'may not be 0 when maxSurge is 0: the rollout could never replace a pod');
  const minReadySec = r.minReady === undefined ? base.minReadySec : sec(r.minReady);
  const progressDeadlineSec = r.progressDeadline === undefined ? base.progressDeadlineSec : sec(r.progressDeadline);
  if (progressDeadlineSec <= minReadySec) sink.add(at('progressDeadline'), `must be longer than minReady (${formatDuration(minReadySec)})`);
  return {
    strategy: type === 'Recreate' ? { type } : { type, maxSurge: surge, maxUnavailable: unavailable },
    minReadySec,
    progressDeadlineSec,
  };
}
