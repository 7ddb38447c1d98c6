/** Faults of the cloud: node groups short of capacity, and spot reclaim waves. */
import { z } from 'zod';
import { duration, factor, name, ratio } from '../../input/scalars.ts';

export const shortageSchema = () =>
  z.strictObject({
    nodeGroup: name(),
    cluster: name().optional(),
    /** a scheduled shortage starts here ... */
    at: duration().optional(),
    /** ... or shortages start at random, this many a day on average */
    perDay: factor().optional(),
    /** in a mixed-instances group: only this type is short (absent: the whole group) */
    instanceType: z.string().min(1).optional(),
    for: duration(),
  });

export const reclaimSchema = () =>
  z.strictObject({
    at: duration(),
    nodeGroup: name(),
    cluster: name().optional(),
    share: ratio(),
  });

export const faultsSchema = () =>
  z.strictObject({
    shortages: z.array(shortageSchema()).optional(),
    reclaims: z.array(reclaimSchema()).optional(),
  });
