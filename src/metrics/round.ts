/** Rounds to `digits` decimals so the summary carries no float noise (and no -0); 0 for non-finite. */
export function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
