/** compare.md: the two runs' key numbers as GitHub-flavoured markdown tables. */
import { DASH } from '../format.ts';
import { formatMetric } from '../metrics.ts';
import type { SloVerdict } from '../model.ts';
import type { DiffScope } from './diff.ts';
import { formatDelta, formatRelative, tally } from './diff.ts';

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

export function compareMarkdown(a: RunLabel, b: RunLabel, verdicts: [SloVerdict, SloVerdict], scopes: DiffScope[], currency: string): string {
  const t = tally(scopes);
  const lines: string[] = [];
  lines.push(`# headroom compare: ${mdText(a.label)} vs ${mdText(b.label)}`, '');
  lines.push('| | A | B |', '|---|---|---|');
  lines.push(`| run | ${mdText(a.dir)} | ${mdText(b.dir)} |`);
  lines.push(`| scenario | ${mdText(a.scenario)} | ${mdText(b.scenario)} |`);
  lines.push(`| seed | ${mdText(a.seed)} | ${mdText(b.seed)} |`);
  lines.push(`| --set | ${mdText(a.overrides)} | ${mdText(b.overrides)} |`);
  lines.push(`| SLO | ${mdText(verdictCell(verdicts[0]))} | ${mdText(verdictCell(verdicts[1]))} |`, '');
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
      const label = r.def.headline ? `**${mdText(r.def.label)}**` : mdText(r.def.label);
      lines.push(
        `| ${label} | ${mdText(formatMetric(r.def, r.a, currency))} | ${mdText(formatMetric(r.def, r.b, currency))} | ` +
          `${mdText(formatDelta(r.def, r.abs, currency))} | ${mdText(formatRelative(r.rel))} | ${verdict} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
