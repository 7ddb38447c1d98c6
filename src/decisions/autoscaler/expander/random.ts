/** `random`: any option, uniformly (the autoscaler's default expander, and every chain's last word). */
import type { ExpanderContext, ExpanderFilter, Option } from './types.ts';

export const RANDOM = 'random';

export function pickRandom<T>(items: readonly T[], rng: () => number): T | undefined {
  if (items.length === 0) return undefined;
  // min() guards an rng that returns exactly 1.
  return items[Math.min(items.length - 1, Math.floor(rng() * items.length))];
}

export const random = {
  name: RANDOM,
  bestOptions(options: readonly Option[], ctx: ExpanderContext): Option[] {
    const pick = pickRandom(options, ctx.rng);
    return pick ? [pick] : [];
  },
} satisfies ExpanderFilter;
