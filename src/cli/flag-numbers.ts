/** Parsers for numeric flags, shared by the commands that take them. */
import { HeadroomError } from '../errors.ts';

export function wholeNumber(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new HeadroomError('usage', `${flag} must be a whole number of at least ${min}, got "${value}"`);
    return n;
  };
}
