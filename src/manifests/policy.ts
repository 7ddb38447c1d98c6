/** scheduling.k8s.io/v1 PriorityClass and policy/v1 PodDisruptionBudget. */
import type { IntOrPercent } from '../decisions/disruption/types.ts';
import type { ManifestProblems } from './problems.ts';
import type { KubeObject } from './read.ts';
import { pdbSchema, priorityClassSchema } from './schema.ts';
import type { PdbInfo, PriorityClassInfo } from './types.ts';

export function readPriorityClass(obj: KubeObject, problems: ManifestProblems): PriorityClassInfo | undefined {
  const c = problems.check(obj, priorityClassSchema());
  if (!c) return undefined;
  const info: PriorityClassInfo = { name: c.metadata.name, source: obj.source, value: c.value };
  if (c.preemptionPolicy !== undefined) info.preemptionPolicy = c.preemptionPolicy;
  if (c.globalDefault !== undefined) info.globalDefault = c.globalDefault;
  if (c.description !== undefined) info.description = c.description;
  return info;
}

/** `2` -> a count, `"50%"` -> a percent (the schema admits only these two forms). */
export function intOrPercent(v: number | string): IntOrPercent {
  return typeof v === 'number' ? { kind: 'count', value: v } : { kind: 'percent', value: Number(v.slice(0, -1)) };
}

export function readPdb(obj: KubeObject, problems: ManifestProblems): PdbInfo | undefined {
  const p = problems.check(obj, pdbSchema());
  if (!p) return undefined;
  const { minAvailable, maxUnavailable, selector } = p.spec;
  if (minAvailable !== undefined && maxUnavailable !== undefined) {
    // The API server refuses this too.
    problems.error(obj.source, ['spec', 'maxUnavailable'], 'minAvailable and maxUnavailable cannot both be set', { key: true });
    return undefined;
  }
  if (selector?.matchExpressions !== undefined && selector.matchExpressions.length > 0) {
    problems.error(obj.source, ['spec', 'selector', 'matchExpressions'], 'only selector.matchLabels is supported; write the selector as labels', { key: true });
    return undefined;
  }
  const info: PdbInfo = { name: p.metadata.name, source: obj.source, matchLabels: { ...(selector?.matchLabels ?? {}) } };
  if (minAvailable !== undefined) info.minAvailable = intOrPercent(minAvailable);
  if (maxUnavailable !== undefined) info.maxUnavailable = intOrPercent(maxUnavailable);
  if (percentOver100(minAvailable) || percentOver100(maxUnavailable)) {
    problems.error(obj.source, ['spec', minAvailable !== undefined ? 'minAvailable' : 'maxUnavailable'], 'a percentage is at most 100%');
    return undefined;
  }
  return info;
}

const percentOver100 = (v: number | string | undefined) => typeof v === 'string' && Number(v.slice(0, -1)) > 100;
