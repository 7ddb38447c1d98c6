/**
 * The cluster-autoscaler's command-line flags (cluster-autoscaler/config/flags): which ones the
 * simulation follows, into which scenario key, and which real flags it knows but does not model.
 */

export type FlagType = 'duration' | 'bool' | 'int' | 'float' | 'string' | 'nodes';

export interface SimulatedFlag {
  /** the clusterAutoscaler key it sets; none for --nodes, which sets a node group's min and max */
  key?: string;
  type: FlagType;
}

export const SIMULATED_FLAGS: Record<string, SimulatedFlag> = {
  'scan-interval': { key: 'scanInterval', type: 'duration' },
  expander: { key: 'expander', type: 'string' },
  'scale-down-enabled': { key: 'scaleDownEnabled', type: 'bool' },
  'scale-down-unneeded-time': { key: 'scaleDownUnneededTime', type: 'duration' },
  'scale-down-utilization-threshold': { key: 'scaleDownUtilizationThreshold', type: 'float' },
  'scale-down-delay-after-add': { key: 'scaleDownDelayAfterAdd', type: 'duration' },
  'scale-down-delay-after-delete': { key: 'scaleDownDelayAfterDelete', type: 'duration' },
  'scale-down-delay-after-failure': { key: 'scaleDownDelayAfterFailure', type: 'duration' },
  'max-node-provision-time': { key: 'maxNodeProvisionTime', type: 'duration' },
  'max-nodes-total': { key: 'maxNodesTotal', type: 'int' },
  'max-nodes-per-scaleup': { key: 'maxNodesPerScaleUp', type: 'int' },
  // Older releases bound empty-node deletion with --max-empty-bulk-delete; newer ones with
  // --max-scale-down-parallelism. Both set how many nodes go at once.
  'max-empty-bulk-delete': { key: 'maxEmptyBulkDelete', type: 'int' },
  'max-scale-down-parallelism': { key: 'maxEmptyBulkDelete', type: 'int' },
  'expendable-pods-priority-cutoff': { key: 'expendablePodsPriorityCutoff', type: 'int' },
  'new-pod-scale-up-delay': { key: 'newPodScaleUpDelay', type: 'duration' },
  'initial-node-group-backoff-duration': { key: 'initialNodeGroupBackoffDuration', type: 'duration' },
  'max-node-group-backoff-duration': { key: 'maxNodeGroupBackoffDuration', type: 'duration' },
  'node-group-backoff-reset-timeout': { key: 'nodeGroupBackoffResetTimeout', type: 'duration' },
  nodes: { type: 'nodes' },
};

/**
 * The binary's defaults for what the scenario's defaults do not already match. The scenario's
 * own default expander is `random` (the binary's until 2025); the binary now defaults to
 * least-waste (kubernetes/autoscaler#7631), so a flags list without --expander means least-waste.
 */
export const BINARY_DEFAULTS: Record<string, string> = {
  expander: 'least-waste',
};

/** Real flags (and klog's) that change nothing the simulation models. */
export const KNOWN_UNSIMULATED_FLAGS: ReadonlySet<string> = new Set([
  'address', 'alsologtostderr', 'async-node-groups', 'aws-use-static-instance-list', 'balance-similar-node-groups',
  'balancing-ignore-label', 'balancing-label', 'blocking-system-pod-distruption-timeout', 'bulk-mig-instances-listing-enabled',
  'bypassed-scheduler-names', 'capacity-buffer-controller-enabled', 'capacity-buffer-pod-injection-enabled',
  'check-capacity-batch-processing', 'cloud-config', 'cloud-provider', 'cluster-name', 'cluster-snapshot-parallelism',
  'clusterapi-cloud-config-authoritative', 'cordon-node-before-terminating', 'cores-total', 'daemonset-eviction-for-empty-nodes',
  'daemonset-eviction-for-occupied-nodes', 'debugging-snapshot-enabled', 'drain-priority-config', 'dynamic-node-delete-delay-after-taint-enabled',
  'emit-per-nodegroup-metrics', 'enable-dynamic-resource-allocation', 'enable-proactive-scaleup', 'enable-provisioning-requests',
  'enforce-node-group-min-size', 'estimator', 'force-delete-failed-nodes', 'force-delete-unregistered-nodes', 'force-ds',
  'frequent-loops-enabled', 'gce-concurrent-refreshes', 'gpu-total', 'grpc-expander-cert', 'grpc-expander-url',
  'ignore-daemonsets-utilization', 'ignore-mirror-pods-utilization', 'ignore-taint',
  'kube-api-content-type', 'kube-client-burst', 'kube-client-qps', 'kubeconfig', 'kubernetes', 'leader-elect',
  'leader-elect-lease-duration', 'leader-elect-renew-deadline', 'leader-elect-resource-lock', 'leader-elect-resource-name',
  'leader-elect-resource-namespace', 'leader-elect-retry-period', 'log-backtrace-at', 'log-dir', 'log-file', 'log-file-max-size',
  'logtostderr', 'max-allocatable-difference-ratio', 'max-binpacking-time', 'max-bulk-soft-taint-count', 'max-bulk-soft-taint-time',
  'max-drain-parallelism', 'max-failing-time', 'max-free-difference-ratio', 'max-graceful-termination-sec', 'max-inactivity',
  'max-nodegroup-binpacking-duration', 'max-pod-eviction-time', 'max-total-unready-percentage',
  'memory-difference-ratio', 'memory-total', 'min-replica-count', 'namespace', 'node-autoprovisioning-enabled',
  'node-delete-delay-after-taint', 'node-deletion-batcher-interval', 'node-deletion-delay-timeout', 'node-group-auto-discovery',
  'node-info-cache-expire-time', 'ok-total-unready-count', 'one-output', 'parallel-scale-up',
  'pod-injection-limit', 'predicate-parallelism', 'profiling', 'record-duplicated-events', 'regional', 'scale-down-candidates-pool-min-count',
  'scale-down-candidates-pool-ratio', 'scale-down-delay-type-local', 'scale-down-gpu-utilization-threshold', 'scale-down-non-empty-candidates-count',
  'scale-down-simulation-timeout', 'scale-down-unready-enabled', 'scale-down-unready-time', 'scale-from-unschedulable', 'scale-up-from-zero',
  'scheduler-config-file', 'skip-headers', 'skip-log-headers', 'skip-nodes-with-custom-controller-pods', 'skip-nodes-with-local-storage',
  'skip-nodes-with-system-pods', 'startup-taint', 'status-config-map-name', 'status-taint', 'stderrthreshold', 'unremovable-node-recheck-timeout',
  'user-agent', 'v', 'vmodule', 'write-status-configmap',
]);
