/**
 * The histograms against the VPA's own tests (vertical-pod-autoscaler/pkg/recommender/util/
 * histogram_test.go and decaying_histogram_test.go): the same samples, the same answers.
 */
import { describe, expect, it } from 'vitest';
import { DecayingHistogram, exponentialBuckets, Histogram, linearBuckets } from '../../../src/decisions/vpa/histogram.ts';

const WEIGHT_EPSILON = 1e-15;
// testHistogramOptions: NewLinearHistogramOptions(10.0, 1.0, weightEpsilon)
const testOptions = linearBuckets(10, 1, WEIGHT_EPSILON);
const HOUR = 3600;
const START = 1234567890; // decaying_histogram_test.go's startTime

describe('Histogram (histogram_test.go)', () => {
  it('an empty histogram answers 0 for any percentile (TestPercentilesEmptyHistogram)', () => {
    const h = new Histogram(testOptions);
    for (const p of [-0.5, 0, 0.5, 1, 1.5]) expect(h.percentile(p)).toBe(0);
  });

  it('{1: 1, 2: 2, 3: 3, 4: 4} gives the end of the bucket each percentile falls in (TestPercentiles)', () => {
    const h = new Histogram(testOptions);
    for (let i = 1; i <= 4; i++) h.addSample(i, i);
    // total 10: bucket [1,2) holds 10%, [2,3) up to 30%, [3,4) up to 60%, [4,5) the rest
    const expected: [number, number][] = [[0, 2], [0.1, 2], [0.2, 3], [0.3, 3], [0.4, 4], [0.5, 4], [0.6, 4], [0.7, 5], [0.8, 5], [0.9, 5], [1, 5]];
    for (const [p, v] of expected) expect(h.percentile(p)).toBeCloseTo(v, 12);
  });

  it('below 0 is the first non-empty bucket, above 1 the last (TestPercentileOutOfBounds)', () => {
    const h = new Histogram(linearBuckets(1, 0.1, WEIGHT_EPSILON));
    h.addSample(0.1, 0.1);
    h.addSample(0.2, 0.2);
    expect(h.percentile(-0.1)).toBeCloseTo(0.2, 12);
    expect(h.percentile(1.1)).toBeCloseTo(0.3, 12);
    h.addSample(0, 0.1);
    h.addSample(1, 0.2);
    expect(h.percentile(-0.1)).toBeCloseTo(0.1, 12);
    // the last bucket has no end: its start stands for it
    expect(h.percentile(1.1)).toBeCloseTo(1, 12);
  });

  it('is empty once a bucket is lighter than epsilon (TestEmptyHistogram)', () => {
    const h = new Histogram(linearBuckets(1, 0.1, WEIGHT_EPSILON));
    expect(h.isEmpty()).toBe(true);
    h.addSample(0.1, WEIGHT_EPSILON * 2.5);
    expect(h.isEmpty()).toBe(false);
    h.subtractSample(0.1, WEIGHT_EPSILON);
    expect(h.isEmpty()).toBe(false);
    h.subtractSample(0.1, WEIGHT_EPSILON);
    expect(h.isEmpty()).toBe(true);
  });
});

describe('exponential buckets (histogram_options.go)', () => {
  it('bucket n starts at first × (ratio^n − 1) / (ratio − 1) and a value finds its own bucket', () => {
    const o = exponentialBuckets(1000, 0.01, 1.05, 1e-4);
    expect(o.bucketStart(0)).toBe(0);
    expect(o.bucketStart(1)).toBeCloseTo(0.01, 15);
    expect(o.bucketStart(2)).toBeCloseTo(0.0205, 15); // 0.01 + 0.0105
    // ceil(log_1.05(1000 × 0.05 / 0.01 + 1)) + 1 = ceil(174.57) + 1
    expect(o.numBuckets).toBe(176);
    for (const v of [0.005, 0.01, 0.02, 0.5, 3.3, 999]) {
      const b = o.findBucket(v);
      expect(o.bucketStart(b)).toBeLessThanOrEqual(v * (1 + 1e-12));
      expect(o.bucketStart(b + 1)).toBeGreaterThan(v);
    }
    expect(o.findBucket(1e9)).toBe(o.numBuckets - 1);
  });
});

describe('DecayingHistogram (decaying_histogram_test.go)', () => {
  it('a sample twenty half-lives old has almost no weight left (TestSimpleDecay)', () => {
    const h = new DecayingHistogram(testOptions, HOUR);
    h.addSample(2, 1000, START);
    h.addSample(1, 1, START + 20 * HOUR);
    expect(h.percentile(0.999)).toBeCloseTo(2, 12);
    expect(h.percentile(1)).toBeCloseTo(3, 12);
  });

  it('stays right when the decay factor passes 2^100 (TestLongtermDecay)', () => {
    const h = new DecayingHistogram(testOptions, HOUR);
    h.addSample(2, 1, START);
    h.addSample(1, 1, START + 101 * HOUR);
    expect(h.percentile(1)).toBeCloseTo(2, 12);
  });

  it('weights 1..4 one half-life apart decay to 1/8, 2/4, 3/2, 4 (TestDecayingHistogramPercentiles)', () => {
    const h = new DecayingHistogram(testOptions, HOUR);
    for (let i = 1; i <= 4; i++) h.addSample(i, i, START + (i - 1) * HOUR);
    const expected: [number, number][] = [[0, 2], [0.02, 2], [0.03, 3], [0.1, 3], [0.11, 4], [0.34, 4], [0.35, 5], [1, 5]];
    for (const [p, v] of expected) expect(h.percentile(p)).toBeCloseTo(v, 12);
  });

  it('behaves as a plain histogram when every sample has the same time (TestNoDecay)', () => {
    const h = new DecayingHistogram(testOptions, HOUR);
    for (let i = 1; i <= 4; i++) h.addSample(i, i, START);
    expect(h.percentile(0.2)).toBeCloseTo(3, 12);
    expect(h.percentile(0.6)).toBeCloseTo(4, 12);
    expect(h.percentile(0.7)).toBeCloseTo(5, 12);
  });
});
