/**
 * Which candidate node a preemption uses, as kube-scheduler's pickOneNodeForPreemption: each rule
 * narrows the field only when the previous one ties.
 *   1. fewest PDB violations
 *   2. lowest priority among its highest-priority victim
 *   3. smallest sum of victim priorities (each shifted by 2^31 so that more victims never sum lower)
 *   4. fewest victims
 *   5. latest earliest-start among its highest-priority victims (disturb the youngest work)
 *   6. the first candidate in the list
 */
import type { Victims } from './select-victims.ts';

export interface Candidate {
  nodeIndex: number;
  victims: Victims;
}

/** 2^31: kube-scheduler adds MaxInt32+1 to every priority before summing. */
const PRIORITY_SHIFT = 2 ** 31;

/** The start time that rule 5 compares: the earliest among the victims of the highest priority. */
export function earliestStartOfHighestPriority(victims: Victims): number {
  const pods = victims.pods;
  let maxPriority = pods[0].priority;
  let earliest = pods[0].startTime;
  for (const p of pods) {
    if (p.priority === maxPriority) {
      if (p.startTime < earliest) earliest = p.startTime;
    } else if (p.priority > maxPriority) {
      maxPriority = p.priority;
      earliest = p.startTime;
    }
  }
  return earliest;
}

interface Key {
  pdb: number;
  highest: number;
  sum: number;
  count: number;
  latestStart: number;
}

function keyOf(c: Candidate): Key {
  const pods = c.victims.pods;
  let highest = -Infinity;
  let sum = 0;
  for (const p of pods) {
    if (p.priority > highest) highest = p.priority;
    sum += p.priority + PRIORITY_SHIFT;
  }
  return {
    pdb: c.victims.numPdbViolations,
    highest,
    sum,
    count: pods.length,
    latestStart: earliestStartOfHighestPriority(c.victims),
  };
}

/** Is `a` strictly preferred to `b`? */
function better(a: Key, b: Key): boolean {
  if (a.pdb !== b.pdb) return a.pdb < b.pdb;
  if (a.highest !== b.highest) return a.highest < b.highest;
  if (a.sum !== b.sum) return a.sum < b.sum;
  if (a.count !== b.count) return a.count < b.count;
  return a.latestStart > b.latestStart;
}

/** Index into `candidates` of the chosen one, -1 if there are none. Every candidate has victims. */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): number {
  if (candidates.length === 0) return -1;
  let best = 0;
  let bestKey = keyOf(candidates[0]);
  for (let i = 1; i < candidates.length; i++) {
    const k = keyOf(candidates[i]);
    if (better(k, bestKey)) {
      best = i;
      bestKey = k;
    }
  }
  return best;
}
