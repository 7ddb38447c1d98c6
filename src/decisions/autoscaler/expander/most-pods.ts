/** `most-pods`: the option that schedules the most pending pods; ties fall through. */
import { keepLowest, type ExpanderFilter, type Option } from './types.ts';

export const MOST_PODS = 'most-pods';

export const mostPods = {
  name: MOST_PODS,
  bestOptions: (options: readonly Option[]) => keepLowest(options, (o) => -o.pods.length),
} satisfies ExpanderFilter;
