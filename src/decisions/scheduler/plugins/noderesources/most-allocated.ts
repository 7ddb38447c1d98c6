/**
 * MostAllocated: favour the fullest node that still fits, packing pods onto fewer nodes.
 * Integer arithmetic as kube-scheduler's mostRequestedScore.
 */
import { MAX_NODE_SCORE } from '../../framework.ts';

export const NAME = 'MostAllocated';

/**
 * requested * 100 / capacity. `requested` can exceed `capacity` because scoring charges pods that
 * name no request at the non-zero defaults; such a node counts as full.
 */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  const r = requested > capacity ? capacity : requested;
  return Math.floor((r * MAX_NODE_SCORE) / capacity);
}
