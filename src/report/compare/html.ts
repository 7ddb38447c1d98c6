/** compare.html: the runs' numbers side by side and their charts overlaid. */
import { escapeHtml } from '../escape.ts';
import { legendHtml } from '../html/legend.ts';
import { dataValue } from '../html/report-page.ts';
import { pageShell } from '../html/shell.ts';
import { formatMetric } from '../metrics.ts';
import type { SloVerdict } from '../model.ts';
import type { Chart } from '../sections/types.ts';
import type { Verdict } from '../metrics.ts';
import type { DiffRow, DiffScope, SeriesScope } from './diff.ts';
import { formatDelta, formatRelative, pairScopes, tally, tallyAgainstFirst } from './diff.ts';
import { seriesCell } from './markdown.ts';
import type { RunLabel } from './markdown.ts';
import { runStyle } from './charts.ts';

export interface CompareSection {
  id: string;
  title: string;
  note: string;
  wide: boolean;
  charts: Chart[];
}

function runsTable(runs: RunLabel[]): string {
  const row = (label: string, cells: string[]): string =>
    `<tr><td>${label}</td>${cells.map((c) => `<td class="name">${escapeHtml(c)}</td>`).join('')}</tr>`;
  return `<div class="tablewrap"><table class="runs">
<thead><tr><th></th>${runs.map((r) => `<th class="name">${r.key}: ${escapeHtml(r.label)}</th>`).join('')}</tr></thead>
<tbody>${row('folder', runs.map((r) => r.dir))}${row('scenario', runs.map((r) => r.scenario))}${row('seed', runs.map((r) => r.seed))}${row('--set', runs.map((r) => r.overrides))}</tbody></table></div>`;
}

function kpis(scopes: DiffScope[], currency: string): string {
  return scopes[0].rows
    .filter((r) => r.def.headline)
    .map(
      (r) =>
        `<div class="kpi ${r.verdict === 'better' ? 'ok' : r.verdict === 'worse' ? 'bad' : ''}" data-key="${escapeHtml(r.def.path)}"${dataValue(r.b)}>` +
        `<div class="label">${escapeHtml(r.def.label)}</div>` +
        `<div class="value">${escapeHtml(formatMetric(r.def, r.b, currency))}</div>` +
        `<div class="sub">A ${escapeHtml(formatMetric(r.def, r.a, currency))} · ${escapeHtml(formatDelta(r.def, r.abs, currency, [r.a, r.b]))} (${escapeHtml(formatRelative(r.rel))})</div></div>`,
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
        `<td${cls}>${escapeHtml(formatDelta(r.def, r.abs, currency, [r.a, r.b]))}</td>` +
        `<td${cls}>${escapeHtml(formatRelative(r.rel))}</td>` +
        `<td${cls}>${r.verdict === 'n/a' ? '—' : r.verdict}</td></tr>`
      );
    })
    .join('\n');
  return scopeCard(s.cluster, '<th>metric</th><th>A</th><th>B</th><th>Δ (B − A)</th><th>Δ%</th><th>B is</th>', rows);
}

/** More than two runs: a card per headline number with every run's value, later runs against the first. */
function seriesKpis(runs: RunLabel[], scopes: SeriesScope[], currency: string): string {
  return scopes[0].rows
    .filter((r) => r.def.headline)
    .map((r) => {
      const lines = [
        `<div class="sub">${runs[0].key} ${escapeHtml(formatMetric(r.def, r.values[0], currency))}</div>`,
        ...r.diffs.map((d, i) => `<div class="sub">${runs[i + 1].key} ${escapeHtml(formatMetric(r.def, d.b, currency))}${d.rel === undefined ? '' : ` (${escapeHtml(formatRelative(d.rel))})`}</div>`),
      ];
      return `<div class="kpi" data-key="${escapeHtml(r.def.path)}"><div class="label">${escapeHtml(r.def.label)}</div>${lines.join('')}</div>`;
    })
    .join('\n');
}

const verdictClass = (r: DiffRow): string => (r.verdict === 'better' || r.verdict === 'worse' ? r.verdict : '');

function seriesTable(runs: RunLabel[], s: SeriesScope, currency: string): string {
  const rows = s.rows
    .map((r) => {
      const later = r.diffs.map((d) => {
        const cls = verdictClass(d);
        return `<td${cls ? ` class="${cls}"` : ''}${dataValue(d.b)}>${escapeHtml(seriesCell(d, currency))}</td>`;
      });
      return (
        `<tr${r.def.headline ? ' class="headline"' : ''} data-key="${escapeHtml(r.def.path)}">` +
        `<td>${escapeHtml(r.def.label)}</td><td${dataValue(r.values[0])}>${escapeHtml(formatMetric(r.def, r.values[0], currency))}</td>${later.join('')}</tr>`
      );
    })
    .join('\n');
  return scopeCard(s.cluster, `<th>metric</th>${runs.map((r) => `<th>${r.key}</th>`).join('')}`, rows);
}

function scopeCard(cluster: string, head: string, rows: string): string {
  const title = cluster ? `Cluster ${escapeHtml(cluster)}` : 'Fleet';
  return `<section class="card" data-scope="${escapeHtml(cluster)}">
<h2>${title}</h2>
<div class="tablewrap"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

function verdictText(v: SloVerdict): string {
  return v.headline;
}

export function compareHtml(runs: RunLabel[], verdicts: SloVerdict[], scopes: SeriesScope[], sections: CompareSection[], svgs: string[][], currency: string): string {
  const pair = runs.length === 2 ? pairScopes(scopes) : undefined;
  const legend = legendHtml(runs.map((r, i) => ({ label: `${r.key}: ${r.label}`, color: runStyle(i).color, kind: i === 0 ? ('line' as const) : ('dash' as const) })));
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
  const verdictSpans = verdicts.map((v, i) => `<span class="${v.status === 'missed' ? 'bad' : ''}">${runs[i].key}: ${verdictText(v)}</span>`).join('');
  const againstFirst = (r: RunLabel, i: number) => {
    const t = tallyAgainstFirst(scopes, i);
    return `<span>${r.key} is better on ${t.better}, worse on ${t.worse}</span>`;
  };
  const tallies = pair ? pairTally(tally(pair)) : runs.slice(1).map(againstFirst).join('');
  const heading = runs.map((r, i) => `${i > 0 ? ' <span class="kind">vs</span> ' : ''}${escapeHtml(r.label)}`).join('');
  const deltas = pair
    ? 'Δ is B − A and Δ% is relative to A'
    : `Each later run’s cell gives its difference from ${runs[0].key} and that difference relative to ${runs[0].key}`;
  const tables = pair ? pair.map((s) => scopeTable(s, currency)) : scopes.map((s) => seriesTable(runs, s, currency));
  const body = `<header class="top"><div class="wrap">
<h1><span class="kind">headroom compare</span>${heading}</h1>
<div class="meta">${verdictSpans}${tallies}</div>
<div class="kpis">
${pair ? kpis(pair, currency) : seriesKpis(runs, scopes, currency)}
</div>
</div></header>
<main class="wrap">
<section class="card" id="runs"><h2>Runs</h2>${runsTable(runs)}
<p class="note">${deltas}; differences of error rates and shares are in percentage points (pp).</p></section>
${charts}
${tables[0]}
<div class="grid wide tables">
${tables.slice(1).join('\n')}
</div>
</main>`;
  return pageShell({ title: `${runs.map((r) => r.label).join(' vs ')} · headroom compare`, body });
}

function pairTally(t: Record<Verdict, number>): string {
  return `<span>B is better on ${t.better}</span><span>worse on ${t.worse}</span><span>the same on ${t.same}</span>${t.changed ? `<span>${t.changed} changed without a better direction</span>` : ''}`;
}
