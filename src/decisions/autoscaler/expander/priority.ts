/**
 * `priority`: the options of the node groups with the highest priority number; ties fall
 * through. The autoscaler reads priorities from a ConfigMap of name regexps; here each node group
 * carries its number directly (default 0), so every group has one and none is dropped.
 */
import { keepLowest, type ExpanderFilter, type Option } from './types.ts';

export const PRIORITY = 'priority';

export const priority = {
  name: PRIORITY,
  bestOptions: (options: readonly Option[]) => keepLowest(options, (o) => -o.priority),
} satisfies ExpanderFilter;
