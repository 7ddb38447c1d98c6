/**
 * Down-sampling for the charts only (the numbers always come from every sample). The time range
 * is cut into equal buckets and each bucket keeps, per series, the sample where it is lowest and
 * the one where it is highest, in time order: a one-step spike survives, and a line drawn
 * through the kept points covers the same vertical range as the full data in every bucket.
 */

/**
 * Indices (ascending, unique) to keep so that no series gets more than maxPoints points.
 * With k series drawn from the same indices (a stack or a band), each bucket may keep 2k
 * samples, so there are floor((maxPoints - 2) / 2k) buckets (maxPoints of at least 2 + 2k).
 * NaN samples are never chosen as extremes.
 */
export function minMaxIndices(timeSec: ArrayLike<number>, series: ArrayLike<number>[], maxPoints: number): number[] {
  const n = timeSec.length;
  if (n === 0) return [];
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const k = Math.max(1, series.length);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / (2 * k)));
  const t0 = timeSec[0];
  const span = timeSec[n - 1] - t0 || 1;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  let start = 0;
  for (let b = 0; b < buckets && start < n; b++) {
    const limit = t0 + (span * (b + 1)) / buckets;
    let end = start;
    while (end < n && (timeSec[end] < limit || b === buckets - 1)) end++;
    if (end === start) continue;
    for (const s of series) {
      let lo = -1;
      let hi = -1;
      for (let i = start; i < end; i++) {
        const v = s[i];
        if (Number.isNaN(v)) continue;
        if (lo < 0 || v < s[lo]) lo = i;
        if (hi < 0 || v > s[hi]) hi = i;
      }
      if (lo >= 0) keep[lo] = 1;
      if (hi >= 0) keep[hi] = 1;
    }
    if (series.length === 0) keep[start] = 1;
    start = end;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}
