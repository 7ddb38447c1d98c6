import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TraceSpec } from '../../src/traffic/trace/replay.ts';

/** The real traces, beside the repository (never copied into it). */
export const SHARED_TRACES = fileURLToPath(new URL('../../../shared/traces/', import.meta.url));

/** A scratch folder for trace files; `cleanup()` removes it. */
export function scratch(): { dir: string; write: (name: string, text: string | Buffer) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-traffic-'));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A CSV trace spec with the defaults the scenario loader fills in. */
export function traceSpec(path: string, over: Partial<TraceSpec> = {}): TraceSpec {
  return {
    kind: 'trace',
    path,
    displayPath: over.displayPath ?? path.split('/').pop() ?? path,
    format: 'csv',
    interpolate: 'step',
    scale: 1,
    speedup: 1,
    loop: false,
    offsetSec: 0,
    ...over,
  };
}

/** Rows as CSV text with the standard header. */
export function csv(rows: [number, number][], header = 'timestamp_s,requests_per_s'): string {
  return `${header}\n${rows.map(([t, r]) => `${t},${r}`).join('\n')}\n`;
}

export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
