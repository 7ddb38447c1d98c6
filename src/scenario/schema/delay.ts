import { z } from 'zod';
import { duration } from '../../input/scalars.ts';

/**
 * A delay: `30s` (fixed), `{fixed: 60s}`, `{dist: uniform, min, max}` or
 * `{dist: lognormal, median, p95}`. One map with every key optional, so a mix-up
 * (`{dist: uniform, median: 30s}`) gets a message about what that dist needs, not a union error.
 */
export const delaySchema = () =>
  z.union([
    duration(),
    z.strictObject({
      fixed: duration().optional(),
      dist: z.enum(['fixed', 'uniform', 'lognormal']).optional(),
      min: duration().optional(),
      max: duration().optional(),
      median: duration().optional(),
      p95: duration().optional(),
    }),
  ]);
