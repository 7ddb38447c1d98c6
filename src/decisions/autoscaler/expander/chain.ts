/**
 * Expander chains (`--expander=priority,least-waste`): each filter narrows the options, the
 * first one left alone wins, and whatever ties remain at the end are broken at random. As in
 * the autoscaler, an expander may appear once, and nothing may follow `random` (it always
 * leaves one option, so a later one could never act).
 */
import { HeadroomError } from '../../../errors.ts';
import { leastWaste } from './least-waste.ts';
import { mostPods } from './most-pods.ts';
import { price } from './price.ts';
import { priority } from './priority.ts';
import { pickRandom, random } from './random.ts';
import type { ExpanderContext, ExpanderFilter, ExpanderName, Option } from './types.ts';

export const EXPANDERS: Readonly<Record<ExpanderName, ExpanderFilter>> = {
  random,
  'least-waste': leastWaste,
  'most-pods': mostPods,
  price,
  priority,
};

export const EXPANDER_NAMES = Object.keys(EXPANDERS) as ExpanderName[];

/** Check a chain as the autoscaler does at start-up; throws an 'input' error naming the problem. */
export function validateExpanderChain(names: readonly string[]): ExpanderName[] {
  if (names.length === 0) throw new HeadroomError('input', 'name at least one expander');
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (!(EXPANDER_NAMES as string[]).includes(name)) {
      throw new HeadroomError('input', `unknown expander "${name}" (expected one of: ${EXPANDER_NAMES.join(', ')})`);
    }
    if (seen.has(name)) throw new HeadroomError('input', `expander "${name}" is named twice; name each at most once`);
    if (i > 0 && names[i - 1] === 'random') {
      throw new HeadroomError('input', `expander "${name}" comes after "random", which always picks one option, so it would never be used`);
    }
    seen.add(name);
  });
  return names as ExpanderName[];
}

/** `'priority, least-waste'` -> ['priority', 'least-waste'], validated. */
export function parseExpanderChain(text: string): ExpanderName[] {
  return validateExpanderChain(text.split(',').map((s) => s.trim()));
}

/** The chosen option, or null when there is none to choose from. */
export function bestOption(options: readonly Option[], chain: readonly ExpanderName[], ctx: ExpanderContext): Option | null {
  let remaining: readonly Option[] = options;
  for (const name of chain) {
    if (remaining.length <= 1) break;
    remaining = EXPANDERS[name].bestOptions(remaining, ctx);
  }
  if (remaining.length <= 1) return remaining[0] ?? null;
  return pickRandom(remaining, ctx.rng) ?? null;
}
