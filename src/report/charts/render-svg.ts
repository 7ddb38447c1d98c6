/**
 * Renders the page's charts to SVG at build time, so the page needs no script at all: it opens as
 * fast as the browser can lay out SVG, and nothing in it can run. Time panels are drawn directly
 * (panel-svg.ts); other charts (bars, the sweep's frontier) through vega's headless View.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ShapeCache, splitData } from './chart-shape.ts';
import { isPanel } from './panel-types.ts';
import type { ChartSpec } from './panel-types.ts';
import { renderPanelSvg } from './panel-svg.ts';

// vega and vega-lite take about a fifth of a second to load: only a command that draws pays it.
let libraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const loadLibraries = () => (libraries ??= Promise.all([import('vega'), import('vega-lite')]));

/** Shorter path data: coordinates to a tenth of a pixel, which is finer than any screen. */
function roundPathData(svg: string): string {
  return svg.replace(/ d="([^"]*)"/g, (_, d: string) => ` d="${d.replace(/-?\d*\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`);
}

/**
 * Several SVGs share one document, and vega numbers its clip paths with a counter that runs
 * across renders: rename every id of this chart to the prefix and its order of appearance, so
 * ids are unique in the page and the same chart always gets the same bytes.
 */
export function prefixIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  for (const m of svg.matchAll(/ id="([^"]+)"/g)) if (!names.has(m[1])) names.set(m[1], `${prefix}${names.size + 1}`);
  const rename = (id: string): string => names.get(id) ?? id;
  return svg
    .replace(/ id="([^"]+)"/g, (_, id: string) => ` id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/ (xlink:)?href="#([^"]+)"/g, (_, x: string | undefined, id: string) => ` ${x ?? ''}href="#${rename(id)}"`);
}

/** Fixed pixel size out, viewBox kept: the page's CSS scales the chart to its column. */
function makeFluid(svg: string, label: string): string {
  return svg.replace(/^<svg([^>]*)>/, (_, attrs: string) => {
    const kept = attrs.replace(/ width="[^"]*"/, '').replace(/ height="[^"]*"/, '');
    return `<svg${kept} role="img" aria-label="${label}" preserveAspectRatio="xMidYMid meet">`;
  });
}

export interface RenderedChart {
  svg: string;
  width: number;
  height: number;
  /** what vega-lite and vega warned about while compiling and rendering (never printed) */
  warnings: string[];
}

type Vega = typeof import('vega');
const shapes = new ShapeCache<{ runtime: ReturnType<Vega['parse']>; warnings: string[] }>();

function collect(vega: Vega, warnings: string[]) {
  return vega.logger(vega.Warn, 'warn', (_method, _level, args) => warnings.push(args.map(String).join(' ')));
}

/**
 * One chart as an SVG string. `id` must be unique in the page; `label` must already be
 * HTML-escaped (it becomes an attribute).
 */
export async function renderSvg(spec: ChartSpec, id: string, label: string): Promise<RenderedChart> {
  if (isPanel(spec)) return { ...renderPanelSvg(spec.panel, id, label), warnings: [] };
  const [vega, { compile }] = await loadLibraries();
  const { shape, datasets } = splitData(spec);
  // Compiling and parsing a spec costs about half of drawing it; charts of one shape do it once.
  const compiled = shapes.get(JSON.stringify(shape), () => {
    const warnings: string[] = [];
    const logger = collect(vega, warnings);
    const empty = Object.fromEntries([...datasets.keys()].map((name) => [name, []]));
    const runtime = vega.parse(compile({ ...shape, datasets: empty } as TopLevelSpec, { logger }).spec);
    return { runtime, warnings };
  });
  // The library never writes to the console: warnings are collected and handed back.
  const warnings = [...compiled.warnings];
  const view = new vega.View(compiled.runtime, { renderer: 'none', logger: collect(vega, warnings) });
  for (const [name, values] of datasets) view.data(name, values);
  try {
    const raw = await view.toSVG();
    const width = Number(/ width="([\d.]+)"/.exec(raw)?.[1] ?? 0);
    const height = Number(/ height="([\d.]+)"/.exec(raw)?.[1] ?? 0);
    return { svg: makeFluid(prefixIds(roundPathData(raw), `${id}-`), label), width, height, warnings };
  } finally {
    view.finalize();
  }
}
