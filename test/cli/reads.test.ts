/**
 * What a scenario may read: files inside its own folder, or inside folders the command line
 * allows (`--allow-read`, or anything with `--load-restrictor none`); only regular files, up to a
 * size; and an error never carries a file's contents past the offending token.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallFleet } from '../helpers/scenario.ts';
import { expectNoStack, headroomIn, spawnHeadroom } from '../helpers/cli.ts';

const SECRET = 'AKIA-do-not-print-me-4f9c';
let root: string;
let project: string;
let secrets: string;

const withTrace = (trace: string) => smallFleet({ duration: '10m' }).replace(/traffic: \{generator: \{base: 100\}\}/, `traffic: {trace: ${trace}}`);
const scenarioAt = (name: string, text: string) => {
  const p = join(project, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'headroom-reads-'));
  project = join(root, 'project');
  secrets = join(root, 'secret');
  mkdirSync(project);
  mkdirSync(secrets);
  writeFileSync(join(secrets, '.env'), `API_KEY=${SECRET}\n`);
  writeFileSync(join(secrets, 'trace.csv'), 'timestamp_s,requests_per_s\n0,100\n600,100\n');
  writeFileSync(join(project, 'trace.csv'), 'timestamp_s,requests_per_s\n0,100\n600,100\n');
  writeFileSync(join(project, 'key.pem'), `${SECRET}\n`);
  symlinkSync(join(secrets, '.env'), join(project, 'innocent.csv'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('reads stay inside the scenario\'s folder', () => {
  it('a trace outside it is refused, naming the flag that allows it, without reading it', async () => {
    const file = scenarioAt('escape.yaml', withTrace('../secret/.env'));
    const r = await headroomIn(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workloads\.0\.traffic\.trace: \.\.\/secret\/\.env is outside the scenario's folder/);
    expect(r.stderr).toMatch(/--allow-read/);
    expect(r.stderr).not.toContain(SECRET);
    expectNoStack(r.stderr);
  });

  it('a link inside the folder that leads outside is judged by where it leads', async () => {
    const file = scenarioAt('link.yaml', withTrace('innocent.csv'));
    const r = await headroomIn(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/innocent\.csv is outside the scenario's folder \(it leads to .*secret\/\.env\)/);
    expect(r.stderr).not.toContain(SECRET);
  });

  it('an include or Helm values outside it are errors, not warnings', async () => {
    const include = scenarioAt('include.yaml', `include: [${join(secrets, '.env')}]\n${smallFleet({ duration: '10m' }).replace('name: small', 'name: inc')}`);
    const r = await headroomIn(['validate', include]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/include\.0: .*secret\/\.env is outside the scenario's folder/);
    const helm = scenarioAt('helm.yaml', smallFleet({ duration: '10m' }).replace('overprovisioner:\n', 'overprovisioner:\n  - helmValues: ../secret/.env\n'));
    const h = await headroomIn(['validate', helm]);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/overprovisioner\.0\.helmValues: \.\.\/secret\/\.env is outside the scenario's folder/);
    for (const s of [r.stderr, h.stderr]) expect(s).not.toContain(SECRET);
  });

  it('--allow-read <folder> lets it in; --load-restrictor none lets anything in', async () => {
    const file = scenarioAt('allowed.yaml', withTrace('../secret/trace.csv'));
    expect((await headroomIn(['validate', file])).code).toBe(2);
    const allowed = await headroomIn(['validate', file, '--allow-read', secrets]);
    expect(allowed.code, allowed.stderr).toBe(0);
    const none = await headroomIn(['validate', file, '--load-restrictor', 'none']);
    expect(none.code, none.stderr).toBe(0);
    const missing = await headroomIn(['validate', file, '--allow-read', join(root, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--allow-read .*nowhere: no such folder/);
  });

  it('a file inside the folder that is not a trace is refused without its contents in the message', async () => {
    const file = scenarioAt('pem.yaml', withTrace('key.pem'));
    const r = await headroomIn(['run', file, '--quiet', '--no-report', '--out', join(root, 'pem-out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/key\.pem:1: .*the first line is not a CSV header/);
    expect(r.stderr).not.toContain(SECRET);
  });
});

describe('a measured service time is read as a trace is', () => {
  const withLaw = (law: string) => smallFleet({ duration: '10m' }).replace('serviceTime: 50ms', `serviceTime: {${law}}`);

  it('outside the folder it is refused without reading it; inside, a file that is not one keeps its contents out of the message', async () => {
    const outside = await headroomIn(['validate', scenarioAt('law-out.yaml', withLaw('histogram: ../secret/.env'))]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/workloads\.0\.serviceTime\.histogram: \.\.\/secret\/\.env is outside the scenario's folder/);
    for (const law of ['quantiles: key.pem', 'quantiles: innocent.csv']) {
      const r = await headroomIn(['validate', scenarioAt('law-in.yaml', withLaw(law))]);
      expect(r.code, law).toBe(2);
      expect(r.stderr).not.toContain(SECRET);
    }
    const dev = await headroomIn(['validate', scenarioAt('law-dev.yaml', withLaw('quantiles: /dev/zero')), '--load-restrictor', 'none']);
    expect(dev.code).toBe(2);
    expect(dev.stderr).toMatch(/\/dev\/zero: cannot read the service-time file: it is a character device, not a regular file/);
  });

  it('its digest is among the scenario\'s inputs', async () => {
    writeFileSync(join(project, 'quantiles.csv'), 'quantile,seconds\n0.5,0.02\n0.99,0.2\n');
    const r = await headroomIn(['validate', scenarioAt('law.yaml', withLaw('quantiles: quantiles.csv')), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).inputs).toEqual([{ file: 'quantiles.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });
});

describe('only regular files, and only so much of them', () => {
  it('/dev/zero as the scenario is refused at once, not read until memory runs out', () => {
    const r = spawnHeadroom(['validate', '/dev/zero'], { timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero: cannot read the scenario: it is a character device, not a regular file/);
  });

  it('/dev/zero as an include or a trace, and a FIFO as a trace, are refused without blocking', () => {
    const fifo = join(project, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    // with every path allowed, so what is refused is the kind of file, not where it is
    for (const [name, text, want] of [
      ['dev-include.yaml', `include: [/dev/zero]\n${smallFleet({ duration: '10m' })}`, /\/dev\/zero: cannot read the manifest: it is a character device, not a regular file/],
      ['dev-trace.yaml', withTrace('/dev/zero'), /cannot read the trace: it is a character device, not a regular file/],
      ['fifo.yaml', withTrace('pipe.csv'), /cannot read the trace: it is a pipe, not a regular file/],
    ] as const) {
      const file = scenarioAt(name, text);
      const r = spawnHeadroom(['validate', file, '--load-restrictor', 'none'], { timeoutMs: 30_000 });
      expect(r.signal, name).toBeNull();
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr, name).toMatch(want);
    }
  });

  it('a file past --max-input-size is refused with its size', async () => {
    const file = scenarioAt('big.yaml', `${smallFleet({ duration: '10m' })}\n# ${'x'.repeat(4000)}\n`);
    const r = await headroomIn(['validate', file, '--max-input-size', '1Ki']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the scenario: it is 4\.\d KiB, more than the 1\.0 KiB read at most \(raise it with --max-input-size\)/);
    expect((await headroomIn(['validate', file])).code).toBe(0);
  });
});
