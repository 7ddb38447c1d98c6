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

/** The label layer of a latency panel's spec. */
function labelOf(cs: ClusterSeries) {
  const spec = latencyPanel(ctx, cs, { yMin: 10, yMax: 2000 }) as unknown as { layer: { mark: { type: string; text?: string; align?: string }; data: { values: { t: number }[] }; encoding?: { y?: { value?: number } } }[] };
  return spec.layer.find((l) => l.mark.type === 'text' && l.mark.text?.startsWith('SLO'))!;
}

describe('the SLO label of the latency chart', () => {
  it('sits above the rule at the right end when nothing rises there', () => {
    const label = labelOf(series([40 * 60, 110 * 60]));
    expect([label.mark.align, label.data.values[0].t]).toEqual(['right', 4 * HOUR]);
  });

  it('moves to the left end when a spike runs up under the right end (the last burst near the end)', () => {
    const label = labelOf(series([110 * 60, 3 * HOUR + 50 * 60]));
    expect([label.mark.align, label.data.values[0].t]).toEqual(['left', 0]);
  });

  it('goes above the plot when both ends have a spike, and renders there', async () => {
    const cs = series([5 * 60, 3 * HOUR + 50 * 60]);
    const label = labelOf(cs);
    expect(label.encoding?.y?.value).toBe(0);
    const { svg, warnings } = await renderSvg(latencyPanel(ctx, cs, { yMin: 10, yMax: 2000 }), 'k', 'latency');
    expect(warnings).toEqual([]);
    expect(svg).toContain('SLO p99 250 ms');
  });

  it('never has a drawn point above the rule inside its box (property)', () => {
    const frame: Frame = { startSec: 0, endSec: 1000, width: 320, height: 190, yTitle: '', yMax: 2000, layers: [] };
    const label = 'SLO p99 250 ms';
    // the box the placement keeps clear: the label's width at 6.2 px a glyph, on a 270 px plot
    const span = ((label.length * 6.2 + 4) / 270) * 1000;
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
