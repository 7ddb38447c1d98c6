import type { TrafficSpec } from '../scenario/types.ts';
import { generatorRates } from './generator.ts';
import { loadTraceRates } from './trace/replay.ts';

export interface RateGrid {
  durationSec: number;
  stepSec: number;
  /** uniform [0, 1), for generator noise; give each workload its own stream */
  rng?: () => number;
}

/**
 * A workload's total arrival rate (requests per second, before routing), as the mean of each
 * step k over [k·step, (k+1)·step): ceil(duration/step) values with Σ rate·step = ∫ rate dt.
 * Rejects with a HeadroomError naming the trace file and line for a bad trace.
 */
export async function loadRates(spec: TrafficSpec, grid: RateGrid): Promise<Float64Array> {
  switch (spec.kind) {
    case 'none':
      return new Float64Array(Math.ceil(grid.durationSec / grid.stepSec));
    case 'generator':
      return generatorRates(spec.generator, grid);
    case 'trace':
      return loadTraceRates(spec, grid);
  }
}
