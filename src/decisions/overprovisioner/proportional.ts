/**
 * cluster-proportional-autoscaler, linear mode: replicas grow with the cluster's cores and nodes.
 *   replicas = max(ceil(cores / coresPerReplica), ceil(nodes / nodesPerReplica)),
 * at least 2 when preventSinglePointFailure is set and there is more than one node, then clamped
 * to [min, max]. A parameter of 0 leaves its term out, as the controller does.
 */
export interface LinearParams {
  coresPerReplica: number;
  nodesPerReplica: number;
  min: number;
  max: number;
  preventSinglePointFailure: boolean;
}

export function linearReplicas(cores: number, nodes: number, p: LinearParams): number {
  const byCores = p.coresPerReplica > 0 ? Math.ceil(cores / p.coresPerReplica) : 0;
  const byNodes = p.nodesPerReplica > 0 ? Math.ceil(nodes / p.nodesPerReplica) : 0;
  let replicas = Math.max(byCores, byNodes);
  if (p.preventSinglePointFailure && nodes > 1 && replicas < 2) replicas = 2;
  if (replicas < p.min) replicas = p.min;
  if (p.max > 0 && replicas > p.max) replicas = p.max;
  return replicas;
}
