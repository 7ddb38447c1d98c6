import { isAbsolute, relative } from 'node:path';
import { HeadroomError } from '../errors.ts';

/** Messages name files relative to the working directory, as the user named the inputs. */
export function relativeTo<T extends { file?: string }>(x: T, cwd: string): T {
  if (x.file === undefined || !isAbsolute(x.file)) return x;
  const file = relative(cwd, x.file) || x.file;
  return x instanceof HeadroomError ? (new HeadroomError(x.code, x.message, { ...x, file }) as unknown as T) : { ...x, file };
}
