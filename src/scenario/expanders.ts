/** The --expander flag in a scenario: one expander or a chain such as `priority,least-waste`. */
import { checkExpanderChain, EXPANDER_NAMES, splitExpanderChain, type ExpanderChainCheck } from '../decisions/autoscaler/expander/chain.ts';
import { didYouMean } from '../input/suggest.ts';

export const EXPANDERS = EXPANDER_NAMES;

/** The chain and what is wrong with it (decisions/autoscaler/expander/chain.ts), with a "did you mean". */
export function parseExpanders(text: string): ExpanderChainCheck {
  return checkExpanderChain(splitExpanderChain(text), (name) => didYouMean(name, EXPANDER_NAMES));
}
