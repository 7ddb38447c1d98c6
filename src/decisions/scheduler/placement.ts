/**
 * Where a pod may go, in the pod spec's own shapes (k8s.io/api/core/v1): node taints and the pod's
 * tolerations, its nodeSelector, its node affinity and its topology spread constraints. Plain data;
 * the plugins read it.
 */
import type { LabelSelector } from './label-selector.ts';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
export const TAINT_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export interface Taint {
  key: string;
  /** absent = empty */
  value?: string;
  effect: TaintEffect;
}

export interface Toleration {
  /** absent with operator Exists: every key */
  key?: string;
  /** absent = Equal */
  operator?: 'Exists' | 'Equal';
  value?: string;
  /** absent = every effect */
  effect?: TaintEffect;
  /** NoExecute only: how long the pod stays once tainted (kept, not modelled) */
  tolerationSeconds?: number;
}

export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
export const NODE_SELECTOR_OPERATORS: readonly NodeSelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

export interface NodeSelectorRequirement {
  key: string;
  operator: NodeSelectorOperator;
  values?: readonly string[];
}

/** The requirements of a term are ANDed; a term with none matches no node. */
export interface NodeSelectorTerm {
  matchExpressions?: readonly NodeSelectorRequirement[];
  /** only `metadata.name` is a field a node selector may name */
  matchFields?: readonly NodeSelectorRequirement[];
}

export interface PreferredSchedulingTerm {
  /** 1..100 */
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  /** the terms are ORed */
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: readonly NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: readonly PreferredSchedulingTerm[];
}

export interface Placement {
  tolerations?: readonly Toleration[];
  nodeSelector?: Readonly<Record<string, string>>;
  affinity?: { nodeAffinity?: NodeAffinity };
  topologySpreadConstraints?: readonly TopologySpreadConstraint[];
}

/**
 * One of a pod's spec.topologySpreadConstraints (k8s.io/api/core/v1 TopologySpreadConstraint):
 * the pods its selector picks may differ by at most maxSkew between the domains of topologyKey.
 */
export interface TopologySpreadConstraint {
  /** >= 1 */
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  /** absent = selects no pod */
  labelSelector?: LabelSelector;
  /** DoNotSchedule only: fewer eligible domains than this count the global minimum as 0 */
  minDomains?: number;
  /** default Honor: only nodes the pod's nodeSelector / required node affinity admit are counted */
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  /** default Ignore: Honor leaves out nodes with taints the pod does not tolerate */
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
  /** the pod's values of these labels are ANDed into the selector */
  matchLabelKeys?: readonly string[];
}
