/**
 * The SLO rule's label sits where no line of the chart runs over it (above the rule at its right
 * end, else its left end, else above the plot), and the page's nav names the fleet section as it is.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { latencyPanel } from '../../src/report/charts/run-charts.ts';
import type { ChartContext } from '../../src/report/charts/run-charts.ts';
import { thresholdPlace } from '../../src/report/charts/layers.ts';
import type { Frame } from '../../src/report/charts/layers.ts';
import { plotBox } from '../../src/report/charts/panel-layout.ts';
import { renderSvg } from '../../src/report/charts/render-svg.ts';
import type { ClusterSeries } from '../../src/report/types.ts';
import { buildFixtureReport } from './helpers.ts';
import { fleetSection } from '../../src/report/sections/fleet.ts';

const HOUR = 3600;
const ctx: ChartContext = {
  startSec: 0,
  endSec: 4 * HOUR,
  maxPoints: 1000,
  annotations: { outages: [], shifts: [], scaleUps: [], scaleDowns: [], preemptions: [] },
  sloP99Ms: 250,
};

/** A p99 at 120 ms every 10 s, with 2,000 ms spikes of a minute at the given times. */
function series(spikesAtSec: number[]): ClusterSeries {
  const n = (4 * HOUR) / 10 + 1;
  const t = new Float64Array(n).map((_, i) => i * 10);
  const p99 = t.map((s) => (spikesAtSec.some((at) => s >= at && s < at + 60) ? 2000 : 120));
  return { cluster: 'az-a', timeSec: t, columns: { p99_ms: p99, p95_ms: p99.map((v) => v * 0.6), p50_ms: p99.map(() => 17) } };
}

/** Where the latency panel puts the SLO label, and the label's element in the drawn SVG. */
async function labelOf(cs: ClusterSeries): Promise<{ place: string; text: string }> {
  const spec = latencyPanel(ctx, cs, { yMin: 10, yMax: 2000 });
  const layer = spec.panel.layers.find((l) => l.kind === 'threshold');
  const { svg, warnings } = await renderSvg(spec, 'k', 'latency');
  expect(warnings).toEqual([]);
  const text = /<text [^>]*>SLO p99 250 ms<\/text>/.exec(svg)?.[0] ?? '';
  return { place: layer?.kind === 'threshold' ? layer.place : 'none', text };
}

describe('the SLO label of the latency chart', () => {
  it('sits above the rule at the right end when nothing rises there', async () => {
    const label = await labelOf(series([40 * 60, 110 * 60]));
    expect(label.place).toBe('right');
    // anchored at its end, 2 px inside the plot's right edge (a 248 px plot)
    expect(label.text).toMatch(/ x="246" [^>]*text-anchor="end"/);
  });

  it('moves to the left end when a spike runs up under the right end (the last burst near the end)', async () => {
    const label = await labelOf(series([110 * 60, 3 * HOUR + 50 * 60]));
    expect(label.place).toBe('left');
    expect(label.text).toMatch(/ x="2" [^>]*text-anchor="start"/);
  });

  it('goes above the plot when both ends have a spike, and renders there', async () => {
    const label = await labelOf(series([5 * 60, 3 * HOUR + 50 * 60]));
    expect(label.place).toBe('above');
    // above the plot's top edge (y < 0 in the plot's frame), where nothing is drawn
    expect(label.text).toMatch(/ y="-\d+" /);
  });

  it('never has a drawn point above the rule inside its box (property)', () => {
    const frame: Frame = { startSec: 0, endSec: 1000, width: 320, height: 190, yTitle: '', yMax: 2000, layers: [] };
    const label = 'SLO p99 250 ms';
    // the box the placement keeps clear: the label's width at 6.2 px a glyph, on the panel's plot
    const span = ((label.length * 6.2 + 4) / plotBox(frame).width) * 1000;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 2000 })), { minLength: 1, maxLength: 40 }), (points) => {
        const sorted = [...points].sort((a, b) => a[0] - b[0]);
        const s = { t: sorted.map((p) => p[0]), v: sorted.map((p) => p[1]) };
        const place = thresholdPlace(frame, 250, label, [s]);
        if (place === 'above') return;
        const [lo, hi] = place === 'right' ? [1000 - span, 1000] : [0, span];
        for (let i = 0; i < s.t.length; i++) if (s.t[i] >= lo && s.t[i] <= hi) expect(s.v[i]).toBeLessThanOrEqual(250);
      }),
    );
  });
});

describe("the nav's name for the fleet section", () => {
  const navOf = (html: string) => [...html.matchAll(/<a href="#fleet">([^<]*)<\/a>/g)].map((m) => m[1]);
  const fleetOf = (html: string) => html.slice(html.indexOf('id="fleet"'), html.indexOf('</section>', html.indexOf('id="fleet"')));

  it('says "Cost and share" when the section has the share chart (a run with an outage)', async () => {
    const { html } = await buildFixtureReport('run-burst-outage');
    expect(navOf(html)).toEqual(['Cost and share']);
    expect(fleetOf(html)).toContain('Traffic share of each cluster');
  }, 60_000);

  it('says "Cost" when it has none (no shift, no outage, the share never moved)', () => {
    const cs = (cluster: string): ClusterSeries => ({
      cluster,
      timeSec: Float64Array.from([0, 10, 20]),
      columns: { cost_per_hour: Float64Array.from([1, 1, 1]), traffic_share: Float64Array.from([0.5, 0.5, 0.5]) },
    });
    const section = fleetSection([cs('az-a'), cs('az-b')], ctx)!;
    expect(section.charts.map((c) => c.title)).toEqual(['Cost per hour, stacked by cluster']);
    expect([section.short, section.title]).toEqual(['Cost', 'Cost']);
  });
});
