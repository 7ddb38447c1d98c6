/**
 * The y axis of a panel: where values land, which round values get a tick, and how a tick's
 * label reads. Linear ticks follow d3-array's `ticks` (1, 2 or 5 times a power of ten, the step
 * closest to the count asked for), so the axes read as the vega charts of the page did; labels
 * follow the d3 formats the panels name (`,~r`: six significant digits, trailing zeros trimmed,
 * thousands grouped; `,d`: whole numbers, grouped).
 */
import type { Frame } from './panel-types.ts';

/** A map from a data value to pixels below the top of the plot, clamped to the plot. */
export type YScale = (v: number) => number;

export function yScale(frame: Frame, heightPx: number): YScale {
  if (frame.yLog) {
    const lo = Math.log(frame.yLog.yMin);
    const span = Math.log(frame.yMax) - lo || 1;
    return (v) => heightPx * (1 - clamp01((Math.log(Math.max(v, Number.MIN_VALUE)) - lo) / span));
  }
  const top = frame.yMax || 1;
  return (v) => heightPx * (1 - clamp01(v / top));
}

/** A map from seconds since the start of the run to pixels from the left of the plot. */
export function xScale(frame: Frame, widthPx: number): (tSec: number) => number {
  const span = frame.endSec - frame.startSec || 1;
  return (t) => ((t - frame.startSec) / span) * widthPx;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/** Round values over [start, stop], about `count` of them (d3-array's ticks for start ≤ stop). */
export function linearTicks(start: number, stop: number, count: number): number[] {
  if (!(stop > start) || !(count > 0)) return [start];
  const step = (stop - start) / count;
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  const out: number[] = [];
  if (power < 0) {
    // a step below 1 is kept as its inverse, so the ticks are exact decimals (0.1, not 0.30000000000000004)
    const inc = 10 ** -power / factor;
    for (let i = Math.ceil(start * inc); i <= Math.floor(stop * inc); i++) out.push(i / inc);
  } else {
    const inc = factor * 10 ** power;
    for (let i = Math.ceil(start / inc); i <= Math.floor(stop / inc); i++) out.push(i * inc);
  }
  return out;
}

/** 1, 2, 5 times powers of ten between lo and hi: round ticks for a log axis. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let p = 10 ** Math.floor(Math.log10(lo)); p <= hi; p *= 10) {
    for (const f of [1, 2, 5]) if (f * p >= lo && f * p <= hi) out.push(Number((f * p).toPrecision(6)));
  }
  return out;
}

const SIGNIFICANT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The tick label of a value in one of the panels' formats. */
export function formatTick(v: number, format: string): string {
  if (format === ',d') return WHOLE.format(Math.round(v));
  if (format === ',~r') return SIGNIFICANT.format(v);
  throw new Error(`unsupported axis format ${format}`);
}

/** The y ticks of a panel: round values, or only whole ones when the labels are whole numbers. */
export function yTicks(frame: Frame): number[] {
  if (frame.yLog) return logTicks(frame.yLog.yMin, frame.yMax);
  const ticks = linearTicks(0, frame.yMax, 4);
  return frame.yFormat === ',d' ? ticks.filter(Number.isInteger) : ticks;
}
