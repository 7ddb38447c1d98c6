/**
 * `--set path=value` and `--vary path=values` over generated paths and values: the command never
 * crashes (exit 0 or 2, never 70), never pollutes a prototype, and a path the format does not have
 * is refused by name, `__proto__`, `constructor` and `prototype` included.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHeadroomError } from '../../src/errors.ts';
import { listScenarioPaths } from '../../src/scenario/index.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { smallFleet } from '../helpers/scenario.ts';
import { expectNoStack, headroomIn } from '../helpers/cli.ts';

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-sets-'));
  file = join(dir, 'small.yaml');
  writeFileSync(file, smallFleet({ hpa: 'hpa: {min: 4, max: 20}', extra: 'routing: {weights: {az-a: 1}}' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RESERVED = ['__proto__', 'constructor', 'prototype'];
const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const shapes = () => prototypes.map((p) => Object.getOwnPropertyNames(p).sort().join(','));

/** A segment: a key of the format, a list index, a name, something of JavaScript's, or noise. */
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...new Set(listScenarioPaths().flatMap((p) => p.split('.')).filter((s) => s !== '*'))) },
  { weight: 2, arbitrary: fc.constantFrom('0', '1', '7', 'az-a', 'web', 'general') },
  { weight: 2, arbitrary: fc.constantFrom(...RESERVED, 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'length') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('.'));
/** A value as YAML text: scalars, huge and odd numbers, maps that try to set a prototype. */
const value = fc.oneof(
  fc.constantFrom('1', '0', '-1', '1e308', '"5e500"', '.inf', '.nan', 'null', 'true', '500m', '2Gi', '90s', 'price', '[]', '[1, 2]', '{}'),
  fc.constantFrom('{__proto__: {polluted: 1}}', '{constructor: {prototype: {polluted: 1}}}', '{a: {__proto__: 1}}', '[{__proto__: {x: 1}}]', '{toString: 1}'),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 12 }),
);

describe('--set over generated paths and values', () => {
  it('exits 0 or 2, never 70, and leaves every prototype as it was', { timeout: 120_000 }, async () => {
    const before = shapes();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(path, value), { minLength: 1, maxLength: 3 }), async (sets) => {
        const r = await headroomIn(['validate', file, ...sets.flatMap(([p, v]) => ['--set', `${p}=${v}`])]);
        expect([0, 2], r.stderr).toContain(r.code);
        expectNoStack(r.stderr);
        expect(shapes()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300, seed: 21 },
    );
  });

  it('--vary plans over generated paths and values: a plan or a HeadroomError, and no pollution', () => {
    const before = shapes();
    fc.assert(
      fc.property(path, fc.array(value, { minLength: 1, maxLength: 3 }), (p, values) => {
        try {
          planSweep({ file, vary: [`${p}=${[...new Set(values)].join('|')}`] });
        } catch (e) {
          if (!isHeadroomError(e)) throw e;
        }
        expect(shapes()).toEqual(before);
      }),
      { numRuns: 300, seed: 22 },
    );
  });
});

describe('keys of JavaScript\'s objects are never keys of a scenario', () => {
  it.each([
    ['--set', '__proto__.x=1', /__proto__\.x is not a key of the scenario format: "__proto__" is never a key/],
    ['--set', 'constructor.prototype.x=1', /"constructor" is never a key/],
    ['--set', 'toString=1', /toString is not a key of the scenario format: the scenario has no key "toString"/],
    ['--set', 'routing.weights.__proto__={a: 1}', /routing\.weights\.__proto__ is not a key of the scenario format: "__proto__" is never a key/],
    ['--set', 'routing.weights={__proto__: {az-a: 1}}', /"__proto__" in the value is never a key/],
    ['--set', 'workloads.0.labels.constructor=x', /"constructor" is never a key/],
    ['--vary', '__proto__.x=1', /--vary __proto__\.x=1: __proto__\.x is not a key of the scenario format/],
  ])('%s %s', async (flag, text, message) => {
    const args = flag === '--vary' ? ['sweep', file, '--vary', text, '--quiet', '--out', join(dir, 'sweep')] : ['validate', file, '--set', text];
    const r = await headroomIn(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expectNoStack(r.stderr);
  });

  it('a scenario file that writes __proto__ as a key is refused where it writes it', async () => {
    const text = smallFleet().replace('clusters: [az-a]', 'clusters: [az-a]\nrouting:\n  weights: {__proto__: {az-a: 1}}');
    const p = join(dir, 'proto.yaml');
    writeFileSync(p, text);
    const r = await headroomIn(['validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/proto\.yaml:\d+:\d+: routing\.weights\.__proto__: "__proto__" is never a key/);
  });
});
