/**
 * The logarithmic key mapping of DDSketch (@datadog/sketches-js, `LogarithmicMapping`), written
 * out so that the hot loops can key a value with one log and a multiply: bin k holds the values in
 * (γ^(k−1), γ^k], γ = (1 + α)/(1 − α), and answers with the value 2γ^k/(1 + γ), within α of
 * anything in the bin. The constants are computed as the library computes them, so the keys are the
 * library's keys to the last bit (test/maths/log-mapping.test.ts holds them to it).
 */
export class LogMapping {
  readonly gamma: number;
  /** ln γ: bin k's upper edge is e^(k·lnGamma) */
  readonly lnGamma: number;
  /** key(v) = ceil(log2(v) · multiplier) */
  readonly multiplier: number;
  /** values at or below this are keyed as zero */
  readonly minPossible: number;

  constructor(readonly relativeAccuracy: number) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`relative accuracy must be in (0, 1), got ${relativeAccuracy}`);
    }
    const gammaMantissa = (2 * relativeAccuracy) / (1 - relativeAccuracy);
    this.gamma = 1 + gammaMantissa;
    this.multiplier = (1 / Math.log1p(gammaMantissa)) * Math.log(2);
    this.minPossible = 2 ** -1023 * this.gamma;
    this.lnGamma = Math.log(this.gamma);
  }

  /** The bin of value v > minPossible. */
  key(v: number): number {
    return Math.ceil(Math.log2(v) * this.multiplier);
  }

  /** The value a bin answers with. */
  value(key: number): number {
    return 2 ** (key / this.multiplier) * (2 / (1 + this.gamma));
  }

  /** The upper edge of bin k, γ^k (the lower edge is edge(k − 1)). */
  edge(key: number): number {
    return Math.exp(key * this.lnGamma);
  }
}
