/**
 * Where a panel's plot sits inside its SVG: a fixed room for the y axis (labels and title) at the
 * left and for the time axis at the bottom, so the plots of panels stacked in a column line up
 * in time whatever their labels.
 */
import type { Frame } from './panel-types.ts';

export const AXIS_LABEL_FONT_PX = 10;
export const AXIS_TITLE_FONT_PX = 11;
/** from the left edge: 2 px padding, the y title, 4 px, 44 px of labels and ticks */
const LEFT_PX = 64;
const RIGHT_PX = 8;
const TOP_PX = 13;
/** room above the plot for a threshold label drawn there */
const TOP_WITH_LABEL_PX = 20;
/** the time labels, then the time axis's title */
const BOTTOM_PX = 34;

export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function plotBox(frame: Frame): PlotBox {
  const top = frame.layers.some((l) => l.kind === 'threshold' && l.place === 'above') ? TOP_WITH_LABEL_PX : TOP_PX;
  return { left: LEFT_PX, top, width: Math.max(1, frame.width - LEFT_PX - RIGHT_PX), height: Math.max(1, frame.height - top - BOTTOM_PX) };
}
