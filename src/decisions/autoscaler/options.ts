/** The cluster-autoscaler's options (its command-line flags), as the decisions read them. */
import type { BackoffOptions } from './backoff.ts';

export type ExpanderName = 'random' | 'least-waste' | 'most-pods' | 'price' | 'priority';

export interface ClusterAutoscalerSpec {
  scanIntervalSec: number;
  /** a chain: each filters the options, the last one's ties are broken at random */
  expanders: ExpanderName[];
  scaleDownEnabled: boolean;
  scaleDownUnneededTimeSec: number;
  scaleDownUtilizationThreshold: number;
  scaleDownDelayAfterAddSec: number;
  scaleDownDelayAfterDeleteSec: number;
  scaleDownDelayAfterFailureSec: number;
  maxNodeProvisionTimeSec: number;
  maxNodesTotal: number;
  maxNodesPerScaleUp: number;
  maxEmptyBulkDelete: number;
  /** pods below this priority are expendable: never trigger scale-up, never block scale-down */
  expendablePodsPriorityCutoff: number;
  /** new pods younger than this are not yet considered for scale-up */
  newPodScaleUpDelaySec: number;
  /** the node-group backoff flags; absent = their defaults (decisions/defaults.ts NODE_GROUP_BACKOFF) */
  nodeGroupBackoff?: BackoffOptions;
}
