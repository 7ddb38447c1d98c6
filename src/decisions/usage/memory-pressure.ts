/**
 * Node-pressure eviction for memory: when a node's pods use more memory than it has allocatable,
 * the kubelet evicts them in rankMemoryPressure's order (pkg/kubelet/eviction/helpers.go:
 * orderedBy(exceedMemoryRequests, priority, memory)): pods using more than they request first,
 * then lower priority first, then the larger use above the request first. The kubelet evicts one
 * pod per monitoring pass and looks again; evicting down the ranking until the node fits is that
 * loop run to its end.
 */

export interface MemoryPressurePod {
  usageBytes: number;
  requestBytes: number;
  priority: number;
}

/** rankMemoryPressure's comparator: negative when `a` is evicted before `b`. */
export function compareMemoryPressure(a: MemoryPressurePod, b: MemoryPressurePod): number {
  const aOver = a.usageBytes > a.requestBytes;
  const bOver = b.usageBytes > b.requestBytes;
  if (aOver !== bOver) return aOver ? -1 : 1;
  if (a.priority !== b.priority) return a.priority - b.priority;
  return b.usageBytes - b.requestBytes - (a.usageBytes - a.requestBytes);
}

/**
 * The pods (indices into `pods`, in eviction order) the kubelet evicts from a node using
 * `usedBytes` of `allocatableBytes`: down the ranking until what is left fits. Ties keep the
 * input order (a stable sort), so a run is reproducible.
 */
export function memoryPressureVictims(pods: readonly MemoryPressurePod[], usedBytes: number, allocatableBytes: number): number[] {
  if (usedBytes <= allocatableBytes) return [];
  const order = pods.map((_, i) => i).sort((i, j) => compareMemoryPressure(pods[i], pods[j]) || i - j);
  const victims: number[] = [];
  let used = usedBytes;
  for (const i of order) {
    if (used <= allocatableBytes) break;
    victims.push(i);
    used -= pods[i].usageBytes;
  }
  return victims;
}
