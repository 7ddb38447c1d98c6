import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { deterministicLaw, empiricalLaw, exponentialLaw, gammaLaw, lognormalLaw, type ServiceLaw } from '../../src/maths/service-laws.ts';
import { piecewiseInverse, piecewiseMoment, piecewiseScv } from '../../src/maths/piecewise.ts';
import { lognormalSigma, serviceShapeSigma, serviceTimeScv, type ServiceTimeSpec, Z99 } from '../../src/serving/service-time.ts';
import { serviceLawOf } from '../../src/serving/service-law.ts';
import { ServiceDraws } from '../../src/serving/service-draws.ts';
import { parseHistogram, parseQuantilesCsv } from '../../src/scenario/service-time-file.ts';
import { load, minimal } from '../scenario/fixture.ts';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/**
 * E[S] = ∫ (1 − F) and E[S²] = 2∫ x(1 − F), by the midpoint rule in log x (the laws span decades),
 * from the CDF alone: what the fluid model convolves is held to the moments the wait reads.
 */
function momentsOfCdf(cdf: (x: number) => number): { mean: number; scv: number } {
  let m1 = 0;
  let m2 = 0;
  const lo = Math.log(1e-9);
  const hi = Math.log(1e5);
  const n = 400_000;
  const h = (hi - lo) / n;
  for (let i = 0; i < n; i++) {
    const x = Math.exp(lo + (i + 0.5) * h);
    const survival = 1 - cdf(x);
    m1 += survival * x * h;
    m2 += 2 * x * survival * x * h;
  }
  return { mean: m1, scv: m2 / (m1 * m1) - 1 };
}

describe('lognormal from its mean and p99, or its median and p99', () => {
  it('has the mean and p99 it was given', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.double({ min: 1.05, max: 14.9, noNaN: true }), (mean, ratio) => {
        const sigma = lognormalSigma(mean, ratio * mean);
        // ln S ~ N(m, σ²) with mean e^(m + σ²/2): the p99 is e^(m + zσ)
        const m = Math.log(mean) - 0.5 * sigma * sigma;
        expect(rel(Math.exp(m + Z99 * sigma), ratio * mean)).toBeLessThan(1e-9);
      }),
    );
  });

  it('from the median: σ = ln(p99/median)/z, and the same law as from its mean', () => {
    const median = 0.02;
    const p99 = 0.3;
    const sigma = Math.log(p99 / median) / Z99;
    const spec: ServiceTimeSpec = { meanSec: median * Math.exp(0.5 * sigma * sigma), dist: 'lognormal', p99Sec: p99, medianSec: median };
    expect(serviceShapeSigma(spec)).toBeCloseTo(sigma, 14);
    expect(serviceTimeScv(spec)).toBeCloseTo(Math.expm1(sigma * sigma), 12);
    // the law of unit mean has its median at median/mean = e^(−σ²/2)
    const law = serviceLawOf(spec) as ServiceLaw;
    expect(law.cdf(median / spec.meanSec)).toBeCloseTo(0.5, 12);
    expect(law.cdf(p99 / spec.meanSec)).toBeCloseTo(0.99, 12);
  });

  it('the issue’s service (mean 25 ms, p99 300 ms) has SCV about 15, in the matrix’s high corner', () => {
    const sigma = lognormalSigma(0.025, 0.3);
    expect(Math.expm1(sigma * sigma)).toBeGreaterThan(14);
    expect(Math.expm1(sigma * sigma)).toBeLessThan(16);
  });
});

describe('the laws of unit mean: their CDFs have the moments they state', () => {
  const cases: [string, ServiceLaw][] = [
    ['exponential', exponentialLaw],
    ['lognormal SCV 0.25', lognormalLaw(Math.sqrt(Math.log(1.25)))],
    ['lognormal SCV 4', lognormalLaw(Math.sqrt(Math.log(5)))],
    ['lognormal SCV 16', lognormalLaw(Math.sqrt(Math.log(17)))],
    ['gamma shape 0.25 (SCV 4)', gammaLaw(0.25)],
    ['Erlang-4', gammaLaw(4)],
    ['empirical uniform on [0, 2]', empiricalLaw([[0, 0], [2, 1]])],
    [
      'empirical with a long bucket',
      empiricalLaw([
        [0, 0],
        [0.01, 0.5],
        [0.05, 0.9],
        [0.25, 0.99],
        [2.5, 1],
      ]),
    ],
  ];
  it.each(cases)('%s', (_, law) => {
    const m = momentsOfCdf(law.cdf);
    expect(m.mean).toBeCloseTo(1, 4);
    expect(Math.abs(m.scv - law.scv)).toBeLessThan(1e-3 * (1 + law.scv));
  });

  it('gamma and Erlang: SCV 1/k, E[S³] = (k+1)(k+2)/k²', () => {
    for (const k of [0.25, 1, 2, 4, 10]) {
      expect(gammaLaw(k).scv).toBeCloseTo(1 / k, 14);
      expect(gammaLaw(k).thirdMoment).toBeCloseTo(((k + 1) * (k + 2)) / (k * k), 12);
    }
    expect(gammaLaw(1).cdf(0.7)).toBeCloseTo(exponentialLaw.cdf(0.7), 14);
    // Erlang-2 of unit mean: 1 − e^(−2x)(1 + 2x)
    expect(gammaLaw(2).cdf(0.9)).toBeCloseTo(1 - Math.exp(-1.8) * 2.8, 14);
  });

  it('deterministic: everything at the mean', () => {
    expect(deterministicLaw.cdf(0.999)).toBe(0);
    expect(deterministicLaw.cdf(1)).toBe(1);
    expect(deterministicLaw.scv).toBe(0);
  });

  it('refuse shapes that are not laws', () => {
    expect(() => lognormalLaw(0)).toThrow(RangeError);
    expect(() => gammaLaw(-1)).toThrow(RangeError);
  });
});

describe('piecewise-linear CDFs (empirical laws)', () => {
  it('uniform on [a, b]: mean (a + b)/2, E[X²] = (a² + ab + b²)/3', () => {
    const p: [number, number][] = [
      [1, 0],
      [3, 1],
    ];
    expect(piecewiseMoment(p, 1)).toBeCloseTo(2, 14);
    expect(piecewiseMoment(p, 2)).toBeCloseTo(13 / 3, 14);
    expect(piecewiseScv(p)).toBeCloseTo(13 / 12 - 1, 14);
  });

  it('an atom at the first point counts its share there', () => {
    expect(piecewiseMoment([[2, 0.5], [4, 1]], 1)).toBeCloseTo(0.5 * 2 + 0.5 * 3, 14);
  });

  it('inverse: the CDF of the inverse is the identity', () => {
    const x = Float64Array.from([0, 0.01, 0.05, 0.25, 2.5]);
    const f = Float64Array.from([0, 0.5, 0.9, 0.99, 1]);
    const law = empiricalLaw([...x].map((v, i) => [v, f[i]] as [number, number]));
    const mean = piecewiseMoment([...x].map((v, i) => [v, f[i]] as [number, number]), 1);
    for (const u of [0.1, 0.5, 0.7, 0.95, 0.995]) expect(law.cdf(piecewiseInverse(x, f, u) / mean)).toBeCloseTo(u, 12);
  });
});

describe('reading measured distributions', () => {
  const exposition = [
    '# HELP http_request_duration_seconds request latency',
    '# TYPE http_request_duration_seconds histogram',
    'http_request_duration_seconds_bucket{le="0.01",code="200"} 300',
    'http_request_duration_seconds_bucket{le="0.05",code="200"} 800',
    'http_request_duration_seconds_bucket{le="0.1",code="200"} 950',
    'http_request_duration_seconds_bucket{le="+Inf",code="200"} 1000',
    'http_request_duration_seconds_sum{code="200"} 40',
    'http_request_duration_seconds_count{code="200"} 1000',
  ].join('\n');
  /** the points both exports of those buckets give below their last finite bound */
  const BUCKET_POINTS = [
    [0, 0],
    [0.01, 0.3],
    [0.05, 0.8],
    [0.1, 0.95],
  ];

  it('a Prometheus histogram: cumulative shares by le, the tail spread to keep _sum/_count', () => {
    const points = parseHistogram(exposition);
    if (typeof points === 'string') throw new Error(points);
    expect(points.slice(0, 4)).toEqual(BUCKET_POINTS);
    expect(points[points.length - 1][1]).toBe(1);
    expect(piecewiseMoment(points, 1)).toBeCloseTo(40 / 1000, 12);
  });

  it('sums the series of one histogram by le, as sum by (le) does', () => {
    const twice = `${exposition}\n${exposition.replaceAll('code="200"', 'code="500"')}`;
    const a = parseHistogram(exposition);
    const b = parseHistogram(twice);
    expect(b).toEqual(a);
  });

  it('the JSON of a Prometheus query', () => {
    const result = [
      ['0.01', '300'],
      ['0.05', '800'],
      ['0.1', '950'],
      ['+Inf', '1000'],
    ].map(([le, v]) => ({ metric: { __name__: 'rpc_duration_seconds_bucket', le }, value: [0, v] }));
    const points = parseHistogram(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    if (typeof points === 'string') throw new Error(points);
    expect(points.slice(0, 4)).toEqual(BUCKET_POINTS);
    // without _sum the last 5% spread as far again in ratio as the last two bounds: to 0.2 s
    expect(points[4][0]).toBeCloseTo(0.2, 14);
    expect(points[4][1]).toBe(1);
  });

  it('says what is wrong with a histogram', () => {
    expect(parseHistogram('nothing here')).toMatch(/no \*_bucket series/);
    expect(parseHistogram('a_bucket{le="1"} 5\na_bucket{le="2"} 3\n')).toMatch(/counts fewer requests than the one below/);
    expect(parseHistogram(`${exposition}\nother_bucket{le="1"} 1`)).toMatch(/several histograms/);
  });

  it('a CSV of quantiles, or of percentiles', () => {
    const q = parseQuantilesCsv('quantile,seconds\n0.5,0.02\n0.9,0.08\n0.99,0.3\n');
    const p = parseQuantilesCsv('percentile,seconds\n50,0.02\n90,0.08\n99,0.3\n');
    expect(q).toEqual(p);
    if (typeof q === 'string') throw new Error(q);
    expect(q.slice(0, 4)).toEqual([
      [0, 0],
      [0.02, 0.5],
      [0.08, 0.9],
      [0.3, 0.99],
    ]);
    expect(q[4][1]).toBe(1);
    expect(parseQuantilesCsv('quantile,seconds\n0.5,0.2\n0.9,0.1\n')).toMatch(/is not above/);
    expect(parseQuantilesCsv('q,ms\n0.5,2\n')).toMatch(/expected columns/);
  });
});

describe('the request-by-request model draws from the same laws', () => {
  const specs: ServiceTimeSpec[] = [
    { meanSec: 0.05, dist: 'exponential' },
    { meanSec: 0.05, dist: 'lognormal', p99Sec: 0.4 },
    { meanSec: 0.05, dist: 'gamma', shape: 4 },
    { meanSec: 0.05, dist: 'gamma', shape: 0.5 },
    { meanSec: 0.05, dist: 'deterministic' },
    {
      meanSec: 0.05,
      dist: 'empirical',
      points: [
        [0, 0],
        [0.02, 0.5],
        [0.1, 0.9],
        [0.2, 1],
      ],
    },
  ];
  it.each(specs.map((s) => [`${s.dist} ${s.shape ?? ''}`, s] as const))('%s: sample mean and SCV', (_, spec) => {
    const draws = new ServiceDraws(spec, seedrandom.alea(`draws-${spec.dist}-${spec.shape}`));
    const n = 400_000;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = draws.draw(20);
      s1 += x;
      s2 += x * x;
    }
    const mean = s1 / n;
    const scv = s2 / n / (mean * mean) - 1;
    const wantMean = spec.dist === 'empirical' ? piecewiseMoment(spec.points ?? [], 1) / 0.05 / 20 : 1 / 20;
    expect(rel(mean, wantMean)).toBeLessThan(0.01);
    expect(Math.abs(scv - serviceTimeScv(spec))).toBeLessThan(0.03 * (1 + serviceTimeScv(spec)));
  });
});

describe('a scenario’s serviceTime as normalized', () => {
  const serviceTimeOf = (serviceTime: unknown): ServiceTimeSpec => {
    const raw = minimal();
    raw.workloads[0].serviceTime = serviceTime;
    return load(raw).workloads[0].serviceTime;
  };
  it('Erlang by its phases is the gamma of that shape', () => {
    const spec = serviceTimeOf({ mean: '40ms', dist: 'erlang', phases: 4 });
    expect(spec).toEqual({ meanSec: 0.04, dist: 'gamma', shape: 4 });
    expect(serviceTimeScv(spec)).toBe(0.25);
  });
  it('a lognormal by its median: the mean is median·e^(σ²/2)', () => {
    const spec = serviceTimeOf({ median: '20ms', p99: '300ms' });
    const sigma = Math.log(15) / Z99;
    expect(spec.dist).toBe('lognormal');
    expect(spec.meanSec).toBeCloseTo(0.02 * Math.exp(0.5 * sigma * sigma), 14);
  });
  it('deterministic', () => {
    expect(serviceTimeScv(serviceTimeOf({ mean: '10ms', dist: 'deterministic' }))).toBe(0);
  });
});
