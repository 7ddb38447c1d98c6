/** The scheduler profile a cluster runs: NodeResourcesFit's strategy and resource weights, and preemption's policy names. */

import type { ResourceSpec, ScoringStrategy } from './framework.ts';

export type { ScoringStrategy };
export type PreemptionPolicy = 'PreemptLowerPriority' | 'Never';

export interface SchedulerSpec {
  scoring: ScoringStrategy;
  /** NodeResourcesFit resources and weights; default cpu:1, memory:1 */
  resources: ResourceSpec[];
}
