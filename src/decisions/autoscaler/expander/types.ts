/**
 * Expanders answer "which node group?" once the estimator has said how many nodes each group
 * would need. Each is a filter over the expansion options (cluster-autoscaler's expander.Filter):
 * it keeps the options it likes best, ties included; a chain of filters ends in a random pick
 * among whatever ties remain (chain.ts).
 */
import type { ExpanderName } from '../options.ts';
import type { PodInfo } from '../../scheduler/types.ts';
import type { NodeTemplate } from '../estimator/template.ts';

export type { ExpanderName };

/** Scaling one node group up by nodeCount would schedule these pods. */
export interface Option {
  nodeGroup: string;
  nodeCount: number;
  pods: PodInfo[];
  pricePerHour: number;
  /** the priority expander's number for the group: higher wins */
  priority: number;
  template: NodeTemplate;
}

export interface ExpanderContext {
  /** uniform [0, 1); the only source of randomness */
  rng: () => number;
  /** nodes in the cluster now; the price expander sizes its preferred node from it */
  clusterNodeCount: number;
}

export interface ExpanderFilter {
  readonly name: ExpanderName;
  /** The best options, ties included, in input order; empty only if `options` is empty. */
  bestOptions(options: readonly Option[], ctx: ExpanderContext): Option[];
}

/** Sum of the pods' cpu and memory requests. */
export function requestedResources(pods: readonly PodInfo[]): { cpuMilli: number; memoryBytes: number } {
  let cpuMilli = 0;
  let memoryBytes = 0;
  for (const p of pods) {
    cpuMilli += p.cpuMilli;
    memoryBytes += p.memoryBytes;
  }
  return { cpuMilli, memoryBytes };
}

/** Keep the options whose score is the lowest (exact ties all kept), in input order. */
export function keepLowest(options: readonly Option[], score: (o: Option) => number): Option[] {
  let best: Option[] = [];
  let bestScore = Infinity;
  for (const option of options) {
    const s = score(option);
    if (best.length === 0 || s < bestScore) {
      best = [option];
      bestScore = s;
    } else if (s === bestScore) {
      best.push(option);
    }
  }
  return best;
}
