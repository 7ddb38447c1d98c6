import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCommand } from './command.ts';
import { formatError, ValidationError } from '../../src/errors.ts';
import { importManifests } from '../../src/import/manifests.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { deployment } from '../manifests/fixture.ts';

const FLEET = resolve('test/fixtures/manifests/fleet');
const VALUES = resolve('test/fixtures/manifests/fleet/overprovisioner-values.yaml');

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-import-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('importManifests', () => {
  it('writes a scenario that includes the manifests and loads as written', () => {
    const out = join(tempDir(), 'plans', 'fleet.yaml');
    const r = importManifests({ paths: [FLEET], outFile: out, overprovisionerValues: VALUES });
    expect(r.problems).toEqual([]);
    expect(r.scenario!.name).toBe('fleet');
    expect(r.scenario!.workloads.map((w) => w.name)).toEqual(['backend-a', 'backend-b', 'frontend', 'report-worker']);
    // the manifests' objects reach it through include: classes, PDBs, the chart's placeholders
    expect(r.scenario!.priorityClasses.map((c) => c.name)).toEqual(['business-critical', 'standard', 'batch', 'overprovisioning']);
    expect(r.scenario!.podDisruptionBudgets).toHaveLength(4);
    expect(r.scenario!.clusters[0].overprovisioner.map((o) => o.name)).toEqual(['cluster-overprovisioner-large', 'cluster-overprovisioner-small']);
    // written to disk, `headroom validate --allow-read <the manifests' folder>` loads the same scenario
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, r.text);
    const reads = { allow: [FLEET, VALUES], unrestricted: false };
    expect(loadScenario(out, { checkFiles: false, reads })).toEqual({ ...r.scenario, file: out });
    // without it, the manifests are outside the scenario's folder and are not read
    expect(() => loadScenario(out, { checkFiles: false })).toThrow(/outside the scenario's folder/);
  });

  it('marks what the planner fills in, and gives traffic placeholders', () => {
    const r = importManifests({ paths: [FLEET], outFile: join(tempDir(), 'fleet.yaml') });
    expect(r.text).toMatch(/# TODO clusters:/);
    expect(r.text).toMatch(/# TODO nodeGroups:/);
    expect(r.text).toMatch(/# TODO traffic:/);
    // the cluster-autoscaler's --nodes=3:200:general gives the group's size: no min/max written
    expect(r.text).toMatch(/# min and max come from the cluster-autoscaler's --nodes flags/);
    expect(r.scenario!.clusters[0].nodeGroups[0]).toMatchObject({ name: 'general', min: 3, max: 200 });
    // backend-a: 20 replicas × concurrency 4 / 50ms × 0.5 = 800 req/s
    expect(r.text).toContain('  - name: backend-a\n    traffic: {generator: {base: 800}}');
    expect(r.scenario!.workloads.find((w) => w.name === 'backend-a')!.traffic).toEqual({ kind: 'generator', generator: { base: 800, bursts: [], noise: 0 } });
  });

  it('the include paths are relative to the scenario it writes', () => {
    const dir = tempDir({ 'deploy/app.yaml': deployment('web', { annotations: '    headroom/service-time: 20ms' }) });
    const r = importManifests({ paths: ['deploy'], outFile: 'plans/web.yaml', cwd: dir });
    expect(r.text).toContain('include:\n  - ../deploy\n');
    expect(r.problems).toEqual([]);
  });

  it('without the cluster-autoscaler among the manifests: a node group with min and max, and a TODO for the flags', () => {
    const dir = tempDir({ 'deploy/app.yaml': deployment('web') });
    const r = importManifests({ paths: ['deploy'], outFile: 'web.yaml', cwd: dir });
    expect(r.text).toMatch(/# TODO clusterAutoscaler: the flags the team runs the cluster-autoscaler with/);
    expect(r.text).toMatch(/    min: 0\n    max: 200\n/);
    // no service-time annotation: a placeholder, marked
    expect(r.text).toContain('    serviceTime: 50ms   # TODO: not in the manifests (annotation headroom/service-time)');
    expect(r.scenario!.workloads[0].serviceTime.meanSec).toBe(0.05);
  });

  it('node groups large enough for the largest pod and the initial replicas', () => {
    const dir = tempDir({ 'deploy/app.yaml': deployment('big', { cpu: '12', memory: '40Gi', replicas: 10, annotations: '    headroom/service-time: 1s' }) });
    const r = importManifests({ paths: ['deploy'], outFile: 'big.yaml', cwd: dir });
    const g = r.scenario!.clusters[0].nodeGroups[0];
    // 12 cores × 1.25 = 15 -> 15 cores; 40Gi × 1.25 = 50Gi
    expect(g.allocatable).toMatchObject({ cpuMilli: 15000, memoryBytes: 50 * 2 ** 30 });
    // 10 pods × 12 cores = 120 cores / 15 = 8 nodes (memory: 400Gi / 50Gi = 8) × 1.1 = 8.8 -> 9, + 1
    expect(g.initial).toBe(10);
  });

  it('bad manifests are refused before anything is written', () => {
    const dir = tempDir({ 'deploy/app.yaml': deployment('web', { cpu: '5 cores' }) });
    let err: unknown;
    try {
      importManifests({ paths: ['deploy'], outFile: 'web.yaml', cwd: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map(formatError)).toEqual([expect.stringMatching(/^deploy\/app\.yaml:16:29: document 1 \(Deployment web\): .*cpu "5 cores" is not a Kubernetes quantity/)]);
  });

  it('a scenario that does not load yet is still written, with the problems to fix', () => {
    const dir = tempDir({ 'deploy/app.yaml': deployment('web', { podSpec: '      priorityClassName: tier-1\n' }) });
    const r = importManifests({ paths: ['deploy'], outFile: 'web.yaml', cwd: dir });
    expect(r.scenario).toBeUndefined();
    expect(r.text).toContain('include:');
    expect(r.problems.map(formatError)).toEqual([expect.stringMatching(/^deploy\/app\.yaml:\d+:\d+: document 1 \(Deployment web\): spec\.template\.spec\.priorityClassName: unknown priority class "tier-1"/)]);
  });
});

describe('headroom import (the command)', () => {
  const { stdout, stderr, run } = importCommand();

  it('writes --out and says what it read; warnings go to stderr', async () => {
    const out = join(tempDir(), 'fleet.yaml');
    expect(await run([FLEET, '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Written by `headroom import`/);
    expect(stderr.join('')).toMatch(/headroom import: warning: skipped kinds headroom does not read: Service \(backend-a\); ConfigMap \(frontend-config\)/);
    expect(stderr.join('')).toMatch(/wrote .*fleet\.yaml: 4 workloads, 3 priority classes, 3 PodDisruptionBudgets; fill in its TODOs/);
  });

  it('prints the scenario without --out', async () => {
    expect(await run([FLEET])).toBe(0);
    expect(stdout.join('')).toMatch(/^# Written by `headroom import`/);
  });

  // `headroom import deploy > plans/nested/web.yaml`: the shell, not headroom, picks the file, so
  // the include paths must not be relative to the working directory.
  it('printed, the include paths are absolute (and it says so), so the file names the same files wherever it is saved', async () => {
    const dir = tempDir({ 'deploy/app.yaml': deployment('web', { annotations: '    headroom/service-time: 20ms' }) });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await run(['deploy'])).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    const text = stdout.join('');
    expect(text).toContain(`include:\n  - ${join(dir, 'deploy')}\n`);
    expect(text).toMatch(/# The include paths are absolute, so they name the same files wherever this is saved \(saved outside their folders, run it with --allow-read\); `--out FILE` writes them relative to FILE\./);
    expect(stderr.join('')).toMatch(/^headroom import: The include paths are absolute/m);
    const saved = join(dir, 'plans', 'nested', 'web.yaml');
    mkdirSync(join(saved, '..'), { recursive: true });
    writeFileSync(saved, text);
    expect(loadScenario(saved, { checkFiles: false, reads: { allow: [join(dir, 'deploy')], unrestricted: false } }).workloads.map((w) => w.name)).toEqual(['web']);
  });

  it('with --out, relative to the written file, which validates from another working directory', async () => {
    const dir = tempDir({ 'deploy/app.yaml': deployment('web', { annotations: '    headroom/service-time: 20ms' }) });
    const out = join(dir, 'plans', 'nested', 'web.yaml');
    mkdirSync(join(out, '..'), { recursive: true });
    expect(await run([join(dir, 'deploy'), '--out', out])).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('include:\n  - ../../deploy\n');
    expect(text).not.toContain('include paths are absolute');
    expect(stderr.join('')).toContain(`run it with --allow-read ${relative(process.cwd(), join(dir, 'deploy'))}`);
    expect(loadScenario(out, { checkFiles: false, reads: { allow: [join(dir, 'deploy')], unrestricted: false } }).workloads.map((w) => w.name)).toEqual(['web']);
  });

  it('does not overwrite a file without --force', async () => {
    const out = join(tempDir(), 'fleet.yaml');
    writeFileSync(out, 'mine\n');
    await expect(run([FLEET, '--out', out])).rejects.toThrow(/exists; pass --force to overwrite it/);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    expect(await run([FLEET, '--out', out, '--force'])).toBe(0);
  });

  it('exits 2 with the problems when the written scenario does not load yet', async () => {
    const dir = tempDir({ 'app.yaml': deployment('web', { podSpec: '      priorityClassName: tier-1\n' }) });
    const out = join(dir, 'web.yaml');
    expect(await run([join(dir, 'app.yaml'), '--out', out])).toBe(2);
    expect(existsSync(out)).toBe(true);
    expect(stderr.join('')).toMatch(/unknown priority class "tier-1"[\s\S]*does not load yet; fix the problems above/);
  });
});
