/**
 * A sum that adds the same number many times, as a loop over many alike pods adds it, without the
 * loop: `addTimes(sum, x, n)` is bit for bit what n floating-point additions of x give.
 *
 * Between two powers of two every double is a multiple of one unit (the sum's ulp), so while the
 * exact result stays below the next power each addition adds x rounded to that unit, the same
 * amount every time: those additions are one multiplication (where x lies exactly halfway between
 * two units, after one real addition: round-half-to-even then keeps the sum an even number of
 * units). Near the next power, one real addition. The work grows with the powers of two the sum
 * passes, not with n; a sum of whole numbers that stays exact is one multiplication.
 */

/** 2^52 and 2^53: the units of a double's significand. */
const UNITS = 2 ** 52;
const TOP = 2 ** 53;
/** below this (and for 0) the sum is not worth the care: real additions */
const SMALL = 2 ** -960;

export function addTimes(sum: number, x: number, n: number): number {
  if (!(x > 0 && x < Infinity && sum >= 0 && sum < Infinity)) {
    for (let k = 0; k < n; k++) sum += x;
    return sum;
  }
  if (Number.isInteger(x) && Number.isInteger(sum) && sum + x * n < TOP) return sum + x * n;
  // the power of two at or below the sum (0 until the sum is found)
  let power = 0;
  while (n > 0) {
    if (sum < SMALL) {
      sum += x;
      n--;
      continue;
    }
    if (power === 0) power = powerBelow(sum);
    while (2 * power <= sum) power *= 2;
    const ulp = power / UNITS;
    // x and the sum in units of the sum's ulp: both exact (scaling by a power of two)
    const q = x / ulp;
    const whole = Math.floor(q);
    let d = q - whole < 0.5 ? whole : whole + 1;
    if (q - whole === 0.5) {
      // a tie rounds to an even number of units, and keeps the sum even from then on: the even one of whole, whole + 1
      sum += x;
      n--;
      if (n === 0 || 2 * power <= sum) continue;
      d = whole % 2 === 0 ? whole : whole + 1;
    }
    const s = sum / ulp;
    // x is under half a unit: the sum no longer moves
    if (d === 0) return sum;
    // additions j = 0 … k-1 start below TOP - q in units (one fewer than the division says, for its rounding)
    const k = Math.min(n, Math.floor((TOP - s - Math.ceil(q) - 1) / d) - 1);
    if (k > 0) {
      sum = (s + k * d) * ulp;
      n -= k;
    }
    if (n > 0) {
      sum += x;
      n--;
    }
  }
  return sum;
}

/** 2^e for 2^e <= v < 2^(e + 1), v a positive normal double. */
function powerBelow(v: number): number {
  const e = Math.floor(Math.log2(v));
  const p = 2 ** e;
  if (p > v) return p / 2;
  return 2 * p <= v ? 2 * p : p;
}
