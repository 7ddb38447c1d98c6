import type { ErrorLocation } from '../../errors.ts';

/**
 * Called for each row of a trace, in file order: the time in seconds (absolute or relative,
 * the shape makes it relative), the rate in requests per second, and a locator the source can
 * turn into a file position. Returning false stops the read.
 */
export type RowHandler = (timeSec: number, ratePerSec: number, locator: number) => boolean;

/** A trace that can be read (again) from the start, row by row, without holding it. */
export interface RowSource {
  /** Reads rows until the end or until the handler returns false; rejects with a HeadroomError. */
  read(onRow: RowHandler): Promise<void>;
  /** Where a row is, for an error about it. */
  where(locator: number): ErrorLocation;
}
