/** What the reports share: the order rows are listed in and the one-line verdicts. */
import type { CheckReport, ScenarioCheck } from '../check.ts';
import type { NumberCheck, Verdict } from '../compare.ts';
import { formatRate, formatValue } from './values.ts';

const RANK: Record<Verdict, number> = { regressed: 0, improved: 1, ok: 2, neutral: 3, missing: 4 };

/** Regressions first, then improvements, then the rest; the fleet before clusters within each. */
export function byImportance(numbers: readonly NumberCheck[]): NumberCheck[] {
  return numbers
    .map((n, i) => ({ n, i }))
    .sort((a, b) => RANK[a.n.verdict] - RANK[b.n.verdict] || a.i - b.i)
    .map(({ n }) => n);
}

/** "SLO (p99 ≤ 250 ms, error rate ≤ 0.1%)" */
export function sloLabel(s: ScenarioCheck): string {
  return `SLO (p99 ≤ ${formatValue('ms', s.slo.latencyP99Ms)}, error rate ≤ ${formatRate(s.slo.errorRate)})`;
}

export function sloState(broken: boolean, brokenSeeds: number, seeds: number): string {
  if (seeds > 1) return `${broken ? 'broken' : 'met'} (${seeds - brokenSeeds} of ${seeds} seeds met)`;
  return broken ? 'broken' : 'met';
}

/** What failed a scenario, in a few words: "2 regressions, SLO broken, stale baseline". */
export function scenarioProblems(s: ScenarioCheck): string[] {
  const problems: string[] = [];
  if (s.regressions > 0) problems.push(`${s.regressions} regression${s.regressions === 1 ? '' : 's'}`);
  if (s.slo.broken) problems.push('SLO broken');
  if (s.stale.stale && !s.stale.allowed) problems.push('stale baseline');
  return problems;
}

/** The report's one-line verdict. */
export function headline(report: CheckReport): string {
  const n = report.scenarios.length;
  const plural = n === 1 ? 'scenario' : 'scenarios';
  if (!report.failed) return `headroom check passed: no regressions in ${n} ${plural}`;
  const failing = report.scenarios.filter((s) => s.failed);
  const parts = failing.map((s) => `${s.scenario} (${scenarioProblems(s).join(', ')})`);
  return `headroom check failed: ${failing.length} of ${n} ${plural}: ${parts.join('; ')}`;
}
