/** How numbers and times read on the page and in markdown. Deterministic (fixed locale). */

const grouped = (digits: number): Intl.NumberFormat =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const INT = grouped(0);
const ONE = grouped(1);
const TWO = grouped(2);

export const DASH = '—';

function finite(v: number | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function formatMs(v: number | undefined): string {
  if (!finite(v)) return DASH;
  return `${Math.abs(v) < 100 ? ONE.format(v) : INT.format(v)} ms`;
}

/** A fraction as a percentage with three significant digits: 0.00123 -> "0.123%". */
export function formatPercent(v: number | undefined): string {
  if (!finite(v)) return DASH;
  if (v === 0) return '0%';
  const pct = v * 100;
  return `${Math.abs(pct) >= 100 ? INT.format(pct) : Number(pct.toPrecision(3)).toString()}%`;
}

/** A length of time in its coarsest two units, a zero second unit left out: 45 s, 12 m 30 s, 1 m, 3 h 05 m, 6 h. */
export function formatSeconds(v: number | undefined): string {
  if (!finite(v)) return DASH;
  const sign = v < 0 ? '-' : '';
  const s = Math.abs(v);
  if (s < 60) return `${sign}${s < 10 && s % 1 !== 0 ? ONE.format(s) : INT.format(s)} s`;
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const sec = whole % 60;
  if (h === 0) return sec === 0 ? `${sign}${m} m` : `${sign}${m} m ${String(sec).padStart(2, '0')} s`;
  return m === 0 ? `${sign}${INT.format(h)} h` : `${sign}${INT.format(h)} h ${String(m).padStart(2, '0')} m`;
}

export function formatMoney(v: number | undefined, currency = 'USD'): string {
  if (!finite(v)) return DASH;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 2 }).format(v);
  } catch {
    return `${TWO.format(v)} ${currency}`;
  }
}

/** A run's cost as rates, for one-line summaries: "3.08 USD/h, 2,248.40 USD/month (730 h)". */
export function costRatesText(cost: { perHour: number; perMonth: number; currency: string }): string {
  return `${TWO.format(cost.perHour)} ${cost.currency}/h, ${TWO.format(cost.perMonth)} ${cost.currency}/month (730 h)`;
}

/** A count: whole from 100 up (a fluid model's 273,869,357.4 requests reads as 273,869,357). */
export function formatCount(v: number | undefined): string {
  if (!finite(v)) return DASH;
  return Number.isInteger(v) || Math.abs(v) >= 100 ? INT.format(v) : ONE.format(v);
}

export function formatNumber(v: number | undefined, digits = 2): string {
  if (!finite(v)) return DASH;
  return grouped(digits).format(v);
}

/** A point in the run: h:mm, or h:mm:ss when it is not on a whole minute. */
export function formatClock(sec: number, withSeconds = false): string {
  const whole = Math.round(sec);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const hm = `${h}:${String(m).padStart(2, '0')}`;
  return withSeconds || s !== 0 ? `${hm}:${String(s).padStart(2, '0')}` : hm;
}
