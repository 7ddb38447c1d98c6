/** compare.html: the two runs' numbers side by side and their charts overlaid. */
import { escapeHtml } from '../escape.ts';
import { legendHtml } from '../html/legend.ts';
import { dataValue } from '../html/report-page.ts';
import { pageShell } from '../html/shell.ts';
import { formatMetric } from '../metrics.ts';
import type { SloVerdict } from '../model.ts';
import type { Chart } from '../sections/types.ts';
import type { DiffScope } from './diff.ts';
import { formatDelta, formatRelative, tally } from './diff.ts';
import type { RunLabel } from './markdown.ts';
import { COLORS } from '../charts/theme.ts';

export interface CompareSection {
  id: string;
  title: string;
  note: string;
  wide: boolean;
  charts: Chart[];
}

function runsTable(a: RunLabel, b: RunLabel): string {
  const row = (label: string, x: string, y: string): string =>
    `<tr><td>${label}</td><td class="name">${escapeHtml(x)}</td><td class="name">${escapeHtml(y)}</td></tr>`;
  return `<div class="tablewrap"><table class="runs">
<thead><tr><th></th><th class="name">A: ${escapeHtml(a.label)}</th><th class="name">B: ${escapeHtml(b.label)}</th></tr></thead>
<tbody>${row('folder', a.dir, b.dir)}${row('scenario', a.scenario, b.scenario)}${row('seed', a.seed, b.seed)}${row('--set', a.overrides, b.overrides)}</tbody></table></div>`;
}

function kpis(scopes: DiffScope[], currency: string): string {
  return scopes[0].rows
    .filter((r) => r.def.headline)
    .map(
      (r) =>
        `<div class="kpi ${r.verdict === 'better' ? 'ok' : r.verdict === 'worse' ? 'bad' : ''}" data-key="${escapeHtml(r.def.path)}"${dataValue(r.b)}>` +
        `<div class="label">${escapeHtml(r.def.label)}</div>` +
        `<div class="value">${escapeHtml(formatMetric(r.def, r.b, currency))}</div>` +
        `<div class="sub">A ${escapeHtml(formatMetric(r.def, r.a, currency))} · ${escapeHtml(formatDelta(r.def, r.abs, currency))} (${escapeHtml(formatRelative(r.rel))})</div></div>`,
    )
    .join('\n');
}

function scopeTable(s: DiffScope, currency: string): string {
  const rows = s.rows
    .map((r) => {
      const cls = r.verdict === 'better' || r.verdict === 'worse' ? ` class="${r.verdict}"` : '';
      return (
        `<tr${r.def.headline ? ' class="headline"' : ''} data-key="${escapeHtml(r.def.path)}">` +
        `<td>${escapeHtml(r.def.label)}</td>` +
        `<td${dataValue(r.a)}>${escapeHtml(formatMetric(r.def, r.a, currency))}</td>` +
        `<td${dataValue(r.b)}>${escapeHtml(formatMetric(r.def, r.b, currency))}</td>` +
        `<td${cls}>${escapeHtml(formatDelta(r.def, r.abs, currency))}</td>` +
        `<td${cls}>${escapeHtml(formatRelative(r.rel))}</td>` +
        `<td${cls}>${r.verdict === 'n/a' ? '—' : r.verdict}</td></tr>`
      );
    })
    .join('\n');
  const title = s.cluster ? `Cluster ${escapeHtml(s.cluster)}` : 'Fleet';
  return `<section class="card" data-scope="${escapeHtml(s.cluster)}">
<h2>${title}</h2>
<div class="tablewrap"><table>
<thead><tr><th>metric</th><th>A</th><th>B</th><th>Δ (B − A)</th><th>Δ%</th><th>B is</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

function verdictText(v: SloVerdict): string {
  return v.headline;
}

export function compareHtml(
  a: RunLabel,
  b: RunLabel,
  verdicts: [SloVerdict, SloVerdict],
  scopes: DiffScope[],
  sections: CompareSection[],
  svgs: string[][],
  currency: string,
): string {
  const t = tally(scopes);
  const legend = legendHtml([
    { label: `A: ${a.label}`, color: COLORS.runA, kind: 'line' },
    { label: `B: ${b.label}`, color: COLORS.runB, kind: 'dash' },
  ]);
  const charts = sections
    .map(
      (s, si) => `<section class="card" id="${escapeHtml(s.id)}">
<h2>${escapeHtml(s.title)}</h2>
<p class="note">${escapeHtml(s.note)}</p>
${legend}
<div class="grid${s.wide ? ' wide' : ''}">
${s.charts.map((c, ci) => `<figure class="chart" data-chart="${escapeHtml(s.id)}-${ci}"><figcaption>${escapeHtml(c.title)}</figcaption>${svgs[si][ci]}</figure>`).join('\n')}
</div>
</section>`,
    )
    .join('\n');
  const body = `<header class="top"><div class="wrap">
<h1><span class="kind">headroom compare</span>${escapeHtml(a.label)} <span class="kind">vs</span> ${escapeHtml(b.label)}</h1>
<div class="meta"><span class="${verdicts[0].status === 'missed' ? 'bad' : ''}">A: ${verdictText(verdicts[0])}</span><span class="${verdicts[1].status === 'missed' ? 'bad' : ''}">B: ${verdictText(verdicts[1])}</span><span>B is better on ${t.better}</span><span>worse on ${t.worse}</span><span>the same on ${t.same}</span>${t.changed ? `<span>${t.changed} changed without a better direction</span>` : ''}</div>
<div class="kpis">
${kpis(scopes, currency)}
</div>
</div></header>
<main class="wrap">
<section class="card" id="runs"><h2>Runs</h2>${runsTable(a, b)}
<p class="note">Δ is B − A and Δ% is relative to A; differences of error rates and shares are in percentage points (pp).</p></section>
${charts}
${scopeTable(scopes[0], currency)}
<div class="grid wide tables">
${scopes.slice(1).map((s) => scopeTable(s, currency)).join('\n')}
</div>
</main>`;
  return pageShell({ title: `${a.label} vs ${b.label} · headroom compare`, body });
}
