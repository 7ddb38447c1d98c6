/**
 * The comparison itself, pure: baseline runs and current runs in, one verdict per key number out.
 *
 * With several seeds the means are compared, and the allowance is the rule's tolerance (taken on
 * the baseline mean) plus two standard errors of the seed noise (see stats.ts): a change inside
 * the spread the baseline itself shows from seed to seed does not fail a build.
 */
import { KEY_NUMBERS, type KeyNumber } from '../metrics/summary-types.ts';
import { allowance, resolveTolerance, type Direction, type NumberMap, type NumberRule, type Unit } from './rules.ts';
import { mean, noiseAllowance } from './stats.ts';
import type { RuleTable } from './tolerance.ts';
import type { Numbers, RunNumbers } from './types.ts';

/**
 * regressed: worse than the baseline beyond the allowance (fails the check).
 * improved: better beyond the allowance. ok: within it. neutral: not checked, reported.
 * missing: the baseline or the current run lacks the number (a cluster added or removed).
 */
export type Verdict = 'regressed' | 'improved' | 'ok' | 'neutral' | 'missing';

export interface NumberCheck {
  /** `latencyMs.p99` for the fleet, `perCluster.az-a.latencyMs.p99` for a cluster */
  name: string;
  key: KeyNumber;
  cluster?: string;
  unit: Unit;
  direction: Direction;
  /** mean over the baseline's seeds (NaN when missing) */
  baseline: number;
  /** mean over the current seeds (NaN when missing) */
  now: number;
  change: number;
  /** change allowed in the worse direction: tolerance plus noise */
  allowed: number;
  /** the part of `allowed` that the seed-to-seed spread adds */
  noise: number;
  /** the rule in words: "+10% (at least 1 ms)" */
  tolerance: string;
  verdict: Verdict;
}

/** Slack for floating-point noise when a change lands exactly on the allowance. */
const EPSILON = 1e-9;

function samples(runs: readonly RunNumbers[], key: string, cluster: string | undefined): number[] {
  const out: number[] = [];
  for (const run of runs) {
    const nums: Numbers | undefined = cluster === undefined ? run.numbers : run.perCluster[cluster];
    const v = nums?.[key];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function meanNumbers(runs: readonly RunNumbers[], cluster: string | undefined): NumberMap {
  const out: Record<string, number> = {};
  for (const key of KEY_NUMBERS) {
    const xs = samples(runs, key, cluster);
    if (xs.length > 0) out[key] = mean(xs);
  }
  return out;
}

/** One number: the verdict from the baseline's and the current samples under a rule. */
export function compareSamples(
  rule: NumberRule,
  baselineSamples: readonly number[],
  nowSamples: readonly number[],
  baselineMeans: NumberMap = {},
): Pick<NumberCheck, 'baseline' | 'now' | 'change' | 'allowed' | 'noise' | 'verdict'> {
  const baseline = mean(baselineSamples);
  const now = mean(nowSamples);
  if (!Number.isFinite(baseline) || !Number.isFinite(now)) {
    return { baseline, now, change: NaN, allowed: NaN, noise: 0, verdict: 'missing' };
  }
  const change = now - baseline;
  if (rule.direction === 'neutral') return { baseline, now, change, allowed: NaN, noise: 0, verdict: 'neutral' };

  const noise = noiseAllowance(baselineSamples, nowSamples.length);
  const allowed = allowance(resolveTolerance(rule, baselineMeans), baseline) + noise;
  const beyond = (d: number) => d > allowed + EPSILON * Math.max(1, Math.abs(baseline));
  let verdict: NumberCheck['verdict'] = 'ok';
  if (rule.direction === 'eitherIsWorse') verdict = beyond(Math.abs(change)) ? 'regressed' : 'ok';
  else {
    const worse = rule.direction === 'higherIsWorse' ? change : -change;
    if (beyond(worse)) verdict = 'regressed';
    else if (beyond(-worse)) verdict = 'improved';
  }
  return { baseline, now, change, allowed, noise, verdict };
}

/** Every key number, the fleet's first, then each cluster's (clusters in name order). */
export function compareRuns(baselineRuns: readonly RunNumbers[], nowRuns: readonly RunNumbers[], rules: RuleTable): NumberCheck[] {
  const clusters = new Set<string>();
  for (const run of [...baselineRuns, ...nowRuns]) for (const c of Object.keys(run.perCluster)) clusters.add(c);
  const scopes: (string | undefined)[] = [undefined, ...[...clusters].sort()];

  const checks: NumberCheck[] = [];
  for (const cluster of scopes) {
    const baselineMeans = meanNumbers(baselineRuns, cluster);
    for (const key of KEY_NUMBERS) {
      const rule = rules[key];
      const result = compareSamples(rule, samples(baselineRuns, key, cluster), samples(nowRuns, key, cluster), baselineMeans);
      checks.push({
        name: cluster === undefined ? key : `perCluster.${cluster}.${key}`,
        key,
        cluster,
        unit: rule.unit,
        direction: rule.direction,
        tolerance: rule.describe,
        ...result,
      });
    }
  }
  return checks;
}
