/**
 * The VPA recommender's histograms, as vertical-pod-autoscaler/pkg/recommender/util/ writes them:
 * bucket schemes (histogram_options.go), a histogram of weights per bucket (histogram.go) and the
 * decaying histogram that halves an old sample's weight every half-life (decaying_histogram.go).
 * A percentile is the end of the bucket where the cumulative weight first reaches it, so answers
 * land on bucket boundaries, never between them.
 */

export interface HistogramOptions {
  readonly numBuckets: number;
  /** the bucket a value falls in; outside the range, the first or the last */
  findBucket(value: number): number;
  /** where bucket `i` starts (the first starts at 0) */
  bucketStart(i: number): number;
  /** a bucket lighter than this counts as empty */
  readonly epsilon: number;
}

function logBase(base: number, x: number): number {
  return Math.log(x) / Math.log(base);
}

/**
 * Buckets of growing size: bucket n is firstBucketSize × ratio^n wide, so it starts at
 * firstBucketSize × (ratio^n − 1) / (ratio − 1); the last starts at or above maxValue
 * (NewExponentialHistogramOptions).
 */
export function exponentialBuckets(maxValue: number, firstBucketSize: number, ratio: number, epsilon: number): HistogramOptions {
  if (!(maxValue > 0 && firstBucketSize > 0 && ratio > 1 && epsilon > 0)) {
    throw new RangeError('maxValue, firstBucketSize and epsilon must be > 0, ratio > 1');
  }
  const numBuckets = Math.ceil(logBase(ratio, (maxValue * (ratio - 1)) / firstBucketSize + 1)) + 1;
  return {
    numBuckets,
    epsilon,
    findBucket(value) {
      if (value < firstBucketSize) return 0;
      const b = Math.trunc(logBase(ratio, (value * (ratio - 1)) / firstBucketSize + 1));
      return b >= numBuckets ? numBuckets - 1 : b;
    },
    bucketStart(i) {
      return i === 0 ? 0 : (firstBucketSize * (ratio ** i - 1)) / (ratio - 1);
    },
  };
}

/** Equal buckets from 0; the last starts at or above maxValue (NewLinearHistogramOptions). */
export function linearBuckets(maxValue: number, bucketSize: number, epsilon: number): HistogramOptions {
  const numBuckets = Math.ceil(maxValue / bucketSize) + 1;
  return {
    numBuckets,
    epsilon,
    findBucket(value) {
      const b = Math.trunc(value / bucketSize);
      return b < 0 ? 0 : b >= numBuckets ? numBuckets - 1 : b;
    },
    bucketStart: (i) => i * bucketSize,
  };
}

/** util/histogram.go: weights per bucket, the first and last non-empty bucket tracked. */
export class Histogram {
  readonly options: HistogramOptions;
  private readonly weights: Float64Array;
  private totalWeight = 0;
  private minBucket: number;
  private maxBucket = 0;

  constructor(options: HistogramOptions) {
    this.options = options;
    this.weights = new Float64Array(options.numBuckets);
    this.minBucket = options.numBuckets - 1;
  }

  addSample(value: number, weight: number): void {
    if (weight < 0) throw new RangeError('sample weight must be non-negative');
    const b = this.options.findBucket(value);
    this.weights[b] += weight;
    this.totalWeight += weight;
    if (b < this.minBucket && this.weights[b] >= this.options.epsilon) this.minBucket = b;
    if (b > this.maxBucket && this.weights[b] >= this.options.epsilon) this.maxBucket = b;
  }

  /** Takes weight out of a bucket, never below zero (within epsilon the bucket empties). */
  subtractSample(value: number, weight: number): void {
    if (weight < 0) throw new RangeError('sample weight must be non-negative');
    const b = this.options.findBucket(value);
    const w = weight > this.weights[b] - this.options.epsilon ? this.weights[b] : weight;
    this.totalWeight -= w;
    this.weights[b] -= w;
    this.updateMinAndMax();
  }

  isEmpty(): boolean {
    return this.weights[this.minBucket] < this.options.epsilon;
  }

  /** The end of the bucket where the cumulative weight reaches `p` of the total (0 when empty). */
  percentile(p: number): number {
    if (this.isEmpty()) return 0;
    const threshold = p * this.totalWeight;
    let partial = 0;
    let b = this.minBucket;
    for (; b < this.maxBucket; b++) {
      partial += this.weights[b];
      if (partial >= threshold) break;
    }
    // The last bucket has no end: its start stands for it.
    return b < this.options.numBuckets - 1 ? this.options.bucketStart(b + 1) : this.options.bucketStart(b);
  }

  /** Multiplies every weight (percentiles stay where they are); buckets may become empty. */
  scale(factor: number): void {
    if (factor < 0) throw new RangeError('scale factor must be non-negative');
    for (let b = this.minBucket; b <= this.maxBucket; b++) this.weights[b] *= factor;
    this.totalWeight *= factor;
    this.updateMinAndMax();
  }

  private updateMinAndMax(): void {
    const eps = this.options.epsilon;
    const last = this.options.numBuckets - 1;
    while (this.weights[this.minBucket] < eps && this.minBucket < last) this.minBucket++;
    while (this.weights[this.maxBucket] < eps && this.maxBucket > 0) this.maxBucket--;
  }
}

/** When the decay factor passes 2^this, the reference time moves forward (maxDecayExponent). */
const MAX_DECAY_EXPONENT = 100;
/** Go's zero time (year 1) in unix seconds: where a new histogram's reference time starts. */
const GO_ZERO_TIME_SEC = -62135596800;

/**
 * util/decaying_histogram.go: a sample at time t weighs weight × 2^((t − reference) / halfLife),
 * so a sample one half-life older counts half as much. The reference time is a whole number of
 * half-lives (from Go's zero time) and moves forward when exponents grow past 100, rescaling the
 * weights by the matching power of two, as upstream does, so the epsilon cut-off acts the same.
 */
export class DecayingHistogram {
  private readonly histogram: Histogram;
  private readonly halfLifeSec: number;
  private referenceSec = GO_ZERO_TIME_SEC;

  constructor(options: HistogramOptions, halfLifeSec: number) {
    this.histogram = new Histogram(options);
    this.halfLifeSec = halfLifeSec;
  }

  addSample(value: number, weight: number, timeSec: number): void {
    this.histogram.addSample(value, weight * this.decayFactor(timeSec));
  }

  subtractSample(value: number, weight: number, timeSec: number): void {
    this.histogram.subtractSample(value, weight * this.decayFactor(timeSec));
  }

  percentile(p: number): number {
    return this.histogram.percentile(p);
  }

  isEmpty(): boolean {
    return this.histogram.isEmpty();
  }

  private decayFactor(timeSec: number): number {
    if (timeSec > this.referenceSec + this.halfLifeSec * MAX_DECAY_EXPONENT) this.shiftReference(timeSec);
    return 2 ** ((timeSec - this.referenceSec) / this.halfLifeSec);
  }

  /** Go's time.Round(halfLife) from the zero time (halfway rounds up), then 2^exponent on the weights. */
  private shiftReference(timeSec: number): void {
    const sinceZero = timeSec - GO_ZERO_TIME_SEC;
    const rounded = GO_ZERO_TIME_SEC + Math.floor(sinceZero / this.halfLifeSec + 0.5) * this.halfLifeSec;
    const exponent = Math.floor((this.referenceSec - rounded) / this.halfLifeSec + 0.5);
    this.histogram.scale(2 ** exponent);
    this.referenceSec = rounded;
  }
}
