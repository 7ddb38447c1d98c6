/**
 * The time panels drawn straight to SVG: where a value lands, the axes' ticks and labels, each
 * layer's marks, and that nothing drawn leaves the plot.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatTick, linearTicks, yTicks } from '../../src/report/charts/axis-ticks.ts';
import { areaLayer, linesLayer, markerLayer, outageLayer, panel, ruleLayer, stackLayer, thresholdLayers } from '../../src/report/charts/layers.ts';
import type { Frame } from '../../src/report/charts/layers.ts';
import { plotBox } from '../../src/report/charts/panel-layout.ts';
import { renderPanelSvg } from '../../src/report/charts/panel-svg.ts';

const frame = (over: Partial<Frame> = {}): Frame => ({ startSec: 0, endSec: 3600, width: 320, height: 190, yTitle: 'pods', yMax: 100, layers: [], ...over });

/** The numbers of every path's d and every line's and rect's coordinates. */
function paths(svg: string): string[] {
  return [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
}

describe('axis ticks', () => {
  it.each([
    // d3-array's ticks(start, stop, count) for the same arguments
    [0, 150_000, 4, [0, 50_000, 100_000, 150_000]],
    [0, 100, 4, [0, 20, 40, 60, 80, 100]],
    [0, 1.2, 4, [0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]],
    [0, 25, 4, [0, 5, 10, 15, 20, 25]],
    [0, 0.03, 4, [0, 0.01, 0.02, 0.03]],
  ])('linearTicks(%d, %d, %d)', (start, stop, count, want) => {
    expect(linearTicks(start, stop, count)).toEqual(want);
  });

  it('keeps whole ticks only on an axis of whole numbers', () => {
    expect(yTicks(frame({ yMax: 1.2, yFormat: ',d' }))).toEqual([0, 1]);
    expect(yTicks(frame({ yMax: 1.2 }))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
  });

  it('labels as the d3 formats it names', () => {
    expect(formatTick(150_000, ',~r')).toBe('150,000');
    expect(formatTick(0.5, ',~r')).toBe('0.5');
    expect(formatTick(1234.5678, ',~r')).toBe('1,234.57');
    expect(formatTick(2000, ',d')).toBe('2,000');
  });
});

describe('renderPanelSvg', () => {
  it('puts a value where the axis says: a line from the floor at the start to the top at the end', () => {
    const f = frame({ yMax: 50 });
    f.layers = [linesLayer([{ t: 0, s: 'a', v: 0 }, { t: 3600, s: 'a', v: 50 }], [{ key: 'a', color: '#123456' }])];
    const { svg } = renderPanelSvg(f, 'p', 'label');
    const box = plotBox(f);
    expect(svg).toContain(`<path d="M0,${box.height}L${box.width},0" stroke="#123456"`);
    expect(svg).toContain(`viewBox="0 0 320 190"`);
    expect(svg).toContain('aria-label="label"');
  });

  it('places a log axis by decades, clamps below its floor, and labels 1-2-5 values', () => {
    const f = frame({ yMax: 1000, yLog: { yMin: 10 }, yFormat: ',~r' });
    f.layers = [linesLayer([{ t: 0, s: 'a', v: 100 }, { t: 1800, s: 'a', v: 1 }], [{ key: 'a', color: '#000' }])];
    const { svg } = renderPanelSvg(f, 'p', 'l');
    const h = plotBox(f).height;
    // 100 is half-way up a 10..1000 log axis; 1 is clamped to the floor
    expect(paths(svg)[0]).toBe(`M0,${Math.round((h / 2) * 10) / 10}L${plotBox(f).width / 2},${h}`);
    for (const label of ['10', '20', '50', '100', '200', '500', '1,000']) expect(svg).toContain(`>${label}</text>`);
  });

  it('stacks the last key at the bottom and the first on top, its top edge the total', () => {
    const f = frame({ yMax: 10, width: 620, height: 220 });
    f.layers = [stackLayer([{ t: 0, a: 2, b: 3 }, { t: 3600, a: 2, b: 3 }], ['a', 'b'], ['#aaaaaa', '#bbbbbb'])];
    const { svg } = renderPanelSvg(f, 'p', 'l');
    const box = plotBox(f);
    const y = (v: number) => Math.round(box.height * (1 - v / 10) * 10) / 10;
    const [top, bottom] = paths(svg);
    expect(top).toBe(`M0,${y(5)}L${box.width},${y(5)}L${box.width},${y(3)}L0,${y(3)}Z`);
    expect(bottom).toBe(`M0,${y(3)}L${box.width},${y(3)}L${box.width},${y(0)}L0,${y(0)}Z`);
    expect(svg.indexOf('#aaaaaa')).toBeLessThan(svg.indexOf('#bbbbbb'));
  });

  it('draws each annotation: outages shaded and named, shifts dashed, markers, the threshold and its label', () => {
    const f = frame();
    f.layers = [
      ...outageLayer([{ cluster: 'az-a', startSec: 600, endSec: 1200 } as never]),
      ...ruleLayer([{ timeSec: 1800 } as never], '#6e7781'),
      ...markerLayer([{ timeSec: 100 } as never, { timeSec: 200 } as never], 'triangle-up', '#2b8a3e', 4),
      areaLayer([{ t: 0, v: 10 }, { t: 3600, v: 10 }], '#d62728'),
    ];
    f.layers.push(...thresholdLayers(f, 50, 'SLO <50>', '#d62728'));
    const { svg } = renderPanelSvg(f, 'p', 'l');
    expect(svg).toContain('>outage</text>');
    expect(svg).toMatch(/<rect x="[\d.]+" y="0" width="[\d.]+" height="\d+" fill="#d62728" opacity="0.1"\/>/);
    expect(svg).toContain('stroke-dasharray="3,3"');
    expect(svg.match(/<path transform="translate\(/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="6,4"');
    // a scenario's text is escaped, never markup
    expect(svg).toContain('>SLO &lt;50&gt;</text>');
    expect(svg).toMatch(/class="mark-area role-mark" clip-path="url\(#p-clip\)"/);
  });

  it('thins labels that would overlap, keeping every other one', () => {
    const f = frame({ height: 60, yMax: 1e5, yLog: { yMin: 1 } });
    const { svg } = renderPanelSvg(f, 'p', 'l');
    const labels = [...svg.matchAll(/text-anchor="end" font-size="10px" fill="#57606a">([\d,]+)<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.length).toBeLessThan(16);
    expect(labels[0]).toBe('1');
  });

  it('draws every point inside the plot, whatever the values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3600 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (points, log) => {
          const f = frame({ yMax: 500, ...(log ? { yLog: { yMin: 1 } } : {}) });
          const rows = [...points].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, s: 'a', v }));
          f.layers = [linesLayer(rows, [{ key: 'a', color: '#000' }])];
          const { svg } = renderPanelSvg(f, 'p', 'l');
          const box = plotBox(f);
          for (const d of paths(svg)) {
            for (const [, x, y] of d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)) {
              expect(Number(x)).toBeGreaterThanOrEqual(0);
              expect(Number(x)).toBeLessThanOrEqual(box.width);
              expect(Number(y)).toBeGreaterThanOrEqual(0);
              expect(Number(y)).toBeLessThanOrEqual(box.height);
            }
          }
        },
      ),
    );
  });

  it('is the same panel through panel() and renderSvg', async () => {
    const { renderSvg } = await import('../../src/report/charts/render-svg.ts');
    const f = frame();
    f.layers = [linesLayer([{ t: 0, s: 'a', v: 1 }, { t: 60, s: 'a', v: 2 }], [{ key: 'a', color: '#000' }])];
    const out = await renderSvg(panel(f), 'q', 'l');
    expect(out.svg).toBe(renderPanelSvg(f, 'q', 'l').svg);
    expect(out.warnings).toEqual([]);
  });
});
