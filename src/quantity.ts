/**
 * Kubernetes resource quantities and Go-style durations.
 *
 * cpu is kept in integer millicores and memory in integer bytes, rounding up the way
 * resource.Quantity.MilliValue()/Value() do, so `100u` of cpu is 1m and `0.5` bytes is 1.
 */
import { HeadroomError } from './errors.ts';
import { LIMITS } from './limits.ts';

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

// <sign><digits>[.<digits>] then a binary suffix, a decimal suffix or a decimal exponent.
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?)|[eE]([+-]?\d+))$/;

/** A quantity as a plain number of base units (cores for cpu, bytes for memory). */
export function parseQuantity(value: unknown, what = 'quantity'): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HeadroomError('quantity', `${what} must be a finite number, got ${value}`);
    return value;
  }
  if (typeof value !== 'string') {
    throw new HeadroomError('quantity', `${what} must be a quantity like "500m", "2" or "512Mi", got ${describe(value)}`);
  }
  const s = value.trim();
  const m = QUANTITY.exec(s);
  if (!m) {
    throw new HeadroomError(
      'quantity',
      `${what} "${value}" is not a Kubernetes quantity (examples: 500m, 2, 1.5, 512Mi, 2Gi, 1e9)`,
    );
  }
  const [, sign, digits, bin, dec, exp] = m;
  let n = Number(digits);
  if (bin) n *= BINARY[bin];
  else if (exp !== undefined) n *= 10 ** Number(exp);
  else n *= DECIMAL[dec ?? ''];
  // "5e500" is a well-formed quantity whose value no number holds
  if (!Number.isFinite(n)) throw new HeadroomError('quantity', `${what} ${describe(value)} is too large to be a number`);
  return sign === '-' ? -n : n;
}

function nonNegative(n: number, what: string, raw: unknown): number {
  if (n < 0) throw new HeadroomError('quantity', `${what} must not be negative, got ${describe(raw)}`);
  return n;
}

/** `n` (already in base units) at most `max`, said in the unit the user wrote. */
function atMost(n: number, max: number, what: string, raw: unknown, limit: string): number {
  if (n > max) throw new HeadroomError('quantity', `${what} must be at most ${limit}, got ${describe(raw)}`);
  return n;
}

/** cpu in millicores (integer, rounded up). Numbers are cores, as in a manifest. */
export function parseCpuMilli(value: unknown, what = 'cpu'): number {
  const cores = nonNegative(parseQuantity(value, what), what, value);
  // Round away tiny float noise first (0.1 * 1000 = 100.00000000000001) so "0.1" is 100m, not 101m.
  const milli = Math.ceil(Math.round(cores * 1000 * 1e6) / 1e6);
  return atMost(milli, LIMITS.cpuMilli, what, value, `${LIMITS.cpuMilli / 1000} cores`);
}

/** memory in bytes (integer, rounded up). */
export function parseMemoryBytes(value: unknown, what = 'memory'): number {
  const bytes = nonNegative(parseQuantity(value, what), what, value);
  return atMost(Math.ceil(Math.round(bytes * 1e6) / 1e6), LIMITS.memoryBytes, what, value, '1Pi');
}

/** A pod count or other plain non-negative integer. */
export function parseCount(value: unknown, what = 'count'): number {
  const n = nonNegative(parseQuantity(value, what), what, value);
  if (!Number.isInteger(n)) throw new HeadroomError('quantity', `${what} must be a whole number, got ${describe(value)}`);
  return atMost(n, LIMITS.count, what, value, LIMITS.count.toLocaleString('en-US'));
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  'µs': 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};
const DURATION = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d)/;

/**
 * A duration in seconds: Go's time.ParseDuration form (`90s`, `10m`, `1h30m`, `1.5h`, `250ms`),
 * plus `d` for days, or a bare number of seconds. Negative durations are refused.
 */
export function parseDurationSec(value: unknown, what = 'duration'): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HeadroomError('duration', `${what} must be finite, got ${value}`);
    if (value < 0) throw new HeadroomError('duration', `${what} must not be negative, got ${value}`);
    return durationAtMost(value, value, what);
  }
  if (typeof value !== 'string') {
    throw new HeadroomError('duration', `${what} must be a duration like "90s", "10m" or "1h30m", got ${describe(value)}`);
  }
  const s = value.trim();
  if (s.startsWith('-')) throw new HeadroomError('duration', `${what} must not be negative, got "${value}"`);
  if (/^\+?(\d+(\.\d*)?|\.\d+)$/.test(s)) return durationAtMost(Number(s), value, what);
  let rest = s.startsWith('+') ? s.slice(1) : s;
  if (rest.length === 0) throw badDuration(value, what);
  let total = 0;
  while (rest.length > 0) {
    const m = DURATION.exec(rest);
    if (!m) throw badDuration(value, what);
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  // Keep whole milliseconds exact: 0.1s + 0.2s should be 0.3s, not 0.30000000000000004s.
  return durationAtMost(Math.round(total * 1e9) / 1e9, value, what);
}

function durationAtMost(sec: number, raw: unknown, what: string): number {
  if (!(sec <= LIMITS.durationSec)) throw new HeadroomError('duration', `${what} must be at most ${LIMITS.durationSec / 86_400}d (10 years), got ${describe(raw)}`);
  return sec;
}

function badDuration(value: unknown, what: string): HeadroomError {
  return new HeadroomError(
    'duration',
    `${what} "${String(value)}" is not a duration (examples: 90s, 10m, 1h30m, 250ms, or a number of seconds)`,
  );
}

/** A ratio given as `0.1%`, `5%` or a plain fraction `0.001`. */
export function parseRatio(value: unknown, what = 'ratio'): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new HeadroomError('quantity', `${what} must be a non-negative number, got ${value}`);
    return value;
  }
  if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$/.exec(value);
    const n = m ? (m[2] ? Number(m[1]) / 100 : Number(m[1])) : NaN;
    if (Number.isFinite(n)) return n;
  }
  throw new HeadroomError('quantity', `${what} must be a fraction like 0.001 or a percentage like "0.1%", got ${describe(value)}`);
}

export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

export function formatMemory(bytes: number): string {
  for (const [suffix, mult] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= mult && bytes % mult === 0) return `${bytes / mult}${suffix}`;
  }
  return String(bytes);
}

export function formatDuration(sec: number): string {
  if (sec >= 3600 && sec % 3600 === 0) return `${sec / 3600}h`;
  if (sec >= 60 && sec % 60 === 0) return `${sec / 60}m`;
  return `${sec}s`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'an object';
  return String(v);
}

/** A month of 730 hours (365 days × 24 h ÷ 12): what monthly prices and spot interruption rates are per. */
export const HOURS_PER_MONTH = 730;
