/**
 * The shared x axis of every time chart: seconds since the start of the run, labelled as a
 * clock (h:mm), with ticks on round minutes or hours so the labels are exact.
 */

const STEPS_SEC = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400];

/** Ticks over [startSec, endSec], at most maxTicks of them, on the roundest step that fits. */
export function timeTicks(startSec: number, endSec: number, maxTicks = 6): number[] {
  const span = endSec - startSec;
  if (!(span > 0)) return [startSec];
  const step = STEPS_SEC.find((s) => span / s <= maxTicks - 1) ?? Math.ceil(span / (maxTicks - 1) / 86400) * 86400;
  const ticks: number[] = [];
  for (let t = Math.ceil(startSec / step) * step; t <= endSec + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** Whether the axis needs seconds: a window shorter than ten minutes. */
function short(startSec: number, endSec: number): boolean {
  return endSec - startSec < 600;
}

/** A tick's label: h:mm, or h:mm:ss on windows shorter than ten minutes. */
export function timeLabel(tSec: number, startSec: number, endSec: number): string {
  const h = Math.floor(tSec / 3600);
  const hm = `${h}:${String(Math.floor((tSec % 3600) / 60)).padStart(2, '0')}`;
  return short(startSec, endSec) ? `${hm}:${String(Math.floor(tSec % 60)).padStart(2, '0')}` : hm;
}

export function timeAxisTitle(startSec: number, endSec: number): string {
  return short(startSec, endSec) ? 'time (h:mm:ss)' : 'time (h:mm)';
}
