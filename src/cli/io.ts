/** Reading stdin and printing, kept apart so commands stay testable. */
import { HeadroomError } from '../errors.ts';
import { formatBytes, MAX_DOCUMENT_BYTES } from '../input/files.ts';

/** All of stdin, up to the documents' size cap: `decide < /dev/zero` stops at the cap, not at the memory's end. */
export async function readStdin(maxBytes = MAX_DOCUMENT_BYTES): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of process.stdin) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxBytes) {
      process.stdin.destroy();
      throw new HeadroomError('input', `more than ${formatBytes(maxBytes)}, the most an input may be`, { file: 'stdin' });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const EXIT = {
  ok: 0,
  /** a regression or broken SLO (check) */
  regression: 1,
  /** an output could not be written: the message names the path and the reason */
  writeFailed: 1,
  /** bad input: scenario, trace, flag, decide input, baseline */
  badInput: 2,
  /** a bug in headroom itself */
  internal: 70,
} as const;

/** The exit code of a user-facing error: a failed write is 1, anything else the user gave is 2. */
export function exitCodeOf(e: { code: string }): number {
  return e.code === 'write' ? EXIT.writeFailed : EXIT.badInput;
}
