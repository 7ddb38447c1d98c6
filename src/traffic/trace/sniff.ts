import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { HeadroomError } from '../../errors.ts';

/** How much of a file is looked at before it is parsed; also the longest line a trace may have. */
export const SNIFF_BYTES = 64 * 1024;

export interface FileHead {
  sizeBytes: number;
  head: Buffer;
}

/**
 * Reads the first SNIFF_BYTES of a trace and rejects what cannot be a text trace at once, so a
 * multi-gigabyte binary or one-line file fails in milliseconds instead of after a full read.
 */
export async function sniffTextFile(path: string, displayPath: string): Promise<FileHead> {
  let handle;
  try {
    // O_NONBLOCK: a FIFO named as a trace must not wait for a writer; it is refused below.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw ioError(e, displayPath);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new HeadroomError('trace', 'cannot read the trace: is a folder, not a file', { file: displayPath });
    if (!st.isFile()) throw new HeadroomError('trace', 'cannot read the trace: it is not a regular file', { file: displayPath });
    const { size } = st;
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.length === 0) throw new HeadroomError('trace', 'the trace file is empty', { file: displayPath, line: 1 });
    const binaryAt = firstBinaryByte(bytes);
    if (binaryAt >= 0) {
      throw new HeadroomError(
        'trace',
        `not a text trace: binary byte 0x${bytes[binaryAt].toString(16).padStart(2, '0')} at offset ${binaryAt}`,
        { file: displayPath, line: lineAt(bytes, binaryAt) },
      );
    }
    if (size > SNIFF_BYTES && bytes.indexOf(0x0a) < 0) {
      throw new HeadroomError(
        'trace',
        `not a trace: the first line is longer than ${SNIFF_BYTES / 1024} KiB`,
        { file: displayPath, line: 1 },
      );
    }
    return { sizeBytes: size, head: bytes };
  } finally {
    await handle.close();
  }
}

/** The offset of the first byte no text file has (NUL and most C0 controls), or -1. */
export function firstBinaryByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    // of the C0 controls, text has only tab, LF, VT, FF and CR (and 0x1a, an old DOS end of file)
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a) return i;
  }
  return -1;
}

/** 1-based line of a byte offset. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export function ioError(e: unknown, displayPath: string): HeadroomError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a folder, not a file'
        : code === 'EACCES'
          ? 'permission denied'
          : ((e as Error)?.message ?? String(e));
  return new HeadroomError('trace', `cannot read the trace: ${why}`, { file: displayPath });
}
