import { HeadroomError } from '../../errors.ts';
import type { RoutingSpec } from '../../scenario/types.ts';
import { GAUSS_NODES, GAUSS_WEIGHTS } from '../quadrature.ts';
import { RotationLevels } from './levels.ts';

/** More clusters ramping at the same moment than this is refused (the share costs 2^n). */
const MAX_RAMPING = 15;

/**
 * The share of each step's traffic that each cluster gets: one array per cluster (in
 * `clusterNames` order), ceil(duration/step) long, summing to 1 over the clusters at every step.
 *
 * With every cluster fully in rotation, shares are the weights normalized (equal when no weights
 * are given; a cluster missing from the weights has weight 1, one with weight 0 never gets
 * traffic). While clusters ramp, each is in rotation with a probability equal to its level and
 * the share is the weighted split averaged over which clusters are in: a single drain thus moves
 * its cluster's share to the others in a straight line over the ramp, in proportion to their
 * weights, and overlapping ramps compose.
 *
 * When every cluster is out, traffic has nowhere better to go and stays where it was last: with
 * the clusters still ramping out, else with the ones that went out last. (A restore while all
 * are out takes the traffic at once.)
 *
 * A step's share is the mean over the step (Gauss–Legendre on each piece between ramp knots,
 * exact for these polynomials), so a cluster's requests are the step's requests times its share.
 */
export function routeShares(routing: RoutingSpec, clusterNames: string[], durationSec: number, stepSec: number): Float64Array[] {
  const n = clusterNames.length;
  const weights = routingWeights(routing, clusterNames);
  const levels = new RotationLevels(routing, clusterNames);
  const steps = Math.ceil(durationSec / stepSec);
  const shares = clusterNames.map(() => new Float64Array(steps));
  const knots = levels.knotTimes();

  // when each cluster was last seen in rotation, for the all-out fallback
  const lastIn = new Float64Array(n).fill(-1);
  const at = new Float64Array(n);
  const acc = new Float64Array(n);
  const point = new Float64Array(n);
  let kn = 0;

  for (let k = 0; k < steps; k++) {
    const a = k * stepSec;
    const b = a + stepSec;
    acc.fill(0);
    while (kn < knots.length && knots[kn] <= a) kn++;
    let x = a;
    for (let j = kn; x < b; j++) {
      const y = j < knots.length && knots[j] < b ? knots[j] : b;
      if (y > x) addPiece(x, y);
      x = y;
    }
    for (let c = 0; c < n; c++) shares[c][k] = acc[c] / stepSec;
  }
  return shares;

  function addPiece(x: number, y: number): void {
    const mid = (x + y) / 2;
    let ramping = false;
    for (let c = 0; c < n; c++) {
      at[c] = weights[c] > 0 ? levels.at(c, mid) : 0;
      if (at[c] > 0 && at[c] < 1) ramping = true;
    }
    const fallback = fallbackShares(at, weights, lastIn);
    for (let c = 0; c < n; c++) if (at[c] > 0) lastIn[c] = y;
    if (!ramping) {
      splitByLevels(at, weights, fallback, point);
      for (let c = 0; c < n; c++) acc[c] += point[c] * (y - x);
      return;
    }
    for (let g = 0; g < GAUSS_NODES.length; g++) {
      const t = x + GAUSS_NODES[g] * (y - x);
      for (let c = 0; c < n; c++) at[c] = weights[c] > 0 ? levels.at(c, t) : 0;
      splitByLevels(at, weights, fallback, point);
      const w = GAUSS_WEIGHTS[g] * (y - x);
      for (let c = 0; c < n; c++) acc[c] += point[c] * w;
    }
  }
}

/** Weights by cluster index: given ones, 1 for the rest; at least one must be positive. */
export function routingWeights(routing: RoutingSpec, clusterNames: string[]): Float64Array {
  for (const name of Object.keys(routing.weights)) {
    if (!clusterNames.includes(name)) {
      throw new HeadroomError('scenario', `weight for unknown cluster "${name}"; the clusters are ${clusterNames.join(', ')}`, {
        path: `routing.weights.${name}`,
      });
    }
  }
  const weights = Float64Array.from(clusterNames, (name) => routing.weights[name] ?? 1);
  weights.forEach((w, i) => {
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new HeadroomError('scenario', `weight must be a number >= 0, got ${w}`, { path: `routing.weights.${clusterNames[i]}` });
    }
  });
  if (!weights.some((w) => w > 0)) throw new HeadroomError('scenario', 'at least one cluster needs a weight above 0', { path: 'routing.weights' });
  return weights;
}

/**
 * The expected weighted split when cluster c is in rotation with probability level[c]:
 * Σ over the subsets S of the ramping clusters of P(S) · split(always-in ∪ S).
 */
export function splitByLevels(level: Float64Array, weights: Float64Array, fallback: Float64Array, out: Float64Array): void {
  out.fill(0);
  const ramping: number[] = [];
  let fixedWeight = 0;
  for (let c = 0; c < level.length; c++) {
    if (level[c] >= 1) fixedWeight += weights[c];
    else if (level[c] > 0) ramping.push(c);
  }
  if (ramping.length > MAX_RAMPING) {
    throw new HeadroomError('scenario', `${ramping.length} clusters ramp at the same moment; at most ${MAX_RAMPING} can`, { path: 'routing' });
  }
  for (let mask = 0; mask < 1 << ramping.length; mask++) {
    let p = 1;
    let total = fixedWeight;
    for (let r = 0; r < ramping.length; r++) {
      const c = ramping[r];
      if (mask & (1 << r)) {
        p *= level[c];
        total += weights[c];
      } else p *= 1 - level[c];
    }
    if (p === 0) continue;
    if (total === 0) {
      for (let c = 0; c < out.length; c++) out[c] += p * fallback[c];
      continue;
    }
    for (let c = 0; c < level.length; c++) if (level[c] >= 1) out[c] += (p * weights[c]) / total;
    for (let r = 0; r < ramping.length; r++) if (mask & (1 << r)) out[ramping[r]] += (p * weights[ramping[r]]) / total;
  }
}

/** Where traffic goes when no cluster is in: those partly in, else those that left last. */
function fallbackShares(level: Float64Array, weights: Float64Array, lastIn: Float64Array): Float64Array {
  const chosen = new Float64Array(level.length);
  let any = false;
  for (let c = 0; c < level.length; c++) if (level[c] > 0) chosen[c] = weights[c];
  any = chosen.some((w) => w > 0);
  if (!any) {
    let latest = -Infinity;
    for (let c = 0; c < level.length; c++) if (weights[c] > 0) latest = Math.max(latest, lastIn[c]);
    for (let c = 0; c < level.length; c++) if (weights[c] > 0 && lastIn[c] === latest) chosen[c] = weights[c];
  }
  const total = chosen.reduce((s, w) => s + w, 0);
  for (let c = 0; c < chosen.length; c++) chosen[c] /= total;
  return chosen;
}
