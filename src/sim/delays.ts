/** Draws from a scenario's delay distributions. */
import type { DelayDist } from '../scenario/types.ts';
import { normal, type Rng } from '../engine/random.ts';

/** z of the 95th percentile of the standard normal */
const Z95 = 1.6448536269514722;

export function drawDelay(dist: DelayDist, rng: Rng): number {
  switch (dist.kind) {
    case 'fixed':
      return dist.sec;
    case 'uniform':
      return dist.minSec + (dist.maxSec - dist.minSec) * rng();
    case 'lognormal': {
      const sigma = Math.log(dist.p95Sec / dist.medianSec) / Z95;
      return dist.medianSec * Math.exp(sigma * normal(rng));
    }
  }
}
