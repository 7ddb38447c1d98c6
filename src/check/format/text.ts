/**
 * The plain table on stdout: per scenario, the SLO, every fleet number, and the cluster numbers
 * that moved beyond their allowance; then the one-line verdict.
 */
import type { CheckReport, ScenarioCheck } from '../check.ts';
import type { NumberCheck } from '../compare.ts';
import { headline, sloLabel, sloState } from './order.ts';
import { describeVerdict, formatChange, formatValue } from './values.ts';

type Row = [string, string, string, string, string];

const HEADER: Row = ['number', 'baseline', 'now', 'change', 'verdict'];

function numberRow(n: NumberCheck, currency: string): Row {
  const verdict = describeVerdict(n, currency, false);
  return [
    n.name,
    formatValue(n.unit, n.baseline, currency),
    formatValue(n.unit, n.now, currency),
    formatChange(n.unit, n.change, n.baseline, currency),
    n.verdict === 'regressed' ? verdict.replace(/^regressed/, 'REGRESSED') : verdict,
  ];
}

function table(rows: Row[]): string[] {
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  // numbers right-aligned, names and verdicts left
  return rows.map((r) =>
    r
      .map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(c === 4 ? 0 : widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}

export function scenarioText(s: ScenarioCheck): string {
  const lines: string[] = [];
  lines.push(`${s.scenario} (${s.file}), seeds ${s.seeds.join(', ')}, baseline ${s.baselineFile}`);
  if (s.stale.stale) lines.push(`  ${s.stale.allowed ? 'note' : 'FAIL'}: ${s.stale.message}`);
  for (const note of s.notes) lines.push(`  note: ${note}`);

  const slo: Row = [
    sloLabel(s),
    sloState(s.baselineSlo.broken, s.baselineSlo.brokenSeeds.length, s.baselineSlo.seeds),
    sloState(s.slo.broken, s.slo.brokenSeeds.length, s.slo.seeds),
    '',
    s.slo.broken ? `BROKEN: ${s.slo.reasons.join('; ')}` : s.slo.reasons.length > 0 ? `met in most seeds (${s.slo.reasons.join('; ')})` : 'ok',
  ];
  const fleet = s.numbers.filter((n) => n.cluster === undefined);
  const clusters = s.numbers.filter((n) => n.cluster !== undefined);
  const moved = clusters.filter((n) => n.verdict === 'regressed' || n.verdict === 'improved' || n.verdict === 'missing');
  const rows: Row[] = [HEADER, slo, ...fleet.map((n) => numberRow(n, s.currency)), ...moved.map((n) => numberRow(n, s.currency))];
  for (const line of table(rows)) lines.push(`  ${line}`);
  const quiet = clusters.length - moved.length;
  if (quiet > 0) lines.push(`  (${quiet} per-cluster numbers within tolerance or not checked)`);
  return lines.join('\n');
}

export function checkText(report: CheckReport): string {
  return `${[...report.scenarios.map(scenarioText), headline(report)].join('\n\n')}\n`;
}
