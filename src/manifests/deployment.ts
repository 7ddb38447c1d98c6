/**
 * apps/v1 Deployment -> a workload (replicas, the pod's effective requests, priority class, grace,
 * pod labels, headroom annotations), a placeholder deployment (pause pods, or the
 * cluster-overprovisioner chart's), or the cluster-autoscaler itself (whose flags are its config).
 */
import { DEPLOYMENT_REPLICAS } from '../decisions/defaults.ts';
import { readAnnotations } from './annotations.ts';
import { partlyLimited, podLimits, podRequests } from './pod-requests.ts';
import type { ManifestProblems } from './problems.ts';
import type { KubeObject } from './read.ts';
import { deploymentSchema, type RawContainer, type RawDeployment } from './schema.ts';
import type { ClusterAutoscalerInfo, DeploymentInfo, PlaceholderInfo } from './types.ts';

/** The label the cluster-overprovisioner chart puts on its pods. */
export const OVERPROVISIONER_LABEL = 'app.cluster-overprovisioner/deployment';

const PAUSE_IMAGE = /(^|\/)pause(:|@|$)/;
const CLUSTER_AUTOSCALER_IMAGE = /(^|\/)cluster-autoscaler(:|@|$)/;

const SPEC = ['spec', 'template', 'spec'] as const;

export type DeploymentRead =
  | { kind: 'workload'; info: DeploymentInfo }
  | { kind: 'placeholder'; info: PlaceholderInfo }
  | { kind: 'cluster-autoscaler'; info: ClusterAutoscalerInfo };

export function readDeployment(obj: KubeObject, problems: ManifestProblems): DeploymentRead | undefined {
  const d = problems.check(obj, deploymentSchema());
  if (!d) return undefined;
  const pod = d.spec.template.spec;
  const labels = { ...(d.spec.template.metadata?.labels ?? {}) };
  const requests = podRequests(pod);
  const containers = [...pod.containers, ...(pod.initContainers ?? [])];

  const autoscaler = containers.find((c) => c.image !== undefined && CLUSTER_AUTOSCALER_IMAGE.test(c.image));
  if (autoscaler) {
    return { kind: 'cluster-autoscaler', info: { name: d.metadata.name, source: obj.source, flags: commandLineFlags(autoscaler) } };
  }


  const isPlaceholder = labels[OVERPROVISIONER_LABEL] !== undefined || pod.containers.every((c) => c.image !== undefined && PAUSE_IMAGE.test(c.image));
  if (isPlaceholder) {
    return {
      kind: 'placeholder',
      info: {
        name: d.metadata.name,
        source: obj.source,
        replicas: d.spec.replicas ?? DEPLOYMENT_REPLICAS,
        requests,
        priorityClassName: pod.priorityClassName,
        terminationGracePeriodSec: pod.terminationGracePeriodSeconds,
        paths: {
          name: ['metadata', 'name'],
          replicas: ['spec', 'replicas'],
          requests: [...SPEC, 'containers'],
          priorityClass: [...SPEC, 'priorityClassName'],
          terminationGracePeriod: [...SPEC, 'terminationGracePeriodSeconds'],
        },
      },
    };
  }

  const annotations = readAnnotations(
    [
      { annotations: d.metadata.annotations, path: ['metadata', 'annotations'] },
      { annotations: d.spec.template.metadata?.annotations, path: ['spec', 'template', 'metadata', 'annotations'] },
    ],
    obj.source,
    problems,
  );
  const info: DeploymentInfo = { name: d.metadata.name, source: obj.source, requests, labels, annotations };
  const limits = podLimits(pod);
  if (limits.cpuMilli !== undefined || limits.memoryBytes !== undefined) info.limits = limits;
  const partly = partlyLimited(pod, limits);
  if (partly.length > 0) {
    const what = partly.join(' and ');
    problems.warn(obj.source, [...SPEC, 'containers'], `some containers limit ${what} and some do not: the pod has no ${what} limit as a whole (kubelet's pod cgroup), and one container's own limit is not simulated`);
  }
  if (d.spec.replicas !== undefined) info.replicas = d.spec.replicas;
  if (pod.priorityClassName !== undefined) info.priorityClassName = pod.priorityClassName;
  if (pod.terminationGracePeriodSeconds !== undefined) info.terminationGracePeriodSec = pod.terminationGracePeriodSeconds;
  const placement = placementOf(pod);
  if (placement !== undefined) info.placement = placement;
  const st = d.spec.strategy;
  if (st !== undefined) {
    const strategy: NonNullable<DeploymentInfo['strategy']> = {};
    if (st.type !== undefined) strategy.type = st.type;
    if (st.rollingUpdate?.maxSurge !== undefined) strategy.maxSurge = st.rollingUpdate.maxSurge;
    if (st.rollingUpdate?.maxUnavailable !== undefined) strategy.maxUnavailable = st.rollingUpdate.maxUnavailable;
    if (Object.keys(strategy).length > 0) info.strategy = strategy;
  }
  if (d.spec.minReadySeconds !== undefined) info.minReadySec = d.spec.minReadySeconds;
  if (d.spec.progressDeadlineSeconds !== undefined) info.progressDeadlineSec = d.spec.progressDeadlineSeconds;
  return { kind: 'workload', info };
}

/** `./cluster-autoscaler --v=4 --nodes=...` -> the flags after the binary (command, then args). */
function commandLineFlags(c: RawContainer): string[] {
  const command = c.command ?? [];
  const fromCommand = command.length > 0 && !command[0].startsWith('-') ? command.slice(1) : command;
  return [...fromCommand, ...(c.args ?? [])];
}

const given = (v: unknown): boolean => v !== undefined && v !== null && !(typeof v === 'object' && Object.keys(v as object).length === 0);

/** The pod spec's placement fields the scheduler here follows, as written; undefined when none is given. */
export function placementOf(pod: RawDeployment['spec']['template']['spec']): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (given(pod.tolerations)) out.tolerations = pod.tolerations;
  if (given(pod.nodeSelector)) out.nodeSelector = pod.nodeSelector;
  const affinity = pod.affinity as Record<string, unknown> | null | undefined;
  const kept: Record<string, unknown> = {};
  for (const k of ['nodeAffinity', 'podAffinity', 'podAntiAffinity']) if (given(affinity?.[k])) kept[k] = affinity![k];
  if (Object.keys(kept).length > 0) out.affinity = kept;
  if (given(pod.topologySpreadConstraints)) out.topologySpreadConstraints = pod.topologySpreadConstraints;
  return Object.keys(out).length > 0 ? out : undefined;
}
