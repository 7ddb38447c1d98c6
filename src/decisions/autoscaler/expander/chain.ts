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

export interface ExpanderChainCheck {
  /** the chain's valid names, in order (random when none is valid) */
  expanders: ExpanderName[];
  /** what is wrong with it, one message per problem; empty for a valid chain */
  problems: string[];
}

/**
 * A chain checked as the autoscaler checks --expander at start-up: known names, each at most once,
 * random only last (it leaves one option, so an expander after it could never act).
 * `suggest` may add a "did you mean" to an unknown name.
 */
export function checkExpanderChain(names: readonly string[], suggest: (name: string) => string = () => ''): ExpanderChainCheck {
  const expanders: ExpanderName[] = [];
  const problems: string[] = [];
  if (names.length === 0) problems.push('name at least one expander');
  names.forEach((name, i) => {
    if (!(EXPANDER_NAMES as string[]).includes(name)) {
      problems.push(`unknown expander "${name}"${suggest(name)}; expanders: ${EXPANDER_NAMES.join(', ')}`);
    } else if (expanders.includes(name as ExpanderName)) {
      problems.push(`expander "${name}" is listed twice`);
    } else if (name === 'random' && i < names.length - 1) {
      problems.push('random picks one option, so it can only be the last expander of a chain');
    } else {
      expanders.push(name as ExpanderName);
    }
  });
  return { expanders: expanders.length > 0 ? expanders : ['random'], problems };
}

/** The chain, or an 'input' error naming its first problem. */
export function validateExpanderChain(names: readonly string[], suggest?: (name: string) => string): ExpanderName[] {
  const { expanders, problems } = checkExpanderChain(names, suggest);
  if (problems.length > 0) throw new HeadroomError('input', problems[0]);
  return expanders;
}

/** `'priority, least-waste'` as the flag is written -> its names, trimmed. */
export function splitExpanderChain(text: string): string[] {
  return text.split(',').map((s) => s.trim());
}

/** `'priority, least-waste'` -> ['priority', 'least-waste'], validated. */
export function parseExpanderChain(text: string, suggest?: (name: string) => string): ExpanderName[] {
  return validateExpanderChain(splitExpanderChain(text), suggest);
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
