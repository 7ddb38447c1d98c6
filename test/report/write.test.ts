/**
 * Temporary files are created exclusively and never through a link: in a shared folder another
 * user could plant a link under the name a writer is about to use (`summary.json.<pid>.0.tmp`
 * was one such name) and have the writer overwrite any file it may write.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as write from '../../src/report/write.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-write-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writing a file atomically', () => {
  it('does not write through a link planted under a temporary name', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const out = join(dir, 'shared');
    mkdirSync(out);
    const target = join(out, 'summary.json');
    // every name this process could have used for its first temporaries, each a link to the victim
    for (let n = 0; n < 20; n++) symlinkSync(victim, `${target}.${process.pid}.${n}.tmp`);
    write.writeFileAtomic(target, '{"run": 1}\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readFileSync(target, 'utf8')).toBe('{"run": 1}\n');
    // the planted links are left as they were; no temporary of ours is left
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toHaveLength(20);
  });

  it('creating a file refuses a name that exists, a link included, and leaves its target alone', () => {
    const victim = join(dir, 'victim2.txt');
    writeFileSync(victim, 'precious\n');
    const link = join(dir, 'link.tmp');
    symlinkSync(victim, link);
    expect(() => write.writeNewFile(link, 'overwritten')).toThrow(/EEXIST/);
    expect(() => write.writeNewFile(victim, 'overwritten')).toThrow(/EEXIST/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    const dangling = join(dir, 'dangling.tmp');
    symlinkSync(join(dir, 'nowhere'), dangling);
    expect(() => write.writeNewFile(dangling, 'x')).toThrow(/EEXIST/);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});
