import { describe, it, expect, vi } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { prefixIds, renderSvg } from '../../src/report/charts/render-svg.ts';

const line = (extra: Record<string, unknown> = {}): TopLevelSpec =>
  ({
    width: 200,
    height: 100,
    data: { values: [{ t: 0, v: 1, s: 'a' }, { t: 1, v: 3, s: 'a' }] },
    mark: { type: 'line', clip: true },
    encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' }, ...extra },
  }) as TopLevelSpec;

describe('renderSvg', () => {
  it('draws a fluid SVG with marks, a label and prefixed ids', async () => {
    const out = await renderSvg(line(), 'p7', 'a &quot;label&quot;');
    expect(out.svg).toMatch(/^<svg[^>]* role="img" aria-label="a &quot;label&quot;"/);
    expect(out.svg).not.toMatch(/^<svg[^>]* width=/);
    expect(out.svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(out.svg).toContain('clip-path="url(#p7-1)"');
    expect(out.svg).toMatch(/<path[^>]* d="M[\d.]+,[\d.]+L/);
    expect(out.warnings).toEqual([]);
  });

  it('hands warnings back instead of printing them', async () => {
    const warn = vi.spyOn(console, 'warn');
    const out = await renderSvg(line({ strokeWidth: { field: 's', type: 'nominal' } }), 'w', 'w');
    expect(out.warnings.join('\n')).toMatch(/strokeWidth/);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('renumbers ids in order of appearance, whatever vega numbered them', () => {
    const svg = '<svg><defs><clipPath id="clip131"/><clipPath id="clip7"/></defs><g clip-path="url(#clip7)"/><use href="#clip131"/></svg>';
    expect(prefixIds(svg, 'c0-')).toBe('<svg><defs><clipPath id="c0-1"/><clipPath id="c0-2"/></defs><g clip-path="url(#c0-2)"/><use href="#c0-1"/></svg>');
  });
});
