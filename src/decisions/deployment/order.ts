/** The orders the Deployment controller sorts ReplicaSets in (pkg/controller/controller_utils.go). */
import type { ReplicaSetSnapshot } from './types.ts';

/** ReplicaSetsByCreationTimestamp: oldest first. */
export function byCreation(rss: readonly ReplicaSetSnapshot[], indices: readonly number[]): number[] {
  return [...indices].sort((a, b) => rss[a].created - rss[b].created || a - b);
}

/** ReplicaSetsBySizeNewer: largest first, ties newest first (where a scale-up goes first). */
export function bySizeNewer(rss: readonly ReplicaSetSnapshot[], indices: readonly number[]): number[] {
  return [...indices].sort((a, b) => rss[b].replicas - rss[a].replicas || rss[b].created - rss[a].created || b - a);
}

/** ReplicaSetsBySizeOlder: largest first, ties oldest first (where a scale-down goes first). */
export function bySizeOlder(rss: readonly ReplicaSetSnapshot[], indices: readonly number[]): number[] {
  return [...indices].sort((a, b) => rss[b].replicas - rss[a].replicas || rss[a].created - rss[b].created || a - b);
}

export function replicaCount(rss: readonly ReplicaSetSnapshot[], indices: readonly number[]): number {
  let n = 0;
  for (const i of indices) n += rss[i].replicas;
  return n;
}

export function availableCount(rss: readonly ReplicaSetSnapshot[], indices: readonly number[]): number {
  let n = 0;
  for (const i of indices) n += rss[i].available;
  return n;
}
