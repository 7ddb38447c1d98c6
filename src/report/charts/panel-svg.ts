/**
 * Draws a panel (panel(), layers.ts) straight to SVG: the page's time charts are a handful of
 * shapes (lines, areas, a stack, a band, rules, a few symbols) over a linear or log y axis and
 * the shared time axis, so they are written here as strings in one pass over the points, a
 * millisecond or two a chart, where a general chart library's dataflow took tens. The look is
 * the one theme.ts sets for every chart of the page (colours, fonts, grid and axis greys).
 */
import { escapeHtml } from '../escape.ts';
import { AXIS_LABEL_FONT_PX, AXIS_TITLE_FONT_PX, plotBox } from './panel-layout.ts';
import type { PlotBox } from './panel-layout.ts';
import { formatTick, xScale, yScale, yTicks } from './axis-ticks.ts';
import type { YScale } from './axis-ticks.ts';
import type { Frame, Layer, MarkerShape } from './panel-types.ts';
import { CHART_CONFIG, COLORS, FONT } from './theme.ts';
import { timeAxisTitle, timeLabel, timeTicks } from './time-axis.ts';

const AXIS = CHART_CONFIG.axis as { gridColor: string; domainColor: string; tickColor: string; labelColor: string };
const TICK_PX = 5;
const LINE_WIDTH = 1.4;
/** an average glyph width of the chart font, as a share of its size (for labels that must not overlap) */
const GLYPH_EM = 0.58;

/** A coordinate to a tenth of a pixel, which is finer than any screen. */
function px(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Lines of one pixel drawn on the half pixel, so they are crisp. */
function crisp(v: number): number {
  return Math.round(v) + 0.5;
}

interface Scales {
  x: (tSec: number) => number;
  y: YScale;
  box: PlotBox;
  /** the values the axes tick at: times (seconds) and y values, shared by the grid and the axes */
  times: number[];
  yValues: number[];
}

export interface PanelSvg {
  svg: string;
  width: number;
  height: number;
}

/** One panel as an SVG string; `id` must be unique in the page, `label` already HTML-escaped. */
export function renderPanelSvg(frame: Frame, id: string, label: string): PanelSvg {
  const box = plotBox(frame);
  const s: Scales = {
    x: xScale(frame, box.width),
    y: yScale(frame, box.height),
    box,
    times: timeTicks(frame.startSec, frame.endSec, frame.width < 400 ? 5 : 8),
    yValues: yTicks(frame),
  };
  const clip = `${id}-clip`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="marks" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${label}" preserveAspectRatio="xMidYMid meet">`,
    `<rect width="${frame.width}" height="${frame.height}" fill="#ffffff"/>`,
    `<defs><clipPath id="${clip}"><rect x="0" y="0" width="${box.width}" height="${box.height}"/></clipPath></defs>`,
    `<g transform="translate(${box.left},${box.top})" fill="none" font-family="${escapeHtml(FONT)}">`,
    grid(s),
  ];
  for (const layer of frame.layers) parts.push(drawLayer(layer, s, clip));
  parts.push(axes(frame, s), '</g></svg>');
  return { svg: parts.join(''), width: frame.width, height: frame.height };
}

function grid(s: Scales): string {
  let out = `<g class="mark-rule role-axis-grid" stroke="${AXIS.gridColor}">`;
  for (const t of s.times) {
    const x = crisp(s.x(t));
    out += `<line x1="${x}" y1="0" x2="${x}" y2="${s.box.height}"/>`;
  }
  for (const v of s.yValues) {
    const y = crisp(s.y(v));
    out += `<line x1="0" y1="${y}" x2="${s.box.width}" y2="${y}"/>`;
  }
  return `${out}</g>`;
}

interface Label {
  at: number;
  text: string;
}

/**
 * Every other label dropped until none overlap (vega's "parity" strategy for labelOverlap): a
 * dense log axis or a narrow time axis keeps a regular subset of its labels.
 */
function thinLabels(labels: Label[], extentPx: (l: Label) => number): Label[] {
  let kept = labels;
  const overlaps = (ls: Label[]) => ls.some((l, i) => i > 0 && Math.abs(l.at - ls[i - 1].at) < (extentPx(l) + extentPx(ls[i - 1])) / 2 + 2);
  while (kept.length > 2 && overlaps(kept)) kept = kept.filter((_, i) => i % 2 === 0);
  return kept;
}

function axes(frame: Frame, s: Scales): string {
  const { width, height } = s.box;
  const text = (attrs: string, body: string, size = AXIS_LABEL_FONT_PX) => `<text ${attrs} font-size="${size}px" fill="${AXIS.labelColor}">${escapeHtml(body)}</text>`;
  const bottom = crisp(height);
  let out = `<g class="mark-rule role-axis-domain" stroke="${AXIS.domainColor}"><line x1="0" y1="${bottom}" x2="${width}" y2="${bottom}"/><line x1="0.5" y1="0" x2="0.5" y2="${height}"/></g>`;

  const { times, yValues } = s;
  out += `<g class="mark-rule role-axis-tick" stroke="${AXIS.tickColor}">`;
  for (const t of times) out += `<line x1="${crisp(s.x(t))}" y1="${height}" x2="${crisp(s.x(t))}" y2="${height + TICK_PX}"/>`;
  for (const v of yValues) out += `<line x1="0" y1="${crisp(s.y(v))}" x2="${-TICK_PX}" y2="${crisp(s.y(v))}"/>`;
  out += '</g><g class="mark-text role-axis-label">';

  const charPx = AXIS_LABEL_FONT_PX * GLYPH_EM;
  const xLabels = thinLabels(
    times.map((t) => ({ at: s.x(t), text: timeLabel(t, frame.startSec, frame.endSec) })),
    (l) => l.text.length * charPx,
  );
  for (const l of xLabels) {
    // labels at the plot's ends are flush with it, so none hangs past the chart's edge
    const anchor = l.at <= 0.5 ? 'start' : l.at >= width - 0.5 ? 'end' : 'middle';
    out += text(`x="${px(l.at)}" y="${height + 15}" text-anchor="${anchor}"`, l.text);
  }
  const format = frame.yFormat ?? ',~r';
  const yLabels = thinLabels(
    yValues.map((v) => ({ at: s.y(v), text: formatTick(v, format) })),
    () => AXIS_LABEL_FONT_PX,
  );
  for (const l of yLabels) out += text(`x="-7" y="${px(l.at + 3)}" text-anchor="end"`, l.text);
  out += '</g><g class="mark-text role-axis-title">';
  out += text(`x="${px(width / 2)}" y="${height + 30}" text-anchor="middle"`, timeAxisTitle(frame.startSec, frame.endSec), AXIS_TITLE_FONT_PX);
  out += text(`transform="translate(-50,${px(height / 2)}) rotate(-90)" text-anchor="middle"`, frame.yTitle, AXIS_TITLE_FONT_PX);
  return `${out}</g>`;
}

function drawLayer(layer: Layer, s: Scales, clip: string): string {
  const group = (mark: string, body: string, clipped = true) => `<g class="mark-${mark} role-mark"${clipped ? ` clip-path="url(#${clip})"` : ''}>${body}</g>`;
  const { width, height } = s.box;
  switch (layer.kind) {
    case 'lines': {
      const bySeries = new Map<string, string>();
      for (const r of layer.rows) {
        const d = bySeries.get(r.s);
        bySeries.set(r.s, `${d === undefined ? 'M' : `${d}L`}${px(s.x(r.t))},${px(s.y(r.v))}`);
      }
      let body = '';
      for (const style of layer.styles) {
        const d = bySeries.get(style.key);
        if (d === undefined) continue;
        const dash = style.dash && style.dash.some((v, i) => i % 2 === 1 && v > 0) ? ` stroke-dasharray="${style.dash.join(',')}"` : '';
        body += `<path d="${d}" stroke="${style.color}" stroke-width="${style.width ?? LINE_WIDTH}" stroke-linejoin="round"${dash}/>`;
      }
      return group('line', body);
    }
    case 'area':
      return group('area', `<path d="${areaPath(layer.rows.map((r) => r.t), layer.rows.map((r) => r.v), undefined, s)}" fill="${layer.color}" opacity="${layer.opacity}"/>`);
    case 'band': {
      const t = layer.rows.map((r) => r.t);
      const d = areaPath(t, layer.rows.map((r) => r[layer.highField]), layer.rows.map((r) => r[layer.lowField]), s);
      return group('area', `<path d="${d}" fill="${layer.color}" opacity="0.7"/>`);
    }
    case 'stack': {
      const t = layer.rows.map((r) => r.t);
      const base = new Float64Array(layer.rows.length);
      const paths: string[] = [];
      // the last key lies at the bottom, the first on top: the top edge is the total
      for (let k = layer.keys.length - 1; k >= 0; k--) {
        const low = Array.from(base);
        for (let i = 0; i < layer.rows.length; i++) base[i] += layer.rows[i][layer.keys[k]] || 0;
        paths.push(`<path d="${areaPath(t, Array.from(base), low, s)}" fill="${layer.colors[k]}" opacity="0.85"/>`);
      }
      return group('area', paths.reverse().join(''));
    }
    case 'threshold': {
      const y = px(s.y(layer.value));
      const rule = `<line x1="0" y1="${y}" x2="${width}" y2="${y}" stroke="${layer.color}" stroke-width="1.3" stroke-dasharray="6,4"/>`;
      const at =
        layer.place === 'above'
          ? `x="${width}" y="-3" text-anchor="end"`
          : layer.place === 'right'
            ? `x="${width - 2}" y="${px(y - 4)}" text-anchor="end"`
            : `x="2" y="${px(y - 4)}" text-anchor="start"`;
      return group('rule', rule, false) + group('text', `<text ${at} font-size="10px" fill="${layer.color}">${escapeHtml(layer.label)}</text>`, false);
    }
    case 'outage': {
      let rects = '';
      let labels = '';
      for (const w of layer.windows) {
        const x0 = px(s.x(w.startSec));
        rects += `<rect x="${x0}" y="0" width="${Math.max(0, px(s.x(w.endSec) - x0))}" height="${height}" fill="${COLORS.outage}" opacity="0.1"/>`;
        labels += `<text x="${px(x0 + 3)}" y="10" font-size="9px" fill="${COLORS.outage}">outage</text>`;
      }
      return group('rect', rects) + group('text', labels);
    }
    case 'rules': {
      let body = '';
      for (const t of layer.timesSec) body += `<line x1="${px(s.x(t))}" y1="0" x2="${px(s.x(t))}" y2="${height}"/>`;
      return group('rule', `<g stroke="${layer.color}" stroke-width="1" stroke-dasharray="3,3">${body}</g>`);
    }
    case 'markers': {
      let body = '';
      const shape = SYMBOLS[layer.shape];
      for (const t of layer.timesSec) body += `<path transform="translate(${px(s.x(t))},${layer.yPx})" d="${shape}"/>`;
      return group('symbol', `<g fill="${layer.color}" opacity="0.9">${body}</g>`);
    }
  }
}

/** Small symbols (a scale-up, a scale-down, a preemption) about 6 px across, centred on the origin. */
const SYMBOLS: Record<MarkerShape, string> = {
  'triangle-up': 'M0,-2.6L3,2.6L-3,2.6Z',
  'triangle-down': 'M0,2.6L3,-2.6L-3,-2.6Z',
  diamond: 'M0,-3.2L3.2,0L0,3.2L-3.2,0Z',
};

/** A filled area between `high` and `low` (the plot's floor when low is not given), left to right. */
function areaPath(t: readonly number[], high: ArrayLike<number>, low: ArrayLike<number> | undefined, s: Scales): string {
  if (t.length === 0) return '';
  let d = '';
  for (let i = 0; i < t.length; i++) d += `${i === 0 ? 'M' : 'L'}${px(s.x(t[i]))},${px(s.y(high[i]))}`;
  for (let i = t.length - 1; i >= 0; i--) d += `L${px(s.x(t[i]))},${low ? px(s.y(low[i])) : px(s.box.height)}`;
  return `${d}Z`;
}
