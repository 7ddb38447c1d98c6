/** PodDisruptionBudgets written in the scenario (or read from manifests): checked and resolved. */
import type { RawPodDisruptionBudget } from '../schema/index.ts';
import type { IntOrPercent, PodDisruptionBudgetSpec } from '../types.ts';
import { type At, checkUnique, type IssueSink } from './context.ts';

export function normalizePodDisruptionBudgets(raw: readonly RawPodDisruptionBudget[], at: At, sink: IssueSink): PodDisruptionBudgetSpec[] {
  checkUnique(raw, at, 'PodDisruptionBudget', sink);
  return raw.map((p, i) => {
    const spec: PodDisruptionBudgetSpec = { name: p.name, matchLabels: { ...p.matchLabels } };
    if (p.minAvailable !== undefined && p.maxUnavailable !== undefined) {
      // The API server refuses this too.
      sink.add(at([i, 'maxUnavailable']), 'give either minAvailable or maxUnavailable, not both', true);
    }
    if (p.minAvailable !== undefined) spec.minAvailable = intOrPercent(p.minAvailable, at([i, 'minAvailable']), sink);
    else if (p.maxUnavailable !== undefined) spec.maxUnavailable = intOrPercent(p.maxUnavailable, at([i, 'maxUnavailable']), sink);
    else {
      // The disruption controller expects no pods for such a budget, so it allows no disruption.
      sink.warn(at([i]), `PodDisruptionBudget "${p.name}" has neither minAvailable nor maxUnavailable: it allows no disruption at all`);
    }
    return spec;
  });
}

export function intOrPercent(v: number | string, path: readonly (string | number)[], sink: IssueSink): IntOrPercent {
  if (typeof v === 'number') return { kind: 'count', value: v };
  const value = Number(v.slice(0, -1));
  if (value > 100) sink.add(path, `a percentage is at most 100%, got ${v}`);
  return { kind: 'percent', value };
}
