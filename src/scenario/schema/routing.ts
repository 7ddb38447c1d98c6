/** How traffic is split over clusters, and when that split changes. */
import { z } from 'zod';
import { duration, factor } from '../../input/scalars.ts';

export const shiftSchema = () =>
  z.strictObject({
    at: duration(),
    drain: z.string().optional(),
    restore: z.string().optional(),
    over: duration().optional(),
  });

export const outageSchema = () =>
  z.strictObject({
    at: duration(),
    cluster: z.string().optional(),
    /** a zone: its single-zone cluster, or that zone alone of the cluster that spans it */
    zone: z.string().optional(),
    for: duration(),
    autoShift: z.boolean().optional(),
    detectionDelay: duration().optional(),
    shiftOver: duration().optional(),
    restoreDelay: duration().optional(),
  });

export const routingSchema = () =>
  z.strictObject({
    weights: z.record(z.string(), factor()).optional(),
    shifts: z.array(shiftSchema()).optional(),
    outages: z.array(outageSchema()).optional(),
  });
