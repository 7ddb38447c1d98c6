/** The --expander flag: one expander or a chain such as `priority,least-waste`. */
import { didYouMean } from '../input/suggest.ts';
import type { ExpanderName } from './types.ts';

export const EXPANDERS: readonly ExpanderName[] = ['random', 'least-waste', 'most-pods', 'price', 'priority'];

/**
 * The chain, and what is wrong with it. Each expander narrows the options for the next; random can
 * only come last, since it leaves one. A chain with problems still yields its valid names (or random).
 */
export function parseExpanders(text: string): { expanders: ExpanderName[]; problems: string[] } {
  const names = text.split(',').map((s) => s.trim());
  const expanders: ExpanderName[] = [];
  const problems: string[] = [];
  for (const [i, n] of names.entries()) {
    if (!(EXPANDERS as readonly string[]).includes(n)) {
      problems.push(`unknown expander "${n}"${didYouMean(n, EXPANDERS)}; expanders: ${EXPANDERS.join(', ')}`);
    } else if (expanders.includes(n as ExpanderName)) {
      problems.push(`expander "${n}" is listed twice`);
    } else if (n === 'random' && i < names.length - 1) {
      problems.push('random picks one option, so it can only be the last expander of a chain');
    } else {
      expanders.push(n as ExpanderName);
    }
  }
  return { expanders: expanders.length > 0 ? expanders : ['random'], problems };
}
