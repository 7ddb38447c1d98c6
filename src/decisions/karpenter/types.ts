/**
 * Karpenter's NodePools and settings as its decisions read them (karpenter.sh/v1 NodePool,
 * pkg/apis/v1/nodepool.go), every quantity in base units and every default filled in.
 */
import type { IntOrPercent } from '../disruption/types.ts';

/** The requirement keys a NodePool may constrain here: what picks its offerings. */
export const NODEPOOL_REQUIREMENT_KEYS = ['node.kubernetes.io/instance-type', 'karpenter.sh/capacity-type', 'topology.kubernetes.io/zone'] as const;

export type ConsolidationPolicy = 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
export type CapacityType = 'on-demand' | 'spot';

/** spec.disruption of a NodePool. */
export interface NodePoolDisruption {
  consolidationPolicy: ConsolidationPolicy;
  /** how long a node's pods must have been unchanged before it is consolidated; Infinity = Never */
  consolidateAfterSec: number;
  /** the most restrictive applies; default one budget of 10% of the pool's nodes */
  budgets: IntOrPercent[];
  /** a node older than this is replaced; Infinity = Never */
  expireAfterSec: number;
}

export interface NodePoolSpec {
  name: string;
  /** higher weight is tried first (spec.weight) */
  weight: number;
  /** spec.limits over the pool's nodes (allocatable); Infinity = none */
  limits: { cpuMilli: number; memoryBytes: number };
  disruption: NodePoolDisruption;
  /**
   * What the pool may launch in this cluster, as indices into the cluster's nodeGroups: one
   * offering-group per instance type × capacity type its requirements allow (zone = the cluster).
   */
  offerings: number[];
}

export interface KarpenterSpec {
  /** the batcher: the window closes this long after the last new pending pod ... */
  batchIdleDurationSec: number;
  /** ... or this long after the first, whichever is sooner */
  batchMaxDurationSec: number;
  /** how long an offering whose launch failed (insufficient capacity) is not tried again */
  unavailableOfferingsTtlSec: number;
  /** heaviest first, ties by name (the order the provisioner tries them) */
  nodePools: NodePoolSpec[];
}
