/**
 * Every file a scenario reads is part of its identity: the sha256 of each trace, included
 * manifest and Helm values file goes into the scenario hash, so a baseline goes stale and a sweep
 * folder refuses to resume when any of them changes, not only when the scenario file does.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioHash } from '../../src/scenario/index.ts';
import { smallFleet } from '../helpers/scenario.ts';
import { headroomIn } from '../helpers/cli.ts';
import { deployment, folder, loadIn, NODE_GROUP } from './include-fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const made = (files: Record<string, unknown>) => {
  const d = folder(files);
  dirs.push(d);
  return d;
};

const TRACE = 'timestamp_s,requests_per_s\n0,100\n300,120\n';
const withTrace = smallFleet({ duration: '10m' }).replace(/traffic: \{generator: \{base: 100\}\}/, 'traffic: {trace: traces/web.csv}');
const hashIn = (dir: string) => scenarioHash(loadIn(dir, { checkFiles: true }).scenario);

describe('the files a scenario reads are in its hash', () => {
  it('a trace: its contents, not its name or place', () => {
    const dir = made({ 'scenario.yaml': withTrace, 'traces/web.csv': TRACE });
    const s = loadIn(dir, { checkFiles: true }).scenario;
    expect(s.inputs).toEqual([{ file: 'traces/web.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const before = hashIn(dir);
    // the same files in another folder hash alike
    expect(hashIn(made({ 'scenario.yaml': withTrace, 'traces/web.csv': TRACE }))).toBe(before);
    writeFileSync(join(dir, 'traces/web.csv'), TRACE.replace('120', '121'));
    expect(hashIn(dir)).not.toBe(before);
  });

  it('an included manifest and a Helm values file', () => {
    const scenario = { include: ['deploy/'], nodeGroups: [NODE_GROUP], overprovisioner: [{ helmValues: 'values.yaml' }] };
    const values = { deployments: [{ name: 'small', replicaCount: 2, resources: { requests: { cpu: '1', memory: '1Gi' } } }] };
    const dir = made({ 'scenario.yaml': scenario, 'deploy/web.yaml': deployment('web'), 'values.yaml': values });
    const s = loadIn(dir, { checkFiles: true }).scenario;
    expect(s.inputs?.map((f) => f.file)).toEqual(['deploy/web.yaml', 'values.yaml']);
    const before = hashIn(dir);
    writeFileSync(join(dir, 'deploy/web.yaml'), `${JSON.stringify(deployment('web'))}\n# edited\n`);
    const afterManifest = hashIn(dir);
    expect(afterManifest).not.toBe(before);
    writeFileSync(join(dir, 'values.yaml'), `${JSON.stringify(values)}\n# edited\n`);
    expect(hashIn(dir)).not.toBe(afterManifest);
  });
});

describe('a changed trace makes old results stale', () => {
  it('check: the baseline was recorded from other traffic', async () => {
    const dir = made({ 'scenario.yaml': withTrace, 'traces/web.csv': TRACE });
    const file = join(dir, 'scenario.yaml');
    expect((await headroomIn(['baseline', file, '--quiet', '--out', join(dir, 'base.json')])).code).toBe(0);
    expect((await headroomIn(['check', file, '--quiet', '--baseline', join(dir, 'base.json')])).code).toBe(0);
    writeFileSync(join(dir, 'traces/web.csv'), TRACE.replace('120', '900'));
    const r = await headroomIn(['check', file, '--quiet', '--baseline', join(dir, 'base.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/or a file it reads \(traces\/web\.csv\) changed since the baseline was recorded/);
  });

  it('sweep: a folder of runs made with the old trace is not resumed with the new one', { timeout: 60_000 }, async () => {
    const dir = made({ 'scenario.yaml': withTrace, 'traces/web.csv': TRACE });
    const file = join(dir, 'scenario.yaml');
    const out = join(dir, 'sweep');
    const first = await headroomIn(['sweep', file, '--vary', 'workloads.0.replicas=4,5', '--workers', '1', '--quiet', '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(join(dir, 'traces/web.csv'), TRACE.replace('120', '900'));
    const again = await headroomIn(['sweep', file, '--vary', 'workloads.0.replicas=4,5', '--workers', '1', '--quiet', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/holds runs of a different sweep, so it cannot be resumed with these arguments: the scenario differs/);
  });
});
