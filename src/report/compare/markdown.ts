/** compare.md: the runs' key numbers as GitHub-flavoured markdown tables. */
import { DASH } from '../format.ts';
import { formatMetric } from '../metrics.ts';
import type { SloVerdict } from '../model.ts';
import type { MetricDef } from '../metrics.ts';
import type { DiffRow, DiffScope, SeriesScope } from './diff.ts';
import { formatDelta, formatRelative, pairScopes, tally, tallyAgainstFirst } from './diff.ts';

/**
 * Text safe in a markdown table cell: no pipe or newline breaks the row, no markdown or HTML
 * markup takes effect (a renderer that passes HTML through gets entities, not tags; without a
 * `<` no tag can open, so `>` stays readable).
 */
export function mdText(value: unknown): string {
  return String(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}

export interface RunLabel {
  /** A, B, C, ...: the run's column and line on the page */
  key: string;
  label: string;
  dir: string;
  scenario: string;
  /** the run's --set overrides, joined; '—' for none */
  overrides: string;
  seed: string;
}

function verdictCell(v: SloVerdict): string {
  if (v.status === 'unknown') return 'no SLO in summary.json';
  const checks = v.checks.map((c) => `${c.label} ${c.actual} ${c.ok ? '≤' : '>'} ${c.bound}`).join('; ');
  return `${v.headline.replace(/^SLO /, '')} (${checks})`;
}

/** compare.md: the runs' settings and verdicts, then a table per scope (two runs: A, B and B − A; more: a column per run). */
export function compareMarkdown(runs: RunLabel[], verdicts: SloVerdict[], scopes: SeriesScope[], currency: string): string {
  const lines: string[] = [];
  lines.push(`# headroom compare: ${runs.map((r) => mdText(r.label)).join(' vs ')}`, '');
  const row = (name: string, cells: string[]) => `| ${name} | ${cells.map(mdText).join(' | ')} |`;
  lines.push(`| | ${runs.map((r) => r.key).join(' | ')} |`, `|---|${runs.map(() => '---|').join('')}`);
  lines.push(row('run', runs.map((r) => r.dir)));
  lines.push(row('scenario', runs.map((r) => r.scenario)));
  lines.push(row('seed', runs.map((r) => r.seed)));
  lines.push(row('--set', runs.map((r) => r.overrides)));
  lines.push(row('SLO', verdicts.map(verdictCell)), '');
  if (runs.length === 2) pairTables(lines, pairScopes(scopes), currency);
  else seriesTables(lines, runs, scopes, currency);
  return `${lines.join('\n').trimEnd()}\n`;
}

const metricLabel = (def: MetricDef) => (def.headline ? `**${mdText(def.label)}**` : mdText(def.label));

function pairTables(lines: string[], scopes: DiffScope[], currency: string): void {
  const t = tally(scopes);
  lines.push(
    `Fleet-wide, B is better on ${t.better}, worse on ${t.worse} and the same on ${t.same} of the numbers that have a better direction` +
      (t.changed ? `; ${t.changed} without one changed` : '') +
      '. Δ is B − A; Δ% is relative to A; error-rate and share differences are in percentage points (pp).',
    '',
  );
  for (const s of scopes) {
    lines.push(s.cluster ? `## Cluster ${mdText(s.cluster)}` : '## Fleet', '');
    lines.push('| metric | A | B | Δ | Δ% | verdict |', '|---|---:|---:|---:|---:|---|');
    for (const r of s.rows) {
      const verdict = r.verdict === 'n/a' ? DASH : r.verdict;
      lines.push(
        `| ${metricLabel(r.def)} | ${mdText(formatMetric(r.def, r.a, currency))} | ${mdText(formatMetric(r.def, r.b, currency))} | ` +
          `${mdText(formatDelta(r.def, r.abs, currency, [r.a, r.b]))} | ${mdText(formatRelative(r.rel))} | ${verdict} |`,
      );
    }
    lines.push('');
  }
}

/** A later run's cell: its value, then its difference from the first run and the verdict. */
export function seriesCell(r: DiffRow, currency: string): string {
  const value = formatMetric(r.def, r.b, currency);
  if (r.abs === undefined) return value;
  const parts = [formatDelta(r.def, r.abs, currency, [r.a, r.b]), ...(r.rel === undefined ? [] : [formatRelative(r.rel)])];
  if (r.verdict === 'better' || r.verdict === 'worse') parts.push(r.verdict);
  return `${value} (${parts.join(', ')})`;
}

function seriesTables(lines: string[], runs: RunLabel[], scopes: SeriesScope[], currency: string): void {
  const first = runs[0].key;
  const tallies = runs.slice(1).map((r, i) => {
    const t = tallyAgainstFirst(scopes, i);
    return `${r.key} is better on ${t.better} and worse on ${t.worse}`;
  });
  lines.push(
    `Fleet-wide, against ${first}: ${tallies.join('; ')} of the numbers that have a better direction. ` +
      `Each later run's cell gives its value, then its difference from ${first} and that difference relative to ${first}; ` +
      'error-rate and share differences are in percentage points (pp).',
    '',
  );
  for (const s of scopes) {
    lines.push(s.cluster ? `## Cluster ${mdText(s.cluster)}` : '## Fleet', '');
    lines.push(`| metric | ${runs.map((r) => r.key).join(' | ')} |`, `|---|${runs.map(() => '---:|').join('')}`);
    for (const r of s.rows) {
      const cells = [formatMetric(r.def, r.values[0], currency), ...r.diffs.map((d) => seriesCell(d, currency))];
      lines.push(`| ${metricLabel(r.def)} | ${cells.map(mdText).join(' | ')} |`);
    }
    lines.push('');
  }
}
