import { HeadroomError } from '../../errors.ts';
import { LIMITS } from '../../limits.ts';
import type { TrafficSpec } from '../../scenario/types.ts';
import { csvSource } from './csv.ts';
import { PointIntegrator } from './integrate.ts';
import { prometheusSource } from './prometheus.ts';
import { shapeTrace } from './shape.ts';
import type { RowSource } from './source.ts';

export type TraceSpec = Extract<TrafficSpec, { kind: 'trace' }>;

export interface StepGrid {
  durationSec: number;
  stepSec: number;
}

/**
 * The mean rate of each simulation step from a trace.
 *
 * Simulated time t reads the trace at t_trace = offset + t × speedup: `offset` (trace seconds)
 * picks the window, `speedup` plays it faster with the per-second rate kept as recorded (so a
 * day played in an hour at speedup 24 has the day's shape and peaks, and 1/24 of its requests),
 * `scale` multiplies the rate. Past the trace's end the rate is 0, unless `loop` repeats the
 * whole trace (offset included: the trace is periodic and offset only says where to start).
 *
 * Step k covers [k·step, (k+1)·step) of simulated time; its mean is the exact integral of the
 * trace's rate function over the matching trace window divided by its length, so
 * Σ rate·step = ∫ rate dt.
 *
 * One streamed pass, which stops as soon as the window is past. A loop over a window longer
 * than the trace takes a second pass (the first one finds the trace's length), still streamed.
 */
export async function loadTraceRates(spec: TraceSpec, grid: StepGrid): Promise<Float64Array> {
  checkOptions(spec);
  const source = await openSource(spec);
  const steps = Math.ceil(grid.durationSec / grid.stepSec);
  const traceStep = grid.stepSec * spec.speedup;
  // step boundaries in trace time: points[k] = offset + k·traceStep, k = 0..steps
  const points = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) points[k] = spec.offsetSec + k * traceStep;

  const first = new PointIntegrator(points);
  const shape = await shapeTrace(source, spec.interpolate, (a, b, r0, r1) => first.segment(a, b, r0, r1), () => !first.done);
  const out = first.finish();

  const rates = new Float64Array(steps);
  if (!shape.complete || !spec.loop) {
    if (shape.complete && spec.offsetSec >= shape.periodSec) {
      throw new HeadroomError(
        'trace',
        `offset ${spec.offsetSec}s is past the end of the trace (${shape.periodSec}s long); set loop: true or a smaller offset`,
        { file: spec.displayPath },
      );
    }
    // out[0] is the skipped part before the offset
    for (let k = 0; k < steps; k++) rates[k] = (spec.scale * out[k + 1]) / traceStep;
    return checkScaled(rates, spec, grid);
  }
  const cumulative = await loopedCumulative(source, spec, points, shape.periodSec, shape.totalRequests);
  for (let k = 0; k < steps; k++) rates[k] = (spec.scale * (cumulative[k + 1] - cumulative[k])) / traceStep;
  return checkScaled(rates, spec, grid);
}

/** Each row is in range; times `scale` a step may still not be. */
function checkScaled(rates: Float64Array, spec: TraceSpec, grid: StepGrid): Float64Array {
  for (let k = 0; k < rates.length; k++) {
    if (!(rates[k] <= LIMITS.rateRps)) {
      throw new HeadroomError(
        'trace',
        `at scale ${spec.scale} the rate at ${k * grid.stepSec}s is ${rates[k].toExponential(3)} requests per second, more than ${LIMITS.rateRps.toLocaleString('en-US')}: use a smaller scale`,
        { file: spec.displayPath },
      );
    }
  }
  return rates;
}

/**
 * ∫_0^u rate for the trace repeated forever, at each point u: whole periods times the period's
 * requests, plus the integral up to u mod period, found for all points in one pass over the
 * points sorted by their place in the period.
 */
async function loopedCumulative(
  source: RowSource,
  spec: TraceSpec,
  points: Float64Array,
  periodSec: number,
  periodRequests: number,
): Promise<Float64Array> {
  const n = points.length;
  const phase = new Float64Array(n);
  const cycles = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const c = Math.floor(points[k] / periodSec);
    cycles[k] = c;
    phase[k] = Math.min(Math.max(points[k] - c * periodSec, 0), periodSec);
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => phase[a] - phase[b]);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = phase[order[i]];

  const second = new PointIntegrator(sorted);
  await shapeTrace(source, spec.interpolate, (a, b, r0, r1) => second.segment(a, b, r0, r1));
  const increments = second.finish();

  const cumulative = new Float64Array(n);
  let running = 0;
  for (let i = 0; i < n; i++) {
    running += increments[i];
    cumulative[order[i]] = cycles[order[i]] * periodRequests + running;
  }
  return cumulative;
}

async function openSource(spec: TraceSpec): Promise<RowSource> {
  if (spec.format === 'prometheus') return prometheusSource(spec.path, spec.displayPath, spec.aggregate);
  return csvSource(spec.path, spec.displayPath, { column: spec.column, timeColumn: spec.timeColumn });
}

function checkOptions(spec: TraceSpec): void {
  const bad = (key: string, value: number, rule: string) =>
    new HeadroomError('scenario', `trace ${key} must be ${rule}, got ${value}`, { file: spec.displayPath });
  if (!(spec.scale >= 0) || !Number.isFinite(spec.scale)) throw bad('scale', spec.scale, 'a number >= 0');
  if (!(spec.speedup > 0) || !Number.isFinite(spec.speedup)) throw bad('speedup', spec.speedup, 'a number > 0');
  if (!(spec.offsetSec >= 0) || !Number.isFinite(spec.offsetSec)) throw bad('offset', spec.offsetSec, 'a duration >= 0');
}
