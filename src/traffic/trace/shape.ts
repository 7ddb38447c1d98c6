import { HeadroomError } from '../../errors.ts';
import { IntervalMedian } from './median.ts';
import type { RowSource } from './source.ts';

export type Interpolation = 'step' | 'linear';

/** Receives the trace's rate function as linear segments in increasing, contiguous time. */
export type SegmentSink = (startSec: number, endSec: number, rate0: number, rate1: number) => void;

export interface ShapeResult {
  rows: number;
  /** the trace's length: last row + its hold (the median interval); 0 when the read was stopped */
  periodSec: number;
  /** ∫ rate dt over the whole trace (requests); only when the read reached the end */
  totalRequests: number;
  /** whether the read reached the end of the trace */
  complete: boolean;
}

/**
 * Streams a trace and emits its rate function. Times are made relative to the first row. With
 * `step`, a row's rate holds until the next row; with `linear`, it moves in a straight line to the
 * next row's rate. The last row has no next row: its rate holds for the median row interval (the
 * trace's own sampling period), then the trace ends.
 */
export async function shapeTrace(
  source: RowSource,
  interpolate: Interpolation,
  sink: SegmentSink,
  keepGoing: () => boolean = () => true,
): Promise<ShapeResult> {
  const gaps = new IntervalMedian();
  let rows = 0;
  let origin = 0;
  let prevTime = 0;
  let prevRate = 0;
  let prevLocator = 0;
  let total = 0;
  let complete = true;
  const linear = interpolate === 'linear';

  await source.read((timeSec, rate, locator) => {
    if (rows === 0) {
      origin = timeSec;
    } else {
      const t = timeSec - origin;
      if (!(t > prevTime)) {
        const prevLine = source.where(prevLocator).line;
        const previous = prevLine === undefined ? 'the previous row' : `line ${prevLine}`;
        throw new HeadroomError(
          'trace',
          `time does not increase: ${fmt(timeSec)} comes after ${fmt(prevTime + origin)} on ${previous}; rows must be in strictly increasing time`,
          source.where(locator),
        );
      }
      const r1 = linear ? rate : prevRate;
      sink(prevTime, t, prevRate, r1);
      total += ((t - prevTime) * (prevRate + r1)) / 2;
      gaps.add(t - prevTime);
      prevTime = t;
    }
    prevRate = rate;
    prevLocator = locator;
    rows++;
    if (!keepGoing()) {
      complete = false;
      return false;
    }
    return true;
  });

  if (rows === 0) throw new HeadroomError('trace', 'the trace has no rows', source.where(0));
  if (!complete) return { rows, periodSec: 0, totalRequests: 0, complete };
  if (rows === 1) {
    throw new HeadroomError(
      'trace',
      'the trace has a single row; at least two are needed to know how long a row lasts',
      source.where(prevLocator),
    );
  }
  const holdSec = gaps.median();
  sink(prevTime, prevTime + holdSec, prevRate, prevRate);
  total += holdSec * prevRate;
  return { rows, periodSec: prevTime + holdSec, totalRequests: total, complete };
}

function fmt(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(3);
}
