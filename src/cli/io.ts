/** Reading stdin and printing, kept apart so commands stay testable. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
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
