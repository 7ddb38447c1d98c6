/** The headroom version (package.json's, read once): what --version prints, and what baselines and run markers record. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function headroomVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
      cached = typeof pkg.version === 'string' ? pkg.version : 'unknown';
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
