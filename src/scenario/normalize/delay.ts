import type { DelayDist } from '../types.ts';
import { type At, type IssueSink, sec } from './context.ts';

type RawDelay =
  | string
  | number
  | {
      fixed?: string | number;
      dist?: 'fixed' | 'uniform' | 'lognormal';
      min?: string | number;
      max?: string | number;
      median?: string | number;
      p95?: string | number;
    };

const PARAMS = { fixed: ['fixed'], uniform: ['min', 'max'], lognormal: ['median', 'p95'] } as const;
const FORMS = '{fixed: 60s}, {dist: uniform, min: 20s, max: 40s} or {dist: lognormal, median: 90s, p95: 180s}';

/** A delay as written -> DelayDist; on a problem, reports it and stands in a fixed 0. */
export function normalizeDelay(raw: RawDelay, at: At, sink: IssueSink): DelayDist {
  if (typeof raw === 'string' || typeof raw === 'number') return { kind: 'fixed', sec: sec(raw) };
  const dist = raw.dist ?? (raw.fixed !== undefined ? 'fixed' : undefined);
  if (dist === undefined) {
    sink.add(at(), `say which distribution: ${FORMS}`);
    return { kind: 'fixed', sec: 0 };
  }
  let ok = true;
  for (const key of ['fixed', 'min', 'max', 'median', 'p95'] as const) {
    const wanted = (PARAMS[dist] as readonly string[]).includes(key);
    if (raw[key] !== undefined && !wanted) {
      sink.add(at([key]), `${key} does not apply to dist ${dist} (which takes ${PARAMS[dist].join(' and ')})`, true);
      ok = false;
    } else if (raw[key] === undefined && wanted) {
      sink.add(at(), `dist ${dist} needs ${key}`);
      ok = false;
    }
  }
  if (!ok) return { kind: 'fixed', sec: 0 };
  if (dist === 'fixed') return { kind: 'fixed', sec: sec(raw.fixed!) };
  if (dist === 'uniform') {
    const minSec = sec(raw.min!);
    const maxSec = sec(raw.max!);
    if (minSec > maxSec) sink.add(at(['max']), `max (${maxSec}s) must be at least min (${minSec}s)`);
    return { kind: 'uniform', minSec, maxSec };
  }
  const medianSec = sec(raw.median!);
  const p95Sec = sec(raw.p95!);
  // sigma = ln(p95/median) / 1.645 must be positive and finite.
  if (medianSec <= 0) sink.add(at(['median']), 'median must be greater than 0 for a lognormal delay');
  else if (p95Sec <= medianSec) sink.add(at(['p95']), `p95 (${p95Sec}s) must be greater than the median (${medianSec}s)`);
  return { kind: 'lognormal', medianSec, p95Sec };
}
