/**
 * Start-up: the command runs compiled JavaScript when dist/ is fresh and its sources otherwise, and
 * `--version` and `--help` load no module beyond the command table (no scenario schemas, no
 * simulation, no chart libraries). What a process loads is recorded by a resolve hook.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error a plain JavaScript module without types
import { buildIsFresh, STAMP } from '../../scripts/build-stamp.mjs';
import { DESCRIPTIONS } from '../../src/cli/descriptions.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/headroom.mjs');
const HOOK = join(ROOT, 'test/cli/record-imports.mjs');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-startup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loaded(args: string[]): { code: number | null; stdout: string; urls: string[] } {
  const log = join(dir, `imports-${args.join('_').replace(/\W/g, '')}.txt`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HEADROOM_IMPORTS_LOG: log },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const HEAVY = /\/node_modules\/(zod|yaml|vega[^/]*|piscina|csv-parse|cli-progress|seedrandom)\/|\/(src|dist)\/(scenario|sim|run|report|metrics|sweep|decisions|serving|traffic)\//;

describe('headroom --version and --help', () => {
  it('print the version from package.json and load no heavy module', () => {
    const r = loaded(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(r.urls.length).toBeGreaterThan(0);
    expect(r.urls.filter((u) => HEAVY.test(u))).toEqual([]);
  });

  it('list every command with its description, loading none of them', () => {
    const r = loaded(['--help']);
    expect(r.code).toBe(0);
    for (const name of Object.keys(DESCRIPTIONS)) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(r.urls.filter((u) => HEAVY.test(u))).toEqual([]);
  });

  it('load a named command in full: its own options in its help', () => {
    const r = loaded(['help', 'run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--no-report');
    expect(r.stdout).toContain(DESCRIPTIONS.run);
    expect(r.urls.some((u) => /\/vega\//.test(u))).toBe(false); // the chart libraries wait for a chart
  });
});

describe('the build stamp', () => {
  function tree(): string {
    const root = mkdtempSync(join(dir, 'tree-'));
    mkdirSync(join(root, 'src/a'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src/a/x.ts']) writeFileSync(join(root, f), '{}');
    const old = new Date(Date.now() - 60_000);
    for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src/a/x.ts']) utimesSync(join(root, f), old, old);
    return root;
  }

  it('is fresh only when written after every source and config file', () => {
    const root = tree();
    expect(buildIsFresh(root)).toBe(false); // never built
    writeFileSync(join(root, 'dist', STAMP), JSON.stringify({ builtAtMs: Date.now() - 30_000 }));
    expect(buildIsFresh(root)).toBe(true);
    writeFileSync(join(root, 'src/a/x.ts'), '// edited'); // a source newer than the build
    expect(buildIsFresh(root)).toBe(false);
  });

  it('is stale when the stamp is unreadable or a config file changed', () => {
    const root = tree();
    writeFileSync(join(root, 'dist', STAMP), 'not json');
    expect(buildIsFresh(root)).toBe(false);
    writeFileSync(join(root, 'dist', STAMP), JSON.stringify({ builtAtMs: Date.now() - 30_000 }));
    writeFileSync(join(root, 'tsconfig.json'), '{"x": 1}');
    expect(buildIsFresh(root)).toBe(false);
  });
});

describe('a mistyped command or flag', () => {
  function headroom(args: string[]) {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('is one line with the suggestion and where to look, exit 2', () => {
    const r = headroom(['rn']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("headroom: unknown command 'rn' (did you mean run?); see headroom --help\n");
  });

  it('names the command whose help lists its flags', () => {
    const r = headroom(['sweep', 'scenarios/default.yaml', '--seed', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("headroom: unknown option '--seed' (did you mean --seeds?); see headroom sweep --help\n");
    const bad = headroom(['decide', 'nope']);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    expect(bad.stderr).toMatch(/^headroom: .*'nope' is invalid.*; see headroom decide --help\n$/);
  });
});
