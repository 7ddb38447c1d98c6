/**
 * Malformed input of every shape gets a HeadroomError (one clear message, a non-zero exit in the
 * CLI), never a crash: random edits of a valid scenario, random JSON to every decision, and random
 * bytes as a trace.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { isHeadroomError } from '../../src/errors.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { DECISIONS } from '../../src/cli/decide.ts';
import { loadRates } from '../../src/traffic/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT = parse(readFileSync(join(ROOT, 'scenarios/default.yaml'), 'utf8')) as unknown;

function userErrorOrValue(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!isHeadroomError(e)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message).not.toMatch(/undefined|\[object Object\]/);
  }
}

/** Paths to every node of a JSON-like value. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function edit(root: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    // an earlier edit may have replaced this part of the document: leave it as it is
    if (!node || typeof node !== 'object') return copy;
    node = node[k] as Record<string | number, unknown>;
  }
  if (!node || typeof node !== 'object') return copy;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const allPaths = paths(DEFAULT);
const junk = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('-5m', '5 cores', '1e400', 'NaN', '0', '-1', '500m', '2Gi', '', '∞', '10%', '{}'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

describe('malformed input never crashes', () => {
  it('random edits of the default scenario: a valid scenario or a HeadroomError', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), junk, fc.boolean()), { minLength: 1, maxLength: 4 }), (edits) => {
        let doc: unknown = DEFAULT;
        for (const [i, value, remove] of edits) doc = edit(doc, allPaths[i % allPaths.length], value, remove);
        userErrorOrValue(() => parseScenario(stringify(doc), 'fuzz.yaml', { checkFiles: false }));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('random text as a scenario: a HeadroomError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        userErrorOrValue(() => parseScenario(text, 'fuzz.yaml', { checkFiles: false }));
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('random JSON to every decision: an answer or a HeadroomError', () => {
    const pod = fc.record(
      { name: fc.string(), priority: junk, requests: fc.oneof(junk, fc.record({ cpu: junk, memory: junk })) },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          nodes: fc.oneof(junk, fc.array(fc.record({ name: fc.string(), allocatable: fc.oneof(junk, fc.record({ cpu: junk, memory: junk })), pods: fc.array(pod, { maxLength: 2 }) }), { maxLength: 3 })),
          pod: fc.oneof(junk, pod),
          pods: fc.oneof(junk, fc.array(pod, { maxLength: 3 })),
          nodeGroups: fc.oneof(junk, fc.array(fc.record({ name: fc.string(), allocatable: fc.oneof(junk, fc.record({ cpu: junk, memory: junk })) }), { maxLength: 2 })),
          currentReplicas: junk,
          targetCPUUtilization: junk,
          expander: junk,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(input, (value) => {
        for (const decide of Object.values(DECISIONS)) userErrorOrValue(() => decide(value));
      }),
      { numRuns: 400, seed: 13 },
    );
  });

  it('random bytes as a trace: a HeadroomError naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-fuzz-'));
    try {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (bytes, header) => {
          const file = join(dir, 'trace.csv');
          const body = header ? Buffer.concat([Buffer.from('timestamp_s,requests_per_s\n'), Buffer.from(bytes)]) : Buffer.from(bytes);
          writeFileSync(file, body);
          try {
            await loadRates(
              { kind: 'trace', path: file, displayPath: 'trace.csv', format: 'csv', interpolate: 'step', scale: 1, speedup: 1, loop: false, offsetSec: 0 },
              { durationSec: 600, stepSec: 10 },
            );
          } catch (e) {
            if (!isHeadroomError(e)) throw e;
            expect(e.file).toBe('trace.csv');
          }
        }),
        { numRuns: 200, seed: 14 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
