/**
 * The pull-request comment: a one-line verdict heading, then per scenario a table (number,
 * baseline, now, change, verdict) with the SLO and every regression first, and the numbers that
 * held folded away under <details>.
 */
import type { CheckReport, ScenarioCheck } from '../check.ts';
import type { NumberCheck } from '../compare.ts';
import { byImportance, headline, scenarioProblems, sloLabel, sloState } from './order.ts';
import { describeVerdict, formatChange, formatValue } from './values.ts';

/** Text safe inside a table cell: no pipes, no HTML, one line. */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/** Inline code, with a fence long enough for any backticks inside. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

const ICON: Record<NumberCheck['verdict'], string> = {
  regressed: '❌',
  improved: '✅',
  ok: '✅',
  neutral: '➖',
  missing: '⚠️',
};

const HEAD = '| number | baseline | now | change | verdict |\n| --- | ---: | ---: | ---: | --- |';

function row(n: NumberCheck, currency: string): string {
  return `| ${code(n.name)} | ${formatValue(n.unit, n.baseline, currency)} | ${formatValue(n.unit, n.now, currency)} | ${cell(
    formatChange(n.unit, n.change, n.baseline, currency),
  )} | ${ICON[n.verdict]} ${cell(describeVerdict(n, currency, false))} |`;
}

function sloRow(s: ScenarioCheck): string {
  const verdict = s.slo.broken ? `❌ broken: ${s.slo.reasons.join('; ')}` : '✅ met';
  return `| ${cell(sloLabel(s))} | ${sloState(s.baselineSlo.broken, s.baselineSlo.brokenSeeds.length, s.baselineSlo.seeds)} | ${sloState(
    s.slo.broken,
    s.slo.brokenSeeds.length,
    s.slo.seeds,
  )} |  | ${cell(verdict)} |`;
}

export function scenarioMarkdown(s: ScenarioCheck): string {
  const problems = scenarioProblems(s);
  const out: string[] = [];
  out.push(`#### ${s.failed ? '❌' : '✅'} ${cell(s.scenario)}${problems.length > 0 ? `: ${cell(problems.join(', '))}` : ''}`);
  out.push('');
  out.push(
    `${code(s.file)} · seed${s.seeds.length === 1 ? '' : 's'} ${s.seeds.join(', ')} · baseline ${code(s.baselineFile)} (headroom ${cell(s.baseline.headroomVersion)})`,
  );
  const callouts: string[] = [];
  if (s.stale.stale) callouts.push(`> ${s.stale.allowed ? '⚠️' : '❌'} ${cell(s.stale.message ?? 'stale baseline')}`);
  for (const note of s.notes) callouts.push(`> ℹ️ ${cell(note)}`);
  if (callouts.length > 0) out.push('', callouts.join('\n>\n'));

  const ordered = byImportance(s.numbers);
  const main = ordered.filter((n) => n.verdict === 'regressed' || n.cluster === undefined);
  const folded = ordered.filter((n) => !(n.verdict === 'regressed' || n.cluster === undefined));
  out.push('', HEAD, sloRow(s), ...main.map((n) => row(n, s.currency)));
  if (folded.length > 0) {
    out.push('', `<details><summary>Per cluster: ${folded.length} more numbers</summary>`, '', HEAD, ...folded.map((n) => row(n, s.currency)), '', '</details>');
  }
  return out.join('\n');
}

function failingFirst(report: CheckReport): ScenarioCheck[] {
  return [...report.scenarios.filter((s) => s.failed), ...report.scenarios.filter((s) => !s.failed)];
}

export function checkMarkdown(report: CheckReport): string {
  const icon = report.failed ? '❌' : '✅';
  return `${[`### ${icon} ${cell(headline(report))}`, ...failingFirst(report).map(scenarioMarkdown)].join('\n\n')}\n`;
}
