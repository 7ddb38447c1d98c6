/** The headroom version recorded in baselines and run markers: package.json's, read once. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function headroomVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
      cached = typeof pkg.version === 'string' ? pkg.version : 'unknown';
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
