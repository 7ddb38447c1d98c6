import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { buildReport, readRun } from '../../src/report/index.ts';
import { buildReportModel } from '../../src/report/model.ts';
import { renderSvg } from '../../src/report/charts/render-svg.ts';
import { HEADLINE_METRICS, METRICS, formatMetric, metricValue } from '../../src/report/metrics.ts';
import { escapeHtml } from '../../src/report/escape.ts';
import { buildFixtureReport, dataKeyed, readText, unescapeHtml } from './helpers.ts';
import type { BuiltReport } from './helpers.ts';
import { XSS_CLUSTER, XSS_SCENARIO, XSS_WORKLOAD } from '../fixtures/runs.ts';

describe('report.html of the burst-and-outage fixture', () => {
  let r: BuiltReport;
  beforeAll(async () => {
    r = await buildFixtureReport('run-burst-outage');
  });

  it('shows every headline number of summary.json, exactly, in a data attribute and as text', () => {
    const tiles = dataKeyed(r.html).filter((e) => e.tag === 'div');
    expect(tiles.map((t) => t.attrs['data-key'])).toEqual(HEADLINE_METRICS.map((m) => m.path));
    for (const def of HEADLINE_METRICS) {
      const tile = tiles.find((t) => t.attrs['data-key'] === def.path)!;
      const want = metricValue(r.summary, def.path);
      expect(want, def.path).toBeTypeOf('number');
      expect(Number(tile.attrs['data-value']), def.path).toBe(want);
      expect(unescapeHtml(tile.text)).toBe(formatMetric(def, want, 'USD'));
    }
  });

  it('gives every key number per cluster in the table, equal to summary.perCluster', () => {
    const cells = dataKeyed(r.html).filter((e) => e.tag === 'td' && e.attrs['data-cluster'] !== undefined);
    const per = r.summary.perCluster as Record<string, unknown>;
    let compared = 0;
    for (const cell of cells) {
      const cluster = unescapeHtml(cell.attrs['data-cluster']);
      const want = metricValue(cluster ? per[cluster] : r.summary, cell.attrs['data-key']);
      if (want === undefined) {
        expect(cell.attrs['data-value']).toBeUndefined();
        continue;
      }
      expect(Number(cell.attrs['data-value']), `${cluster} ${cell.attrs['data-key']}`).toBe(want);
      compared++;
    }
    // fleet + 4 clusters, every metric of the list (engine.events is fleet-only; the optional ones are not in this run)
    expect(compared).toBe(5 * METRICS.filter((m) => !m.optional).length - 4);
  });

  it('states the SLO verdict from p99 and error rate against the SLO', () => {
    const p99 = metricValue(r.summary, 'latencyMs.p99')!;
    const err = metricValue(r.summary, 'requests.errorRate')!;
    const met = p99 <= metricValue(r.summary, 'slo.latencyP99Ms')! && err <= metricValue(r.summary, 'slo.errorRate')!;
    expect(r.html).toContain(`data-verdict="${met ? 'met' : 'missed'}"`);
  });

  it('is self-contained: a CSP that forbids scripts and fetches, no outside URL, no executable script', () => {
    expect(r.html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(r.html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(r.html).not.toMatch(/url\((?!#)/);
    const scripts = [...r.html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([' type="application/json" id="headroom-summary"']);
  });

  it('draws every chart as inline SVG with marks, and every time chart has the annotations of the run', () => {
    const figures = r.html.split('<figure').slice(1);
    // traffic, latency, nodes, pods per cluster (4 x 4), the close-up (3 x 4), cost and share
    expect(figures.length).toBe(16 + 12 + 2);
    for (const f of figures) {
      expect(f).toMatch(/<svg[^>]*viewBox=/);
      expect(f).toMatch(/<path[^>]* d="M[\d.-]+,[\d.-]+L/);
    }
    const sections = [...r.html.matchAll(/<section class="card" id="([\w-]+)"/g)].map((m) => m[1]);
    // the outage's own card first: what it cost users and when the fleet recovered
    expect(sections).toEqual(['outages', 'traffic', 'latency', 'nodes', 'pods', 'closeup', 'fleet', 'clusters', 'workloads', 'timeline']);
    // the outage of az-c and the shifts are marked; scale-ups as triangles on the nodes charts
    expect(r.html).toContain('>outage</text>');
    expect(r.html).toContain('stroke-dasharray="3,3"');
  });

  it('compiles and renders every chart spec without a warning from vega-lite or vega', async () => {
    const model = buildReportModel(await readRun(r.dir));
    for (const s of model.sections) {
      for (const c of s.charts) {
        const out = await renderSvg(c.spec, 'x', 'x');
        expect(out.warnings, `${s.id}: ${c.title}`).toEqual([]);
      }
    }
  });

  it('has unique ids across its charts (vega numbers its clip paths from 1 in each)', () => {
    const ids = [...r.html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of r.html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
  });

  it('is written atomically and byte-identical on a rebuild', async () => {
    expect(readdirSync(r.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = readText(await buildReport(r.dir));
    expect(again).toBe(r.html);
  });
});

describe('names from the scenario are escaped', () => {
  let r: BuiltReport;
  beforeAll(async () => {
    r = await buildFixtureReport('run-xss');
  });

  it('shows the workload, cluster and scenario names as text, never as markup', () => {
    expect(r.html).not.toContain(XSS_WORKLOAD);
    expect(r.html).not.toContain('<img');
    expect(r.html).toContain(escapeHtml(XSS_WORKLOAD));
    expect(r.html).toContain(`<h1><span class="kind">headroom run</span>${escapeHtml(XSS_SCENARIO)}</h1>`);
    expect(r.html).toContain(`<figcaption>${escapeHtml(XSS_CLUSTER)}</figcaption>`);
    // the only </script> closes the JSON block; no name opens a comment
    expect(r.html.match(/<\/script>/g)).toHaveLength(1);
    expect(r.html).not.toContain('<!--');
  });

  it('keeps the names exact inside the inline JSON', () => {
    const json = /<script type="application\/json" id="headroom-summary">([^<]*)<\/script>/.exec(r.html)![1];
    const summary = JSON.parse(json);
    expect(summary.scenario).toBe(XSS_SCENARIO);
    expect(Object.keys(summary.perCluster)).toContain(XSS_CLUSTER);
    expect(Object.keys(summary.perWorkload)).toEqual([XSS_WORKLOAD]);
  });

  it('keeps the names exact in data attributes', () => {
    const clusters = new Set(dataKeyed(r.html).map((e) => e.attrs['data-cluster']).filter((c) => c !== undefined).map(unescapeHtml));
    expect([...clusters]).toEqual(['', 'az-a', XSS_CLUSTER]);
  });
});
