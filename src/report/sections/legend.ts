/** Legend items more than one section shows, each only when the run has what it names. */
import type { ChartContext } from '../charts/run-charts.ts';
import { COLORS } from '../charts/theme.ts';
import type { LegendItem } from './types.ts';

const OUTAGE: LegendItem = { label: 'zone outage', color: COLORS.outage, kind: 'rect' };
const SHIFT: LegendItem = { label: 'traffic shift', color: COLORS.shift, kind: 'rule' };

/** The marks every time chart carries: outage bands and traffic-shift rules. */
export function timeMarks(ctx: ChartContext): LegendItem[] {
  const a = ctx.annotations;
  return [...(a.outages.length > 0 ? [OUTAGE] : []), ...(a.shifts.length > 0 ? [SHIFT] : [])];
}

export function sloItem(ctx: ChartContext): LegendItem[] {
  return ctx.sloP99Ms !== undefined ? [{ label: 'SLO p99', color: COLORS.slo, kind: 'dash' }] : [];
}

export function scaleUpItem(ctx: ChartContext): LegendItem[] {
  return ctx.annotations.scaleUps.length > 0 ? [{ label: 'scale-up', color: COLORS.scaleUp, kind: 'up' }] : [];
}
