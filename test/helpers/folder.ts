/** A folder's files and their bytes, to compare two folders by. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file of a folder (its hidden ones too) and its bytes, but the names left out. */
export function snapshot(dir: string, leaveOut: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (leaveOut.includes(name)) continue;
    out[name] = readFileSync(join(dir, name), 'latin1');
  }
  return out;
}
