/**
 * How key numbers, their changes and allowances read in the table, the markdown and the JUnit
 * messages. Fixed locale, so the output is the same on every machine.
 */
import type { NumberCheck } from '../compare.ts';
import type { Direction, Unit } from '../rules.ts';

const fmt = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const INT = fmt(0);
const ONE = fmt(1);
const TWO = fmt(2);

export const DASH = '—';

/** Three significant digits, no exponent: 0.000123 -> "0.000123", 12.345 -> "12.3". */
function sig3(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 1000) return INT.format(v);
  return Number(v.toPrecision(3)).toString();
}

/** A fraction as a percentage: 0.00123 -> "0.123%". */
export function formatRate(v: number): string {
  return Number.isFinite(v) ? `${sig3(v * 100)}%` : DASH;
}

function magnitude(unit: Unit, v: number, currency: string): string {
  const a = Math.abs(v);
  switch (unit) {
    case 'ms':
      return `${a < 100 ? ONE.format(a) : INT.format(a)} ms`;
    case 'fraction':
      return `${sig3(a * 100)}%`;
    case 'count':
      return Number.isInteger(a) ? INT.format(a) : ONE.format(a);
    case 'seconds':
      return `${a < 10 ? ONE.format(a) : INT.format(a)} s`;
    case 'podSeconds':
      return `${a < 10 ? ONE.format(a) : INT.format(a)} pod-s`;
    case 'hours':
      return `${a < 1000 ? ONE.format(a) : INT.format(a)} h`;
    case 'money':
      return `${TWO.format(a)} ${currency}`;
  }
}

export function formatValue(unit: Unit, v: number, currency = 'USD'): string {
  if (!Number.isFinite(v)) return DASH;
  return `${v < 0 ? '-' : ''}${magnitude(unit, v, currency)}`;
}

/** A difference: "+12.3 ms (+8.1%)", "+0.12 pp" for rates and shares, "0" for none. */
export function formatChange(unit: Unit, change: number, baseline: number, currency = 'USD'): string {
  if (!Number.isFinite(change)) return DASH;
  if (change === 0) return '0';
  const sign = change > 0 ? '+' : '-';
  if (unit === 'fraction') return `${sign}${sig3(Math.abs(change) * 100)} pp`;
  const abs = `${sign}${magnitude(unit, change, currency)}`;
  if (baseline === 0 || !Number.isFinite(baseline)) return abs;
  return `${abs} (${sign}${sig3(Math.abs(change / baseline) * 100)}%)`;
}

function allowedSign(direction: Direction): string {
  return direction === 'higherIsWorse' ? '+' : direction === 'lowerIsWorse' ? '-' : '±';
}

/** The allowance in the number's unit: "+12 ms", "-2 pp", "±3". */
export function formatAllowed(check: Pick<NumberCheck, 'unit' | 'allowed' | 'direction'>, currency = 'USD'): string {
  if (!Number.isFinite(check.allowed)) return DASH;
  const sign = allowedSign(check.direction);
  if (check.unit === 'fraction') return `${sign}${sig3(check.allowed * 100)} pp`;
  return `${sign}${magnitude(check.unit, check.allowed, currency)}`;
}

/**
 * A number's verdict in words. In a table the change has its own column, so it is left out
 * (`withChange: false`); a JUnit failure message stands alone and keeps it.
 */
export function describeVerdict(check: NumberCheck, currency = 'USD', withChange = true): string {
  const allowed = formatAllowed(check, currency);
  const why: string[] = [];
  if (check.tolerance !== allowed) why.push(check.tolerance);
  if (check.noise > 0) why.push(`${formatAllowed({ ...check, allowed: check.noise }, currency)} of it seed noise`);
  const because = why.length > 0 ? ` (${why.join('; ')})` : '';
  const change = withChange ? `: ${formatChange(check.unit, check.change, check.baseline, currency)}` : '';
  switch (check.verdict) {
    case 'regressed':
      return `regressed${change}, allowed ${allowed}${because}`;
    case 'improved':
      return `improved${change}`;
    case 'ok':
      return `within ${allowed}`;
    case 'neutral':
      return 'not checked';
    case 'missing':
      return Number.isFinite(check.baseline) ? 'missing now' : 'not in the baseline';
  }
}
