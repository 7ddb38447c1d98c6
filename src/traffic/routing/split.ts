/**
 * A workload's per-step rate split over the clusters by their step shares: one array per
 * cluster. The clusters' rates add up to the workload's rate at every step, so no request is
 * lost or made up by routing.
 */
export function splitRates(rates: Float64Array, shares: Float64Array[]): Float64Array[] {
  return shares.map((share) => {
    const out = new Float64Array(rates.length);
    for (let k = 0; k < rates.length; k++) out[k] = rates[k] * share[k];
    return out;
  });
}
