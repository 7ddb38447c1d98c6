/**
 * recommendation.html: the answer, the cost–p99 frontier and the candidates' table on one page
 * that works offline. The chart is rendered to SVG here with vega's headless view, so the page
 * carries no script and fetches nothing.
 */
import { renderSvg } from '../report/charts/render-svg.ts';
import { escapeHtml } from '../report/escape.ts';
import { frontierSpec, paretoFrontier } from './frontier-chart.ts';
import { candidateColumns, pct, verdict } from './candidate-columns.ts';
import type { Recommendation } from './recommend.ts';
import { searchedSentence } from './search-run.ts';
import type { Frontier } from './frontier.ts';
import { frontierAxesSpec } from './frontier-axes-chart.ts';
import { frontierColumns, frontierNote, frontierTitle } from './frontier-table.ts';
import type { RecommendationInfo } from './recommendation-files.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
body{margin:0;background:#f5f6f8;color:#1f2328;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:20px}
h1{font-size:20px;margin:0 0 4px;font-weight:600;overflow-wrap:anywhere}
.meta{color:#59636e;font-size:12.5px;margin-bottom:12px}
.answer{padding:10px 14px;border-radius:8px;font-size:15px}
.answer.ok{background:#dafbe1;color:#116329}
.answer.none{background:#ffebe9;color:#a40e26}
.reasons{color:#3d444d;padding-left:18px}
.card{background:#fff;border:1px solid #e3e6ea;border-radius:8px;padding:12px;margin:14px 0}
.card svg{width:100%;height:auto;display:block}
.card h2{font-size:15px;margin:0 0 6px;font-weight:600}
.note{color:#59636e;font-size:12.5px;margin:6px 0 0}
table{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid #eef0f3;text-align:right;white-space:nowrap}
th{color:#59636e;font-weight:500}
th.key,td.key{text-align:left}
tr.recommended td{background:#dafbe1;font-weight:600}
tr.runner-up td{background:#f0f7ff}
tr.closest td{background:#fff8c5}
td.miss{color:#a40e26}
.scroll{overflow-x:auto}
`;

export async function recommendationHtml(rec: Recommendation, info: RecommendationInfo): Promise<string> {
  const title = `Sizing recommendation: ${info.scenario}`;
  const chart = await renderSvg(frontierSpec(rec, info.currency), 'frontier', escapeHtml(`cost against p99 for ${info.scenario}`));
  const onFrontier = paretoFrontier(rec.candidates).length;
  const seeds = info.grid.seeds.length;
  const body = `<main>
<h1>${escapeHtml(title)}</h1>
<div class="meta">SLOs judged (each over the whole run of every seed) ${rec.slos.map((s) => `<code>${escapeHtml(s.text)}</code>`).join(', ') || 'none'} · attainment required ${escapeHtml(pct(rec.confidence))} · ${seeds} seed${seeds === 1 ? '' : 's'} per candidate · ${rec.candidates.length} candidates · scenario ${escapeHtml(info.scenarioHash.slice(0, 12))}</div>
${rec.searched ? `<p class="answer ${rec.searched.value === null ? 'none' : 'ok'}">${escapeHtml(searchedSentence(rec))}</p>\n` : ''}<p class="answer ${rec.recommended ? 'ok' : 'none'}">${escapeHtml(rec.answer)}</p>
${rec.reasons.length ? `<ul class="reasons">${rec.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : ''}
<section class="card">
<h2>Cost against p99</h2>
${chart.svg}
<p class="note">Each point is a candidate at its mean over seeds; the grey bar spans its best and worst seed's p99. The dashed line joins the ${onFrontier} candidate${onFrontier === 1 ? '' : 's'} no other beats on both cost and p99.</p>
</section>
${rec.frontier ? await frontierCard(rec.frontier, info) : ''}<section class="card">
<h2>Candidates</h2>
<div class="scroll">${candidatesTable(rec, info)}</div>
</section>
</main>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function candidatesTable(rec: Recommendation, info: RecommendationInfo): string {
  const columns = candidateColumns(rec, info);
  const head = columns.map((col) => `<th${col.key ? ' class="key"' : ''}>${escapeHtml(col.head)}</th>`);
  const rows = rec.candidates.map((c) => {
    const kind = verdict(rec, c);
    const cells = columns.map((col) => {
      const cls = col.key ? 'key' : col.miss?.(c) ? 'miss' : '';
      return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(col.cell(c))}</td>`;
    });
    return `<tr${kind && kind !== 'meets' ? ` class="${kind}"` : ''}>${cells.join('')}</tr>`;
  });
  return `<table><thead><tr>${head.join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** The two-axis frontier: its chart (a numeric first axis) and its table. */
async function frontierCard(f: Frontier, info: RecommendationInfo): Promise<string> {
  const spec = frontierAxesSpec(f, info.currency);
  const chart = spec ? (await renderSvg(spec, 'frontier-axes', escapeHtml(frontierTitle(f)))).svg : '';
  const columns = frontierColumns(f, info.currency);
  const head = columns.map((c, i) => `<th${i === 0 ? ' class="key"' : ''}>${escapeHtml(c.head)}</th>`).join('');
  const rows = f.rows.map((r) => `<tr>${columns.map((c, i) => `<td${i === 0 ? ' class="key"' : r.value === null && i === 1 ? ' class="miss"' : ''}>${escapeHtml(c.cell(r))}</td>`).join('')}</tr>`);
  return `<section class="card" id="frontier">
<h2>${escapeHtml(frontierTitle(f))}</h2>
${chart}
<p class="note">${escapeHtml(frontierNote(f))}</p>
<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
</section>
`;
}
