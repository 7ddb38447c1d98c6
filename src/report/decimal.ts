/**
 * Numbers as the run's CSV files write them: at most `digits` decimals, no trailing zeros, no
 * float noise, no "-0", blank for NaN. `decimalValue` is the number a reader of that text gets
 * back (csv.ts's parseNumberAt), so a report built from a run's numbers in memory shows exactly
 * what one built from its files does.
 */
import { parseNumberAt } from './csv.ts';

const POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8];

/**
 * The shortest form of the double nearest to a k-decimal number is that number, so String() of
 * the rounded value is exact and much cheaper than toFixed and trimming.
 */
export function formatDecimal(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '';
  const f = POW10[digits];
  const r = Math.round(x * f) / f;
  if (r === 0) return '0';
  return Math.abs(r) < 1e21 ? String(r) : r.toFixed(digits);
}

/** parseNumberAt(formatDecimal(x, digits)), without the text. */
export function decimalValue(x: number, digits: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  const f = POW10[digits];
  const n = Math.round(x * f);
  if (n === 0) return 0;
  const abs = Math.abs(n);
  // Up to 15 digits the text is n / f exactly, and the reader sums its integer and fractional
  // parts: do the same sum. Beyond, the reader hands the text to Number(): let it.
  if (abs >= 1e15) {
    const text = formatDecimal(x, digits);
    return parseNumberAt(text, 0, text.length);
  }
  const frac = abs % f;
  const v = (abs - frac) / f + frac / f;
  return n < 0 ? -v : v;
}
