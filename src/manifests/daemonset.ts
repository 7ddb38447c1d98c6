/**
 * apps/v1 DaemonSet -> an entry of the scenario's daemonSets: the pod's effective requests (as the
 * scheduler charges them, pod-requests.ts) and the placement fields that pick its nodes
 * (nodeSelector, tolerations). The DaemonSet controller makes one such pod per node those allow.
 */
import { placementOf } from './deployment.ts';
import { podRequests } from './pod-requests.ts';
import type { ManifestProblems } from './problems.ts';
import type { KubeObject } from './read.ts';
import { daemonSetManifestSchema } from './schema.ts';
import type { DaemonSetInfo } from './types.ts';

export function readDaemonSet(obj: KubeObject, problems: ManifestProblems): DaemonSetInfo | undefined {
  const d = problems.check(obj, daemonSetManifestSchema());
  if (!d) return undefined;
  const pod = d.spec.template.spec;
  const info: DaemonSetInfo = { name: d.metadata.name, source: obj.source, requests: podRequests(pod) };
  // the placement fields as a Deployment's are read; a DaemonSets entry takes these two
  const placement = placementOf(pod);
  if (placement?.nodeSelector !== undefined) info.nodeSelector = { ...(placement.nodeSelector as Record<string, string>) };
  if (placement?.tolerations !== undefined) info.tolerations = structuredClone(placement.tolerations as unknown[]);
  return info;
}
