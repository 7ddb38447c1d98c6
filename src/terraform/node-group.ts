/** A managed node group as read from Terraform, before it becomes a scenario node group. */
import type { Provider } from '../cloud/index.ts';

export interface ImportedGroup {
  address: string;
  /** the document it was read from, as the user named it (set by the importer) */
  file?: string;
  provider: Provider;
  /** what the resource is, for comments: `EKS node group "general" of cluster "prod"` */
  describe: string;
  /** the Kubernetes cluster it belongs to (its name, or for AKS the cluster's name when found) */
  cluster?: string;
  /** the provider-side name, when known; else the Terraform resource name stands in */
  name: string;
  instanceType?: string;
  /** further types of a mixed group: the cluster-autoscaler plans with the first */
  otherInstanceTypes: string[];
  region?: string;
  min?: number;
  max?: number;
  initial?: number;
  maxPods?: number;
  spot: boolean;
  zones: string[];
  labels: Record<string, string>;
  /** `key=value:Effect`, as kubectl taint writes them */
  taints: string[];
  /** what the scenario cannot hold but the planner should see */
  notes: string[];
  /** attribute paths known only after apply */
  unknown: string[];
}

/** The Terraform resource types read, by provider. */
export const NODE_GROUP_TYPES: Readonly<Record<string, Provider>> = {
  aws_eks_node_group: 'aws',
  google_container_node_pool: 'gcp',
  azurerm_kubernetes_cluster_node_pool: 'azure',
};

/** `EKS node group "general" of cluster "prod"`: what a group is, for its comment in the scenario. */
export function describeGroup(kind: string, name: string, cluster: string | undefined): string {
  return `${kind} "${name}"${cluster ? ` of cluster "${cluster}"` : ''}`;
}

/** `NO_SCHEDULE` (AWS and Google providers) -> `NoSchedule` (Kubernetes). */
export function kubernetesEffect(effect: string): string {
  return effect
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function taintText(key: unknown, value: unknown, effect: unknown): string {
  const v = typeof value === 'string' && value.length > 0 ? `=${value}` : '';
  return `${String(key)}${v}:${kubernetesEffect(String(effect ?? ''))}`;
}

/** The resource name and its for_each key or count index: `this["spot"]` -> `this-spot`. */
export function resourceName(address: string): string {
  const last = address.split(/\.(?![^[]*\])/).pop() ?? address;
  return last.replace(/\["?([^"\]]*)"?\]/g, '-$1');
}

export interface TaintObject {
  key: string;
  value?: string;
  effect: string;
}

/** `key=value:Effect` (as taintText writes it, and as AKS gives it) -> the scenario's taint object. */
export function taintObject(text: string): TaintObject {
  const colon = text.lastIndexOf(':');
  const [kv, effect] = colon >= 0 ? [text.slice(0, colon), text.slice(colon + 1)] : [text, ''];
  const eq = kv.indexOf('=');
  const key = eq >= 0 ? kv.slice(0, eq) : kv;
  const value = eq >= 0 ? kv.slice(eq + 1) : undefined;
  return value === undefined || value === '' ? { key, effect } : { key, value, effect };
}

/** The scenario keys a group's labels and taints become (none when it has neither). */
export function placementKeys(g: ImportedGroup): { labels?: Record<string, string>; taints?: TaintObject[] } {
  const out: { labels?: Record<string, string>; taints?: TaintObject[] } = {};
  if (Object.keys(g.labels).length > 0) out.labels = { ...g.labels };
  if (g.taints.length > 0) out.taints = g.taints.map(taintObject);
  return out;
}
