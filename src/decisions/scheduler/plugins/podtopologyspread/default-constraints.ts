/**
 * PodTopologySpread's default constraints (podtopologyspread/common.go buildDefaultConstraints):
 * a pod that gives no topologySpreadConstraints of its own spreads by the profile's defaults,
 * each with the selector of the workload it belongs to (helper.DefaultSelector merges the
 * selectors of the Services, ReplicaSets and StatefulSets that own or select it). A pod no such
 * object selects, a DaemonSet's, gets none.
 *
 * headroom resolves the defaults once per Deployment and cluster, when the pod template is built,
 * rather than in every scheduling cycle: a Deployment's pods share one template, its selector is
 * its template's labels, and every decision that reads constraints (the filters, the scores,
 * preemption, the autoscaler's estimator, `headroom decide schedule`) then sees the same ones.
 */
import type { DefaultConstraint } from '../../profile.ts';
import type { Placement, TopologySpreadConstraint } from '../../placement.ts';

/**
 * The placement the pod schedules with: `placement` itself when it gives constraints or there are
 * no defaults, else a copy with the defaults selecting `selectorLabels`.
 */
export function withDefaultConstraints(
  placement: Placement | undefined,
  defaults: readonly DefaultConstraint[] | undefined,
  selectorLabels: Readonly<Record<string, string>>,
): Placement | undefined {
  if (defaults === undefined || defaults.length === 0) return placement;
  if ((placement?.topologySpreadConstraints?.length ?? 0) > 0) return placement;
  if (Object.keys(selectorLabels).length === 0) return placement;
  const labelSelector = { matchLabels: { ...selectorLabels } };
  const topologySpreadConstraints: TopologySpreadConstraint[] = defaults.map((c) => ({ ...c, labelSelector }));
  return { ...placement, topologySpreadConstraints };
}
