/**
 * LeastAllocated: favour the node with the most room left after the pod, spreading load.
 * Integer arithmetic as kube-scheduler's leastRequestedScore (Go int64 division truncates).
 */
import { MAX_NODE_SCORE } from '../../framework.ts';

export const NAME = 'LeastAllocated';

/** (capacity - requested) * 100 / capacity, 0 once the node is full or over-committed. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}
