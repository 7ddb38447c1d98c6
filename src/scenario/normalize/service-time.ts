/**
 * `serviceTime`: a duration (exponential with that mean), or a law with its parameters. The
 * distribution is picked by `dist`, or by the keys given (p99 or median: lognormal; shape or
 * phases: gamma; histogram or quantiles: empirical).
 */
import { relative } from 'node:path';
import { isHeadroomError } from '../../errors.ts';
import { confinePath, documentLimit, fileDigest, readTextFile } from '../../input/files.ts';
import { piecewiseMoment, Z99 } from '../../serving/service-time.ts';
import type { RawWorkload } from '../schema/index.ts';
import type { ServiceTimeSpec } from '../types.ts';
import { type At, type NormalizeContext, sec } from './context.ts';
import { parseServiceTimeText } from '../service-time-file.ts';

// For a lognormal, ln(p99/mean) = 2.3263·σ − σ²/2, which peaks at σ = 2.3263: a p99 above
// e^(2.3263²/2) ≈ 15.0 times the mean has no lognormal.
const MAX_LOGNORMAL_P99_OVER_MEAN = Math.exp((Z99 * Z99) / 2);

type RawServiceTime = RawWorkload['serviceTime'];
type RawLaw = Exclude<RawServiceTime, string | number>;

/** the keys each law takes (besides dist) */
const KEYS: Record<ServiceTimeSpec['dist'] | 'erlang', readonly (keyof RawLaw)[]> = {
  exponential: ['mean'],
  lognormal: ['mean', 'median', 'p99'],
  gamma: ['mean', 'shape'],
  erlang: ['mean', 'phases'],
  deterministic: ['mean'],
  empirical: ['mean', 'histogram', 'quantiles', 'metric'],
};
const LAW_KEYS = ['mean', 'median', 'p99', 'shape', 'phases', 'histogram', 'quantiles', 'metric'] as const;

export function normalizeServiceTime(raw: RawServiceTime, at: At, ctx: NormalizeContext): ServiceTimeSpec {
  const { sink } = ctx;
  if (typeof raw === 'string' || typeof raw === 'number') {
    const meanSec = sec(raw);
    if (meanSec <= 0) sink.add(at(), 'serviceTime must be greater than 0');
    return { meanSec, dist: 'exponential' };
  }
  const dist = raw.dist ?? pickDist(raw);
  for (const key of LAW_KEYS) {
    if (raw[key] !== undefined && !KEYS[dist].includes(key)) {
      const hint = key === 'p99' && dist === 'exponential' ? ' (an exponential p99 is fixed at 4.6 times the mean)' : '';
      sink.add(at([key]), `${key} applies to ${lawsTaking(key)}, not dist ${dist}${hint}`, true);
    }
  }
  const meanSec = raw.mean === undefined ? NaN : sec(raw.mean);
  if (raw.mean !== undefined && meanSec <= 0) sink.add(at(['mean']), 'mean must be greater than 0');
  const needMean = (): number => {
    if (raw.mean === undefined) sink.add(at(), `dist ${dist} needs mean`);
    return meanSec;
  };
  switch (dist) {
    case 'exponential':
    case 'deterministic':
      return { meanSec: needMean(), dist };
    case 'gamma':
    case 'erlang': {
      const shape = dist === 'erlang' ? raw.phases : raw.shape;
      if (shape === undefined) sink.add(at(), dist === 'erlang' ? 'dist erlang needs phases' : 'dist gamma needs shape (1/k is its squared coefficient of variation)');
      return { meanSec: needMean(), dist: 'gamma', shape: shape ?? 1 };
    }
    case 'lognormal':
      return lognormal(raw, meanSec, at, ctx);
    case 'empirical':
      return empirical(raw, meanSec, at, ctx);
  }
}

function pickDist(raw: RawLaw): ServiceTimeSpec['dist'] {
  if (raw.p99 !== undefined || raw.median !== undefined) return 'lognormal';
  if (raw.shape !== undefined) return 'gamma';
  if (raw.histogram !== undefined || raw.quantiles !== undefined) return 'empirical';
  return 'exponential';
}

function lawsTaking(key: (typeof LAW_KEYS)[number]): string {
  const laws = Object.entries(KEYS).filter(([, keys]) => keys.includes(key)).map(([d]) => d);
  return `dist ${laws.join(' or ')}`;
}

function lognormal(raw: RawLaw, meanSec: number, at: At, { sink }: NormalizeContext): ServiceTimeSpec {
  if (raw.p99 === undefined) {
    sink.add(at(), 'dist lognormal needs p99 (and mean or median)');
    return { meanSec, dist: 'lognormal' };
  }
  const p99Sec = sec(raw.p99);
  if (raw.median !== undefined) {
    if (raw.mean !== undefined) sink.add(at(['median']), 'give the lognormal either mean or median, not both', true);
    const medianSec = sec(raw.median);
    if (!(medianSec > 0)) sink.add(at(['median']), 'median must be greater than 0');
    else if (p99Sec <= medianSec) sink.add(at(['p99']), `p99 (${p99Sec}s) must be greater than the median (${medianSec}s)`);
    const sigma = medianSec > 0 && p99Sec > medianSec ? Math.log(p99Sec / medianSec) / Z99 : 0;
    // mean = median·e^(σ²/2)
    return { meanSec: medianSec * Math.exp(0.5 * sigma * sigma), dist: 'lognormal', p99Sec, medianSec };
  }
  if (raw.mean === undefined) sink.add(at(), 'dist lognormal needs mean or median');
  else if (meanSec > 0 && p99Sec <= meanSec) sink.add(at(['p99']), `p99 (${p99Sec}s) must be greater than the mean (${meanSec}s)`);
  else if (meanSec > 0 && p99Sec / meanSec > MAX_LOGNORMAL_P99_OVER_MEAN) {
    sink.add(
      at(['p99']),
      `no lognormal has a p99 more than ${MAX_LOGNORMAL_P99_OVER_MEAN.toFixed(1)} times its mean (got ${(p99Sec / meanSec).toFixed(1)}); give its median instead of its mean`,
    );
  }
  return { meanSec, dist: 'lognormal', p99Sec };
}

function empirical(raw: RawLaw, meanSec: number, at: At, ctx: NormalizeContext): ServiceTimeSpec {
  const { sink } = ctx;
  const key = raw.histogram !== undefined ? 'histogram' : 'quantiles';
  const file = raw.histogram ?? raw.quantiles;
  if (raw.histogram !== undefined && raw.quantiles !== undefined) sink.add(at(['quantiles']), 'give either histogram or quantiles, not both', true);
  if (file === undefined) {
    sink.add(at(), 'dist empirical needs histogram (a Prometheus *_bucket export) or quantiles (a CSV)');
    return { meanSec, dist: 'empirical' };
  }
  if (raw.metric !== undefined && key !== 'histogram') sink.add(at(['metric']), 'metric applies to a histogram export', true);
  const text = readMeasuredFile(file, at([key]), ctx);
  const read = text === undefined ? undefined : parseServiceTimeText(text, key, raw.metric);
  if (typeof read !== 'object') {
    if (typeof read === 'string') sink.add(at([key]), `${file}: ${read}`);
    return { meanSec: meanSec > 0 ? meanSec : 1, dist: 'empirical' };
  }
  let points = read;
  const measuredSec = piecewiseMoment(points, 1);
  if (raw.mean !== undefined && meanSec > 0) {
    // the measured shape, scaled to the mean asked for
    const scale = meanSec / measuredSec;
    points = points.map(([s, f]) => [s * scale, f]);
  }
  return { meanSec: raw.mean !== undefined ? meanSec : measuredSec, dist: 'empirical', points, source: file };
}

/**
 * The measured distribution's file, held as a trace is (input/files.ts): inside what the scenario
 * may read, a regular file under the cap, its digest among the scenario's inputs.
 */
function readMeasuredFile(file: string, at: ReturnType<At>, ctx: NormalizeContext): string | undefined {
  const confined = confinePath(file, ctx.baseDir, ctx.reads);
  if (!confined.ok) {
    ctx.sink.add(at, confined.message);
    return undefined;
  }
  try {
    const text = readTextFile(confined.path, file, { maxBytes: documentLimit(ctx.reads), what: 'the service-time file' });
    const name = relative(ctx.baseDir, confined.path);
    ctx.inputs.set(name, { file: name, sha256: fileDigest(confined.path) });
    return text;
  } catch (e) {
    if (!isHeadroomError(e)) throw e;
    ctx.sink.add(at, `${file}: ${e.message}`);
    return undefined;
  }
}
