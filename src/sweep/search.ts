/**
 * `recommend --search PATH=LOW:HIGH`: the smallest whole value of one axis that meets the SLOs at
 * the asked attainment, by bisection. It assumes attainment does not fall as the value grows (more
 * headroom never hurts); the lowest value is tried first (if it meets, nothing below it is in
 * range), then the highest (if it fails, nothing in range meets), then the middle of the bracket
 * until the value that meets sits right above one that fails. The search ends with the answer's
 * neighbour below among the values tried and failing, so over LOW..HIGH it takes at most
 * 2 + ceil(log2(HIGH − LOW)) values instead of every one of them.
 */
import { HeadroomError } from '../errors.ts';
import { parseVary, type VaryAxis } from './vary.ts';

export interface SearchAxis {
  path: string;
  low: number;
  high: number;
  /** the axis as a sweep grid would hold it: every whole value from low to high */
  axis: VaryAxis;
}

export interface SearchProbe {
  value: number;
  meets: boolean;
}

export interface SearchResult {
  /** the smallest value that meets, or null when even `high` does not */
  value: number | null;
  /** in the order they were tried */
  probes: SearchProbe[];
}

/** Does the value meet the SLOs at the attainment asked? null when the runs were interrupted. */
export type Probe = (value: number) => Promise<boolean | null>;

export function parseSearch(text: string): SearchAxis {
  const eq = text.indexOf('=');
  const spec = eq > 0 ? text.slice(eq + 1).trim() : '';
  const m = /^(-?\d+):(-?\d+)$/.exec(spec);
  if (eq <= 0 || !m) throw new HeadroomError('usage', `--search ${text}: expected path=LOW:HIGH with whole numbers, e.g. overprovisioner.0.replicasPerCluster=0:200`);
  const low = Number(m[1]);
  const high = Number(m[2]);
  if (!(low < high)) throw new HeadroomError('usage', `--search ${text}: LOW must be below HIGH`);
  const axis = parseVary(`${text.slice(0, eq).trim()}=${low}:${high}:1`);
  return { path: axis.path, low, high, axis };
}

/** The bisection itself, over any probe; null when a probe was interrupted. */
export async function bisectSmallest(low: number, high: number, probe: Probe): Promise<SearchResult | null> {
  const probes: SearchProbe[] = [];
  const tried = async (value: number): Promise<boolean | null> => {
    const meets = await probe(value);
    if (meets !== null) probes.push({ value, meets });
    return meets;
  };
  const atLow = await tried(low);
  if (atLow === null) return null;
  if (atLow) return { value: low, probes };
  const atHigh = await tried(high);
  if (atHigh === null) return null;
  if (!atHigh) return { value: null, probes };
  // invariant: lo fails, hi meets
  let lo = low;
  let hi = high;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const meets = await tried(mid);
    if (meets === null) return null;
    if (meets) hi = mid;
    else lo = mid;
  }
  return { value: hi, probes };
}
