/** Taints, tolerations, nodeSelector, node affinity and topology spread constraints, as written, into the scheduler's Placement (already validated by the schema). */
import type { Placement, Taint, Toleration } from '../../decisions/scheduler/placement.ts';
import type { RawDaemonSet, RawWorkload } from '../schema/index.ts';
import type { DaemonSetSpec } from '../types.ts';
import { bytes, milli } from './context.ts';

type RawPlacement = Pick<RawWorkload, 'tolerations' | 'nodeSelector' | 'affinity'> & Partial<Pick<RawWorkload, 'topologySpreadConstraints'>>;

/** The pod's placement rules, or undefined when it gives none (so its spec keeps its old shape). */
export function normalizePlacement(raw: RawPlacement): Placement | undefined {
  const placement: Placement = {};
  if (raw.tolerations !== undefined) placement.tolerations = raw.tolerations.map((t) => ({ ...t }) as Toleration);
  if (raw.nodeSelector !== undefined) placement.nodeSelector = { ...raw.nodeSelector };
  if (raw.affinity?.nodeAffinity !== undefined) placement.affinity = { nodeAffinity: structuredClone(raw.affinity.nodeAffinity) as NonNullable<Placement['affinity']>['nodeAffinity'] };
  if (raw.topologySpreadConstraints !== undefined && raw.topologySpreadConstraints.length > 0) {
    placement.topologySpreadConstraints = structuredClone(raw.topologySpreadConstraints) as NonNullable<Placement['topologySpreadConstraints']>;
  }
  return Object.keys(placement).length > 0 ? placement : undefined;
}

export function normalizeTaints(raw: readonly { key: string; value?: string; effect: string }[]): Taint[] {
  return raw.map((t) => ({ ...t }) as Taint);
}

export function normalizeDaemonSet(raw: RawDaemonSet): DaemonSetSpec {
  const spec: DaemonSetSpec = { name: raw.name, requests: { cpuMilli: milli(raw.requests.cpu), memoryBytes: bytes(raw.requests.memory) } };
  const placement = normalizePlacement(raw);
  if (placement !== undefined) spec.placement = placement;
  return spec;
}
