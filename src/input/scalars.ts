/**
 * The leaf values of the scenario format. Quantities and durations are checked here with the
 * parsers of src/quantity.ts (so a bad one is reported with its key, like any other issue) but
 * kept as written: normalize/ converts them, which lets a cluster's overrides be merged over the
 * raw values and checked again.
 */
import { z } from 'zod';
import { HeadroomError, isHeadroomError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { parseCpuMilli, parseDurationSec, parseMemoryBytes, parseQuantity, parseRatio } from '../quantity.ts';
import { describeValue } from './describe.ts';

type Parser = (value: unknown, what: string) => number;

/** `what` names the value in the parser's messages; `expected` says what was wanted instead of a wrong type. */
function quantityLike(what: string, expected: string, parse: Parser) {
  return z
    .union([z.string(), z.number()], { error: (iss) => `expected ${expected}, got ${describeValue(iss.input)}` })
    .superRefine((value, ctx) => {
      try {
        parse(value, what);
      } catch (e) {
        if (!isHeadroomError(e)) throw e;
        ctx.addIssue({ code: 'custom', message: e.message, input: value });
      }
    });
}

export const cpu = () => quantityLike('cpu', 'a cpu quantity such as 500m or 2', parseCpuMilli);
export const memory = () => quantityLike('memory', 'a memory quantity such as 512Mi or 2Gi', parseMemoryBytes);
export const duration = () => quantityLike('duration', 'a duration such as 90s, 10m or 1h30m', parseDurationSec);
/** `0.1%` or `0.001` (each key says how large it may be: an error rate at most 100%, ...). */
export const ratio = () => quantityLike('ratio', 'a ratio such as 0.001 or 0.1%', parseRatio);
/** A request rate in req/s: a number, or a quantity such as `12k`. */
export const rate = () =>
  quantityLike('rate', 'a rate in requests per second such as 2000 or 12k', (v, what) => {
    const n = parseQuantity(v, what);
    if (n < 0) throw new HeadroomError('quantity', `${what} must not be negative, got ${describeValue(v)}`);
    if (n > LIMITS.rateRps) throw new HeadroomError('quantity', `${what} must be at most ${LIMITS.rateRps.toLocaleString('en-US')} requests per second, got ${describeValue(v)}`);
    return n;
  });

/** A whole number that is exact in a double (a seed, a priority). */
export const int = () => z.number().int();
// The bound first, and alone: past it, zod's own safe-integer bound would say the same again.
export const count = () => z.number().max(LIMITS.count, { abort: true }).int().min(0);
export const positiveInt = () => z.number().max(LIMITS.count, { abort: true }).int().min(1);
/** A plain non-negative number (a weight, a price, a trace's scale). */
export const factor = () => z.number().min(0).max(LIMITS.factor);

// Names end up in key paths (`routing.weights.az-a`), in pod names and in file names, so they follow
// Kubernetes' DNS-1123 label rule: no dots, no spaces, no capitals.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const name = () =>
  z
    .string()
    .max(63)
    .regex(DNS1123_LABEL, { error: (iss) => `${describeValue(iss.input)} is not a valid name: use lower-case letters, digits and "-" (like az-a or backend-a)` });
