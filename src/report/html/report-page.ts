/**
 * The run's page from its model and its charts already rendered to SVG. Every name from the
 * scenario goes through escapeHtml; the SVGs come from vega, which escapes its own text.
 */
import { escapeHtml } from '../escape.ts';
import { formatClock, formatCount, formatMs, formatPercent, formatSeconds } from '../format.ts';
import { formatMetric, metricValue } from '../metrics.ts';
import type { Kpi, ReportModel } from '../model.ts';
import type { WorkloadTotals } from '../types.ts';
import { legendHtml } from './legend.ts';
import { pageShell } from './shell.ts';

/** A value as a data attribute: the exact number, which Number() turns back into the same value. */
export function dataValue(v: number | undefined): string {
  return v === undefined ? '' : ` data-value="${String(v)}"`;
}

function kpiSub(k: Kpi, m: ReportModel): string {
  const s = m.summary;
  switch (k.def.path) {
    case 'latencyMs.p99': {
      const b = metricValue(s, 'slo.latencyP99Ms');
      return b === undefined ? `p95 ${formatMs(metricValue(s, 'latencyMs.p95'))}` : `SLO ≤ ${formatMs(b)}`;
    }
    case 'requests.errorRate': {
      const b = metricValue(s, 'slo.errorRate');
      return b === undefined ? `${formatCount(metricValue(s, 'requests.failed'))} failed` : `SLO ≤ ${formatPercent(b)}`;
    }
    case 'sloViolationSeconds': {
      const d = metricValue(s, 'simulatedSeconds');
      return d === undefined ? '' : `of ${formatSeconds(d)} simulated`;
    }
    case 'cost.total': {
      const h = metricValue(s, 'nodes.nodeHours');
      return h === undefined ? '' : `${formatCount(Math.round(h * 10) / 10)} node-hours`;
    }
    case 'cost.headroom': {
      const total = metricValue(s, 'cost.total');
      return total && k.value !== undefined ? `${formatPercent(k.value / total)} of cost` : '';
    }
    case 'pods.preemptions': {
      const p = metricValue(s, 'pods.maxPending');
      return p === undefined ? '' : `max ${formatCount(p)} pods pending`;
    }
    case 'nodes.peak': {
      const up = metricValue(s, 'nodes.scaleUps');
      return up === undefined ? '' : `${formatCount(up)} scale-ups`;
    }
    default:
      return '';
  }
}

function header(m: ReportModel, tocIds: [string, string][]): string {
  const v = m.verdict;
  const verdictText = v.headline;
  const checks = v.checks
    .map((c) => `<span class="check${c.ok ? '' : ' no'}">${escapeHtml(c.label)} ${escapeHtml(c.actual)} ${c.ok ? '≤' : '>'} ${escapeHtml(c.bound)}</span>`)
    .join('');
  const kpis = m.kpis
    .map(
      (k) =>
        `<div class="kpi${k.status ? ` ${k.status}` : ''}" data-key="${escapeHtml(k.def.path)}"${dataValue(k.value)}>` +
        `<div class="label">${escapeHtml(k.def.label)}</div><div class="value">${escapeHtml(k.text)}</div>` +
        `<div class="sub">${escapeHtml(kpiSub(k, m)) || '&nbsp;'}</div></div>`,
    )
    .join('\n');
  return `<header class="top"><div class="wrap">
<h1><span class="kind">headroom run</span>${escapeHtml(m.title)}</h1>
<div class="meta">${m.meta.map((x) => `<span>${escapeHtml(x)}</span>`).join('')}</div>
<div class="verdict ${v.status}" data-verdict="${v.status}" title="${escapeHtml(v.rule)}"><b>${escapeHtml(verdictText)}</b>${checks}<span class="rule">${escapeHtml(v.rule)}</span></div>
<div class="kpis">
${kpis}
</div>
<nav class="toc">${tocIds.map(([id, t]) => `<a href="#${id}">${escapeHtml(t)}</a>`).join('')}</nav>
</div></header>`;
}

function chartSections(m: ReportModel, svgs: string[][]): string {
  return m.sections
    .map((s, si) => {
      const figures = s.charts
        .map((c, ci) => `<figure class="chart" data-chart="${escapeHtml(s.id)}-${ci}"><figcaption>${escapeHtml(c.title)}</figcaption>${svgs[si][ci]}</figure>`)
        .join('\n');
      return `<section class="card" id="${escapeHtml(s.id)}">
<h2>${escapeHtml(s.title)}</h2>
<p class="note">${escapeHtml(s.note)}</p>
${legendHtml(s.legend)}
<div class="grid${s.wide ? ' wide' : ''}">
${figures}
</div>
</section>`;
    })
    .join('\n');
}

function clusterTable(m: ReportModel): string {
  const cols = m.clusterColumns;
  const head = `<tr><th>metric</th>${cols.map((c) => `<th class="name">${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  const rows = m.metrics
    .filter((def) => cols.some((c) => c.values[def.path] !== undefined))
    .map((def) => {
      const cells = cols
        .map((c) => {
          const v = c.values[def.path];
          return `<td data-cluster="${escapeHtml(c.cluster)}" data-key="${escapeHtml(def.path)}"${dataValue(v)}>${escapeHtml(formatMetric(def, v, m.currency))}</td>`;
        })
        .join('');
      return `<tr${def.headline ? ' class="headline"' : ''}><td>${escapeHtml(def.label)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<section class="card" id="clusters">
<h2>Per cluster</h2>
<p class="note">Every key number of summary.json, for the fleet and for each cluster.</p>
<div class="tablewrap"><table>
<thead>${head}</thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

const WORKLOAD_SUMMARY_COLUMNS: [string, string, (v: number | undefined) => string][] = [
  ['requests.total', 'requests', formatCount],
  ['requests.failed', 'failed', formatCount],
  ['requests.errorRate', 'error rate', formatPercent],
  ['latencyMs.p50', 'p50', formatMs],
  ['latencyMs.p95', 'p95', formatMs],
  ['latencyMs.p99', 'p99', formatMs],
  ['latencyMs.max', 'max', formatMs],
];

/** summary.perWorkload: the exact fleet-wide numbers of each workload. */
function workloadSummaryTable(m: ReportModel): string {
  if (m.workloadSummaries.length === 0) return '';
  const cols = WORKLOAD_SUMMARY_COLUMNS;
  const rows = m.workloadSummaries
    .map(
      (w) =>
        `<tr><td class="name">${escapeHtml(w.workload)}</td>` +
        cols.map(([k, , f]) => `<td data-workload="${escapeHtml(w.workload)}" data-key="${k}"${dataValue(w.values[k])}>${escapeHtml(f(w.values[k]))}</td>`).join('') +
        '</tr>',
    )
    .join('\n');
  return `<div class="tablewrap"><table>
<thead><tr><th class="name">workload (fleet)</th>${cols.map(([, label]) => `<th>${label}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

/** Each workload in each cluster, folded from its time series (with its usage when the run has it). */
function workloadFoldTable(m: ReportModel): string {
  if (m.workloads.length === 0) return '';
  const withUsage = m.workloads.some((w) => w.usage !== undefined);
  const rows = m.workloads
    .map(
      (w) =>
        `<tr><td class="name">${escapeHtml(w.cluster)}</td><td class="name">${escapeHtml(w.workload)}</td>` +
        `<td>${formatCount(Math.round(w.requests))}</td>` +
        `<td>${formatPercent(w.requests > 0 ? w.failed / w.requests : 0)}</td>` +
        `<td>${formatCount(Math.round(w.peakArrivalRps))}</td><td>${escapeHtml(formatMs(w.worstP99Ms))}</td>` +
        `<td>${formatCount(w.peakReadyPods)}</td><td>${formatCount(w.peakPendingPods)}</td>` +
        (withUsage ? usageCells(w.usage) : '') +
        '</tr>',
    )
    .join('\n');
  const usageHead = withUsage
    ? '<th>cpu per pod (mean / max)</th><th>memory per pod (mean / max)</th><th>throttled</th><th>OOM kills</th><th>restarts</th><th>evictions</th>'
    : '';
  const usageNote = withUsage ? ' Usage per Ready pod: means weighted by Ready pods, the highest step’s max, the share of Ready pod time throttled at the cpu limit.' : '';
  return `<p class="note">Per cluster, folded from timeseries-workloads.csv: requests and failures summed over the steps, peaks, and the worst step’s p99.${usageNote}</p>
<div class="tablewrap"><table>
<thead><tr><th class="name">cluster</th><th class="name">workload</th><th>requests</th><th>failed</th><th>peak req/s</th><th>worst step p99</th><th>peak Ready pods</th><th>peak pending pods</th>${usageHead}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

function usageCells(u: WorkloadTotals['usage']): string {
  if (!u) return '<td></td>'.repeat(6);
  const cpu = (milli: number) => `${formatCount(Math.round(milli))}m`;
  const mib = (x: number) => `${formatCount(Math.round(x))}Mi`;
  return (
    `<td>${cpu(u.cpuMilliMean)} / ${cpu(u.cpuMilliMax)}</td><td>${mib(u.memoryMibMean)} / ${mib(u.memoryMibMax)}</td>` +
    `<td>${formatPercent(u.throttledShare)}</td><td>${formatCount(u.oomKills)}</td><td>${formatCount(u.restarts)}</td><td>${formatCount(u.evictions)}</td>`
  );
}

function workloadTables(m: ReportModel): string {
  if (m.workloads.length === 0 && m.workloadSummaries.length === 0) return '';
  return `<section class="card" id="workloads">
<h2>Workloads</h2>
${workloadSummaryTable(m)}
${workloadFoldTable(m)}
</section>`;
}

function timelineRows(rows: ReportModel['timeline']['notable']): string {
  const span = (a: number, b: number): string => (a === b ? formatClock(a, true) : `${formatClock(a, true)}–${formatClock(b, true)}`);
  return rows
    .map(
      (r) =>
        `<tr><td>${span(r.startSec, r.endSec)}</td><td class="name">${escapeHtml(r.cluster || 'fleet')}</td>` +
        `<td class="name">${escapeHtml(r.kind)}</td><td class="text">${escapeHtml(r.text)}</td></tr>`,
    )
    .join('\n');
}

const TIMELINE_HEAD = '<thead><tr><th>time (h:mm:ss)</th><th class="name">cluster</th><th class="name">event</th><th class="name">what</th></tr></thead>';

function hasTimeline(m: ReportModel): boolean {
  return m.timeline.notable.length > 0 || m.timeline.more.length > 0 || m.eventTotals.length > 0;
}

function timeline(m: ReportModel): string {
  if (!hasTimeline(m)) return '';
  const t = m.timeline;
  const totals = m.eventTotals.map((x) => `${formatCount(x.count)} ${x.kind}`).join(', ');
  const source = m.eventsSource ?? 'the run';
  const notable = t.notable.length
    ? `<div class="tablewrap"><table>${TIMELINE_HEAD}<tbody>\n${timelineRows(t.notable)}\n</tbody></table></div>`
    : '<p class="empty">No outage, shift, scale-up, scale-down or preemption.</p>';
  const more = t.more.length
    ? `<details><summary>${formatCount(t.more.length)} more rows: HPA rescales, nodes Ready and other events${t.moreLeftOut ? ` (${formatCount(t.moreLeftOut)} left out)` : ''}</summary>
<div class="tablewrap"><table>${TIMELINE_HEAD}<tbody>\n${timelineRows(t.more)}\n</tbody></table></div></details>`
    : '';
  return `<section class="card" id="timeline">
<h2>Timeline</h2>
<p class="note">Outages and shifts one by one; other events grouped per cluster while they keep coming. ${escapeHtml(source)} holds ${escapeHtml(totals || 'no events')}.</p>
${notable}
${more}
</section>`;
}

interface OutageRow {
  cluster?: unknown;
  zone?: unknown;
  atS?: unknown;
  forS?: unknown;
  autoShift?: unknown;
  failed?: unknown;
  errorRate?: unknown;
  sloViolationSeconds?: unknown;
  recoveredAtS?: unknown;
  recoverySeconds?: unknown;
}

/** The zone's cluster, or for one zone of a cluster over several, that zone of it. */
function outageWhere(o: OutageRow): string {
  const cluster = String(o.cluster ?? '—');
  return typeof o.zone === 'string' ? `${o.zone} of ${cluster}` : cluster;
}

/** summary.outages: per zone outage, the errors users saw and when the fleet was back within its SLO. */
function outageTable(m: ReportModel): string {
  const list = (m.summary as { outages?: unknown }).outages;
  if (!Array.isArray(list) || list.length === 0) return '';
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const rows = (list as OutageRow[])
    .map((o) => {
      const at = num(o.atS);
      const recovered = num(o.recoveredAtS);
      const took = num(o.recoverySeconds);
      const back =
        recovered === undefined
          ? '<span class="bad">not within the run</span>'
          : took === 0
            ? 'never noticed'
            : `${escapeHtml(formatClock(recovered))} (after ${escapeHtml(formatSeconds(took))})`;
      return (
        `<tr data-outage="${escapeHtml(String(o.cluster ?? ''))}"><td class="name">${escapeHtml(outageWhere(o))}</td>` +
        `<td>${at === undefined ? '—' : escapeHtml(formatClock(at))}</td>` +
        `<td>${escapeHtml(formatSeconds(num(o.forS)))}</td>` +
        `<td>${o.autoShift === true ? 'yes' : 'no'}</td>` +
        `<td${dataValue(num(o.failed))}>${escapeHtml(formatCount(num(o.failed)))}</td>` +
        `<td>${escapeHtml(formatPercent(num(o.errorRate)))}</td>` +
        `<td>${escapeHtml(formatSeconds(num(o.sloViolationSeconds)))}</td>` +
        `<td>${back}</td></tr>`
      );
    })
    .join('\n');
  return `<section class="card" id="outages">
<h2>Zone outages</h2>
<p class="note">From each outage's start until the fleet was back within its SLO for a minute: the requests that failed, and how long users noticed.</p>
<div class="tablewrap"><table>
<thead><tr><th>zone</th><th>down at</th><th>for</th><th>traffic shifted away</th><th>failed requests</th><th>error rate</th><th>SLO broken</th><th>latency recovered</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

/** "How much headroom should I buy?": the recommend command for this run, or what to do first. */
function planningCard(m: ReportModel): string {
  const p = m.planning;
  if (!p) return '';
  return `<section class="card" id="headroom-to-buy">
<h2>How much headroom to buy</h2>
<p class="note">${escapeHtml(p.text)}</p>${p.command ? `\n<p><code>${escapeHtml(p.command)}</code></p>` : ''}
</section>`;
}

/** The whole page; svgs[section][chart] are the rendered charts of m.sections. */
export function reportPageHtml(m: ReportModel, svgs: string[][]): string {
  const outages = outageTable(m);
  const toc: [string, string][] = m.sections.map((s) => [s.id, s.short]);
  if (outages) toc.unshift(['outages', 'Outages']);
  toc.push(['clusters', 'Per cluster']);
  if (m.workloads.length > 0 || m.workloadSummaries.length > 0) toc.push(['workloads', 'Workloads']);
  if (hasTimeline(m)) toc.push(['timeline', 'Timeline']);
  if (m.planning) toc.push(['headroom-to-buy', 'Headroom to buy']);
  const body = `${header(m, toc)}
<main class="wrap">
${outages}
${chartSections(m, svgs)}
${clusterTable(m)}
${workloadTables(m)}
${timeline(m)}
${planningCard(m)}
</main>
<footer class="wrap">${m.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</footer>`;
  return pageShell({ title: `${m.title} · headroom report`, body, data: { id: 'headroom-summary', value: m.summary } });
}
