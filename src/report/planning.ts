/**
 * The question a run leads to, "how much headroom should I buy?", as the command that answers it
 * for this run: `headroom recommend <its scenario> --search overprovisioner.<i>.replicasPerCluster=0:N`
 * with the run's own --set and read flags, so it searches the scenario the run simulated. A
 * scenario without a fixed-count over-provisioner gets a sentence on what to do instead.
 */
import type { PlanningInfo, RunSummary } from './types.ts';

export interface PlanningHint {
  /** the sentence above the command, or instead of it */
  text: string;
  command: string | null;
}

/** The top of the searched range: twice the run's count, and never below this. */
const MIN_SEARCH_HIGH = 40;

export function planningHint(info: PlanningInfo, summary: RunSummary): PlanningHint {
  const file = info.scenarioFile ?? `${typeof summary.scenario === 'string' ? summary.scenario : 'scenario'}.yaml`;
  const index = info.overprovisioners.findIndex((o) => o.replicasPerCluster !== null);
  if (index < 0) {
    const how =
      info.overprovisioners.length > 0
        ? 'Its over-provisioner is cluster-proportional, so there is no fixed count to search: vary its coresPerReplica or nodesPerReplica with `headroom recommend --vary` (docs/sweep.md), or give it replicasPerCluster instead.'
        : 'This scenario has no over-provisioner: add an `overprovisioner:` entry (placeholder pods in a priority class below every workload, with replicasPerCluster; docs/scenario.md), then search its replicasPerCluster with `headroom recommend --search`.';
    return { text: how, command: null };
  }
  const path = `overprovisioner.${index}.replicasPerCluster`;
  const current = info.overprovisioners[index].replicasPerCluster as number;
  const high = Math.max(MIN_SEARCH_HIGH, 2 * current);
  // The run's own overrides, but not the one the search replaces (a key may not be both).
  const overrides = (Array.isArray(summary.overrides) ? summary.overrides.map(String) : []).filter((o) => !o.startsWith(`${path}=`));
  const words = ['headroom', 'recommend', file, '--search', `${path}=0:${high}`, ...overrides.flatMap((o) => ['--set', o]), ...info.readFlags, '--seeds', '5'];
  return {
    text:
      `This run has ${current} placeholder${current === 1 ? '' : 's'} a cluster (${info.overprovisioners[index].name}). ` +
      `The smallest count that meets the scenario's SLOs in every one of 5 seeds, searched from 0 to ${high}:`,
    command: words.map(shellWord).join(' '),
  };
}

/** A word as a POSIX shell reads it back: bare when it is plain, else in single quotes. */
export function shellWord(w: string): string {
  return /^[\w./:=,@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
