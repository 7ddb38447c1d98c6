/**
 * Named, independent random streams from one seed. Each component draws from its own stream
 * (`rng('provisioning/az-a/general')`), so adding a workload or a cluster leaves every other
 * component's draws unchanged.
 */
import seedrandom from 'seedrandom';

export type Rng = () => number;

export function namedStream(seed: number | string, name: string): Rng {
  // alea: fast, good quality, and its output is the same on every platform.
  return seedrandom.alea(`${seed}\u0000${name}`);
}

export class RandomStreams {
  private readonly streams = new Map<string, Rng>();
  constructor(readonly seed: number | string) {}

  stream(name: string): Rng {
    let s = this.streams.get(name);
    if (!s) {
      s = namedStream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }
}

/** Standard normal by Box-Muller from two uniform draws of `rng`. */
export function normal(rng: Rng): number {
  let u = rng();
  while (u <= Number.MIN_VALUE) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}
