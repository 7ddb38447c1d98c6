import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { TINY } from '../fixtures/check/summaries.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-check-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Everything here fails before a simulation would start, so the real runner is never reached.
describe('headroom check: bad input exits 2 with a clear message', () => {
  it('a malformed baseline', async () => {
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, '{"format": "headroom-baseline",\n "formatVersion": 1,\n "scenarios": [}\n');
    const r = await runCli(['check', TINY, '--baseline', baseline]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`headroom: ${baseline}:3:16: the baseline is not valid JSON (${messageOf(baseline)}); re-record it with headroom baseline\n`);
    expect(r.stdout).toBe('');
  });

  it('a baseline that is some other JSON', async () => {
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, '{"scenarios": []}');
    const r = await runCli(['check', TINY, '--baseline', baseline]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${baseline}: format: malformed baseline: expected "headroom-baseline": is this a headroom baseline?`);
  });

  it('a missing baseline', async () => {
    const r = await runCli(['check', TINY, '--baseline', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the baseline: no such file');
  });

  it('an unknown tolerance key', async () => {
    const r = await runCli(['check', TINY, '--baseline', join(dir, 'nope.json'), '--tolerance', 'latency.p99=5%']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tolerance: unknown number "latency.p99" (did you mean "latencyMs.p99"?)');
  });

  it('a bad --seeds and a missing --baseline', async () => {
    expect((await runCli(['check', TINY, '--baseline', 'b.json', '--seeds', '0'])).code).toBe(2);
    expect((await runCli(['check', TINY])).code).toBe(2);
    expect((await runCli(['baseline', TINY])).code).toBe(2); // --out is required
  });
});

/** V8's JSON.parse message for the text above, whatever this Node version words it as. */
function messageOf(file: string): string {
  try {
    JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
