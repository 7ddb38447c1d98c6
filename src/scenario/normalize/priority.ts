/** Priority classes, and which priority a pod gets from the class it names (or does not name). */
import type { z } from 'zod';
import { WORKLOAD_DEFAULTS } from '../defaults.ts';
import type { priorityClassSchema } from '../schema/fleet.ts';
import { didYouMean } from '../../input/suggest.ts';
import type { PreemptionPolicy, PriorityClass } from '../types.ts';
import { type At, checkUnique, type IssueSink } from './context.ts';

type RawPriorityClass = z.output<ReturnType<typeof priorityClassSchema>>;

export function normalizePriorityClasses(raw: readonly RawPriorityClass[], at: At, sink: IssueSink): PriorityClass[] {
  checkUnique(raw, at, 'priority class', sink);
  const defaults = raw.map((c, i) => ({ c, i })).filter(({ c }) => c.globalDefault);
  // The API server admits only one globalDefault class.
  for (const { c, i } of defaults.slice(1)) {
    sink.add(at([i, 'globalDefault']), `only one class may be globalDefault; "${defaults[0].c.name}" already is, "${c.name}" cannot be too`);
  }
  return raw.map((c) => ({
    name: c.name,
    value: c.value,
    preemptionPolicy: c.preemptionPolicy ?? 'PreemptLowerPriority',
    globalDefault: c.globalDefault ?? false,
  }));
}

export interface ResolvedPriority {
  priorityClass: string;
  priority: number;
  preemptionPolicy: PreemptionPolicy;
}

/**
 * The Priority admission plugin's rule: the named class, else the globalDefault class, else
 * priority 0 with no class name. Undefined (with an issue) when the named class does not exist.
 */
export function resolvePriority(
  name: string | undefined,
  classes: readonly PriorityClass[],
  at: At,
  sink: IssueSink,
): ResolvedPriority | undefined {
  if (name === undefined) {
    const d = classes.find((c) => c.globalDefault);
    if (d) return { priorityClass: d.name, priority: d.value, preemptionPolicy: d.preemptionPolicy };
    return { priorityClass: '', priority: WORKLOAD_DEFAULTS.priority, preemptionPolicy: 'PreemptLowerPriority' };
  }
  const c = classes.find((k) => k.name === name);
  if (!c) {
    const known = classes.map((k) => k.name);
    const list = known.length > 0 ? `; the scenario defines ${known.join(', ')}` : '; the scenario defines none under priorityClasses';
    sink.add(at(), `unknown priority class "${name}"${didYouMean(name, known)}${list}`);
    return undefined;
  }
  return { priorityClass: c.name, priority: c.value, preemptionPolicy: c.preemptionPolicy };
}
