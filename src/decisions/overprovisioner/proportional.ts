/**
 * cluster-proportional-autoscaler's linear controller (pkg/autoscaler/controller/linearcontroller/
 * linear_controller.go), the one function the scenario's validation, `headroom validate` and the
 * simulation size proportional placeholders with:
 *
 *   fromCores = ceil(cores / coresPerReplica), clamped to [min, max]   (1 when coresPerReplica is 0)
 *   fromNodes = ceil(nodes / nodesPerReplica), clamped to [min, max]   (1 when nodesPerReplica is 0)
 *   with preventSinglePointFailure and more than one node, fromNodes is at least 2
 *   replicas   = max(fromCores, fromNodes)
 *
 * Each term is clamped on its own and the single-point-of-failure guard comes after the clamp, so
 * the guard wins over a max of 1, as in the controller. Cores are the nodes' allocatable cpu
 * summed and rounded up to a whole core (the controller sums the Quantities and takes Value(),
 * which rounds up), so 16.9 cores at 16 cores per replica is 17 cores: 2 replicas.
 *
 * Which nodes count is the caller's: schedulable (Ready, not cordoned) nodes, or every registered
 * node with includeUnschedulableNodes.
 */

export interface LinearParams {
  /** cores one replica covers; 0 leaves the term out (it counts as 1) */
  coresPerReplica: number;
  /** nodes one replica covers; 0 leaves the term out (it counts as 1) */
  nodesPerReplica: number;
  /** at least 1 (the controller reads 0 as 1) */
  min: number;
  /** 0 for no maximum */
  max: number;
  preventSinglePointFailure: boolean;
}

/** Whole cores of `cpuMilli` as the controller counts them (Quantity.Value rounds up). */
export function clusterCores(cpuMilli: number): number {
  return Math.ceil(cpuMilli / 1000);
}

export function linearReplicas(nodes: number, cpuMilli: number, p: LinearParams): number {
  const fromCores = replicasFromParam(clusterCores(cpuMilli), p.coresPerReplica, p);
  let fromNodes = replicasFromParam(nodes, p.nodesPerReplica, p);
  if (p.preventSinglePointFailure && nodes > 1 && fromNodes < 2) fromNodes = 2;
  return Math.max(fromCores, fromNodes);
}

/** getExpectedReplicasFromParam: one term, clamped to [min, max]. */
function replicasFromParam(resources: number, perReplica: number, p: LinearParams): number {
  if (perReplica === 0) return 1;
  let replicas = Math.ceil(resources / perReplica);
  if (p.max !== 0) replicas = Math.min(p.max, replicas);
  return Math.max(p.min, replicas);
}
