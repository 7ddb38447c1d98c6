import { HeadroomError } from '../errors.ts';
import type { GeneratorSpec } from '../scenario/types.ts';
import { burstEnvelope } from './burst.ts';
import { integratePiece } from './diurnal.ts';
import { noiseFactors } from './noise.ts';

export interface GeneratorGrid {
  durationSec: number;
  stepSec: number;
  /** uniform [0, 1); needed when the generator has noise */
  rng?: () => number;
}

/**
 * The mean rate of each step from a generator: base with bursts (the highest wins where they
 * overlap), times the diurnal factor 1 + A·sin(2π(t + phase)/period), times one noise factor per
 * step. The first two are integrated in closed form, so a step's mean is exact.
 */
export function generatorRates(spec: GeneratorSpec, grid: GeneratorGrid): Float64Array {
  checkGenerator(spec);
  const steps = Math.ceil(grid.durationSec / grid.stepSec);
  const horizonSec = steps * grid.stepSec;
  const pieces = burstEnvelope(spec.base, spec.bursts, horizonSec);
  const rates = new Float64Array(steps);
  let p = 0;
  for (let k = 0; k < steps; k++) {
    const a = k * grid.stepSec;
    const b = (k + 1) * grid.stepSec;
    while (p < pieces.length && pieces[p].endSec <= a) p++;
    let requests = 0;
    for (let q = p; q < pieces.length && pieces[q].startSec < b; q++) {
      const x = Math.max(a, pieces[q].startSec);
      const y = Math.min(b, pieces[q].endSec);
      if (y > x) requests += integratePiece(pieces[q], x, y, spec.diurnal);
    }
    // a rounding hair below zero where the diurnal factor touches 0
    rates[k] = Math.max(0, requests / grid.stepSec);
  }
  if (spec.noise > 0) {
    if (!grid.rng) throw new Error('generatorRates: a generator with noise needs an rng');
    const factors = noiseFactors(steps, spec.noise, grid.rng);
    for (let k = 0; k < steps; k++) rates[k] *= factors[k];
  }
  return rates;
}

function checkGenerator(spec: GeneratorSpec): void {
  const bad = (path: string, message: string) => new HeadroomError('scenario', message, { path });
  if (!(spec.base >= 0)) throw bad('generator.base', `base must be a rate >= 0, got ${spec.base}`);
  if (!(spec.noise >= 0)) throw bad('generator.noise', `noise must be >= 0, got ${spec.noise}`);
  spec.bursts.forEach((b, i) => {
    const at = `generator.bursts.${i}`;
    if (!(b.peak >= 0)) throw bad(`${at}.peak`, `peak must be a rate >= 0, got ${b.peak}`);
    for (const key of ['atSec', 'riseSec', 'holdSec', 'fallSec'] as const) {
      if (!(b[key] >= 0) || !Number.isFinite(b[key])) throw bad(`${at}.${key.replace('Sec', '')}`, `${key.replace('Sec', '')} must be a duration >= 0, got ${b[key]}`);
    }
  });
  const d = spec.diurnal;
  if (d) {
    if (!(d.amplitude >= 0 && d.amplitude <= 1)) {
      throw bad('generator.diurnal.amplitude', `amplitude must be within [0, 1] (the rate would go negative), got ${d.amplitude}`);
    }
    if (!(d.periodSec > 0)) throw bad('generator.diurnal.period', `period must be > 0, got ${d.periodSec}`);
  }
}
