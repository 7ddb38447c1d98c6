/**
 * The scenario, trace and decide parsers fuzzed through the command itself (in-process, as
 * bin/headroom.mjs runs it): whatever the input, the exit is 0, 1 or 2 and stderr holds one-line
 * messages, never "internal error" or a stack. A few hundred generated inputs each.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runDecide, DECISIONS, type DecisionKind } from '../../src/cli/decide.ts';
import { smallFleet } from '../helpers/scenario.ts';
import { expectNoStack, headroomIn, ROOT } from '../helpers/cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-fuzz-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXITS = [0, 1, 2];
/** Numbers and texts at and past every edge a parser has. */
const hostile = fc.constantFrom(1e308, -1e308, 5e-324, 2 ** 53 + 2, -0, 0, -1, 1.5, '1e308', '5e500', '-5e500', 'NaN', 'Infinity', '.inf', '', ' ', '0x10', '1_000', '500m', '2Gi', '-5m', '__proto__', '{{ .Values.x }}', '\u0000', 'é'.repeat(50));
const junk = fc.oneof(hostile, fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostile, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), hostile, { maxKeys: 3 }));

function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

function edited(root: unknown, edits: [number, unknown, boolean][], paths: (string | number)[][]): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  for (const [i, value, remove] of edits) {
    const path = paths[i % paths.length];
    if (path.length === 0) continue;
    let node: unknown = copy;
    for (const k of path.slice(0, -1)) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[k] : undefined;
    if (!node || typeof node !== 'object') continue;
    const last = path[path.length - 1];
    if (remove && Array.isArray(node)) node.splice(Number(last), 1);
    else if (remove) delete (node as Record<string | number, unknown>)[last];
    else (node as Record<string | number, unknown>)[last] = value;
  }
  return copy;
}

describe('the scenario parser, through `headroom validate` and `run`', () => {
  const small = parse(smallFleet({ duration: '10m', hpa: 'hpa: {min: 4, max: 20}' })) as unknown;
  const full = parse(readFileSync(join(ROOT, 'scenarios/default.yaml'), 'utf8')) as unknown;

  it('edits of a valid scenario, random text and random bytes: exit 0 or 2, one-line messages', { timeout: 300_000 }, async () => {
    const file = join(dir, 'fuzz.yaml');
    const doc = fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(small, full), fc.array(fc.tuple(fc.nat(), junk, fc.boolean()), { minLength: 1, maxLength: 4 })).map(([root, edits]) => stringify(edited(root, edits, pathsOf(root)))) },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')) },
    );
    await fc.assert(
      fc.asyncProperty(doc, async (text) => {
        writeFileSync(file, text, 'latin1');
        const r = await headroomIn(['validate', file]);
        expect(EXITS, r.stderr).toContain(r.code);
        expectNoStack(r.stderr);
      }),
      { numRuns: 400, seed: 31 },
    );
  });

  it('edits of a small scenario, run to the end: exit 0 or 2', { timeout: 300_000 }, async () => {
    const file = join(dir, 'run.yaml');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), junk, fc.boolean()), { minLength: 1, maxLength: 3 }), async (edits) => {
        writeFileSync(file, stringify(edited(small, edits, pathsOf(small))));
        const r = await headroomIn(['run', file, '--quiet', '--no-report', '--out', join(dir, 'run-out')]);
        expect(EXITS, r.stderr).toContain(r.code);
        expectNoStack(r.stderr);
      }),
      { numRuns: 150, seed: 32 },
    );
  });
});

describe('the trace parser, through `headroom run`', () => {
  it('random rows, random bytes and hostile numbers as a trace: exit 0 or 2, naming the trace', { timeout: 300_000 }, async () => {
    const scenario = join(dir, 'trace.yaml');
    writeFileSync(scenario, smallFleet({ duration: '10m' }).replace(/traffic: \{generator: \{base: 100\}\}/, 'traffic: {trace: t.csv}'));
    const cell = fc.oneof(fc.nat({ max: 1200 }).map(String), hostile.map(String), fc.string({ maxLength: 8 }));
    const rows = (body: string[]) => `timestamp_s,requests_per_s\n${body.join('\n')}\n`;
    const csv = fc.oneof(
      // well-formed times, every kind of rate
      fc.array(fc.oneof(fc.nat({ max: 100_000 }).map(String), hostile.map(String)), { minLength: 1, maxLength: 12 }).map((rates) => rows(rates.map((r, i) => `${i * 60},${r}`))),
      fc.array(fc.tuple(cell, cell), { maxLength: 12 }).map((r) => rows(r.map((c) => c.join(',')))),
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.string({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(csv, async (text) => {
        writeFileSync(join(dir, 't.csv'), text, 'latin1');
        const r = await headroomIn(['run', scenario, '--quiet', '--no-report', '--out', join(dir, 'trace-out')]);
        expect(EXITS, r.stderr).toContain(r.code);
        expectNoStack(r.stderr);
        if (r.code === 2) expect(r.stderr).toMatch(/t\.csv/);
      }),
      { numRuns: 300, seed: 33 },
    );
  });
});

describe('the decide parsers, as `headroom decide` runs them', () => {
  it('hostile JSON to every decision, one input and --batch: an answer or one-line errors, never a throw', () => {
    const requests = fc.oneof(junk, fc.record({ cpu: junk, memory: junk }, { requiredKeys: [] }));
    const pod = fc.record({ name: fc.oneof(fc.string({ maxLength: 5 }), junk), priority: junk, requests, preemptionPolicy: junk }, { requiredKeys: [] });
    const node = fc.record({ name: fc.oneof(fc.string({ maxLength: 5 }), junk), allocatable: fc.oneof(junk, fc.record({ cpu: junk, memory: junk, pods: junk }, { requiredKeys: [] })), pods: fc.oneof(junk, fc.array(pod, { maxLength: 2 })) }, { requiredKeys: [] });
    const input = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          nodes: fc.oneof(junk, fc.array(node, { maxLength: 3 })),
          pod: fc.oneof(junk, pod),
          pods: fc.oneof(junk, fc.array(pod, { maxLength: 3 })),
          nodeGroups: fc.oneof(junk, fc.array(node, { maxLength: 2 })),
          expander: junk,
          currentReplicas: junk,
          targetCPUUtilization: junk,
          tolerance: junk,
        },
        { requiredKeys: [] },
      ),
    );
    const text = fc.oneof({ weight: 4, arbitrary: input.map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: fc.string({ maxLength: 100 }) });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), (one, many) => {
        for (const kind of Object.keys(DECISIONS) as DecisionKind[]) {
          for (const [stdin, batch] of [[one, false], [many.join('\n'), true]] as const) {
            const r = runDecide(kind, stdin, batch);
            for (const e of r.errors) {
              expect(e.split('\n')).toHaveLength(1);
              expectNoStack(e);
            }
          }
        }
      }),
      { numRuns: 400, seed: 34 },
    );
  });
});
