/**
 * What the scheduler and the autoscaler read of a node's placement: the group's labels with the
 * well-known ones set from the group (zone = the group's zone in a cluster over several zones, else the cluster's name; the instance type when the group
 * names one, the hostname = the node's name), the group's taints, and, for a group's template
 * node, the DaemonSet pods a new node would run.
 */
import { LABEL_HOSTNAME, LABEL_INSTANCE_TYPE, LABEL_ZONE } from '../decisions/defaults.ts';
import type { NodeTemplate } from '../decisions/autoscaler/estimator/template.ts';
import { passesPlacement } from '../decisions/scheduler/filters.ts';
import type { NodeInfo, PodInfo } from '../decisions/scheduler/types.ts';
import type { NodeGroupSpec } from '../scenario/types.ts';

export function nodeLabels(zone: string, group: NodeGroupSpec, nodeName: string): Record<string, string> {
  const labels: Record<string, string> = { ...group.labels, [LABEL_ZONE]: group.zone ?? zone, [LABEL_HOSTNAME]: nodeName };
  if (group.instance !== undefined) labels[LABEL_INSTANCE_TYPE] = group.instance.type;
  return labels;
}

/** Sets the node's labels and taints from its group. */
export function setNodePlacement(info: NodeInfo, zone: string, group: NodeGroupSpec): void {
  info.labels = nodeLabels(zone, group, info.name);
  if (group.taints !== undefined && group.taints.length > 0) info.taints = group.taints;
}

/** The DaemonSet pods that run on a node with these labels and taints (the DaemonSet controller's check). */
export function daemonSetPodsFor(daemonSets: readonly PodInfo[], node: Pick<NodeInfo, 'name' | 'labels' | 'taints'>): PodInfo[] {
  return daemonSets.filter((ds) => passesPlacement(ds, node));
}

/** The group's template node as the cluster-autoscaler builds it (its name as the autoscaler's template names). */
export function groupTemplate(zone: string, group: NodeGroupSpec, daemonSets: readonly PodInfo[]): NodeTemplate {
  const name = `template-node-for-${group.name}`;
  const template: NodeTemplate = {
    allocCpuMilli: group.allocatable.cpuMilli,
    allocMemoryBytes: group.allocatable.memoryBytes,
    allocPods: group.allocatable.pods,
    name,
    labels: nodeLabels(zone, group, name),
  };
  if (group.taints !== undefined && group.taints.length > 0) template.taints = group.taints;
  const ds = daemonSetPodsFor(daemonSets, template as Pick<NodeInfo, 'name' | 'labels' | 'taints'>);
  if (ds.length > 0) template.daemonSetPods = ds;
  return template;
}
