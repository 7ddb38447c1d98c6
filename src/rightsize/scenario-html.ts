/**
 * rightsize.html: the recommendation, the before/after charts and the tables on one page in the
 * report's frame (no script, nothing fetched); the charts are rendered to SVG here.
 */
import { renderSvg } from '../report/charts/render-svg.ts';
import { escapeHtml } from '../report/escape.ts';
import { legendHtml } from '../report/html/legend.ts';
import { pageShell } from '../report/html/shell.ts';
import { hpaTable, limitsTable, outcomeTable, requestsTable, runsOf, type Table } from './comparison-tables.ts';
import { costBars, nodesOverTime, requestBars, runColor } from './scenario-charts.ts';
import { sourceSentence } from './scenario-files.ts';
import type { ScenarioRightsize } from './scenario-rightsize.ts';

function tableCard(id: string, title: string, t: Table): string {
  const head = t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = t.rows
    .map((row) => {
      const cls = row.kind === 'recommended' ? ' class="headline"' : '';
      return `<tr${cls}>${row.cells.map((c, i) => `<td${row.kind === 'miss' && i === row.cells.length - 1 ? ' class="worse"' : row.kind === 'recommended' && i === row.cells.length - 1 ? ' class="better"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<section class="card" id="${id}">
<h2>${escapeHtml(title)}</h2>
<p class="note">${escapeHtml(t.note)}</p>
<div class="tablewrap"><table><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table></div>
</section>`;
}

export async function scenarioRightsizeHtml(r: ScenarioRightsize): Promise<string> {
  const name = escapeHtml(r.scenario.name);
  const charts = [
    { id: 'nodes', title: 'Nodes billed over time', spec: nodesOverTime(r), wide: true },
    { id: 'cost', title: 'Node cost of the run', spec: costBars(r), wide: false },
    { id: 'cpu', title: 'cpu request per pod', spec: requestBars(r, 'cpu'), wide: true },
    { id: 'memory', title: 'memory request per pod', spec: requestBars(r, 'memory'), wide: true },
  ];
  const svgs = await Promise.all(charts.map((c) => renderSvg(c.spec, `rs-${c.id}`, escapeHtml(`${c.title}, ${r.scenario.name}`))));
  const legend = legendHtml(runsOf(r).map((x, i) => ({ label: x.label, color: runColor(i), kind: i === 0 ? ('line' as const) : ('dash' as const) })));
  const figures = charts.map((c, i) => `<figure class="chart" data-chart="${c.id}"><figcaption>${escapeHtml(c.title)}</figcaption>${svgs[i].svg}</figure>`);
  const limits = limitsTable(r);
  const hpa = hpaTable(r);
  const body = `<header class="top"><div class="wrap">
<h1><span class="kind">headroom rightsize</span>${name}</h1>
<div class="meta"><span>seed ${r.scenario.seed}</span><span>${escapeHtml(sourceSentence(r))}</span></div>
<div class="verdict ${r.recommended ? 'met' : 'missed'}"><b>${escapeHtml(r.recommended ?? 'keep today\'s requests')}</b><span>${escapeHtml(r.reason)}</span></div>
</div></header>
<main class="wrap">
<section class="card" id="charts">
<h2>Before and after</h2>
<p class="note">Today's requests (solid) and each policy's (dashed), the same traffic and seed.</p>
${legend}
<div class="grid wide">
${figures.join('\n')}
</div>
</section>
${tableCard('outcomes', 'Today and each policy', outcomeTable(r))}
${tableCard('requests', 'Requests', requestsTable(r))}
${limits ? tableCard('limits', 'Limits', limits) : ''}
${hpa ? tableCard('hpa', 'HPA targets and replicas', hpa) : ''}
</main>`;
  return pageShell({ title: `${r.scenario.name} · headroom rightsize`, body });
}
