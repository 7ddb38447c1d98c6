/** `headroom import` (and include:) reads a Deployment's strategy, minReadySeconds and progressDeadlineSeconds. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.ts';
import { importManifests } from '../../src/import/manifests.ts';
import { deployment } from '../manifests/fixture.ts';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-strategy-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const withSpec = (name: string, spec: string) =>
  deployment(name, { annotations: '    headroom/service-time: 20ms' }).replace('spec:\n  selector:', `spec:\n${spec}  selector:`);

describe('import: a Deployment says how it rolls out', () => {
  it('RollingUpdate with its fenceposts, minReadySeconds and progressDeadlineSeconds', () => {
    const dir = dirWith({
      'deploy/web.yaml': withSpec('web', '  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 3, maxUnavailable: "10%"}\n  minReadySeconds: 20\n  progressDeadlineSeconds: 300\n'),
      'deploy/batch.yaml': withSpec('batch', '  strategy: {type: Recreate}\n'),
      'deploy/plain.yaml': withSpec('plain', ''),
    });
    const r = importManifests({ paths: ['deploy'], outFile: 'fleet.yaml', cwd: dir });
    expect(r.problems).toEqual([]);
    const wl = (n: string) => r.scenario!.workloads.find((w) => w.name === n)!;
    expect(wl('web').deployment).toEqual({
      strategy: { type: 'RollingUpdate', maxSurge: { kind: 'count', value: 3 }, maxUnavailable: { kind: 'percent', value: 10 } },
      minReadySec: 20,
      progressDeadlineSec: 300,
    });
    expect(wl('batch').deployment).toEqual({ strategy: { type: 'Recreate' }, minReadySec: 0, progressDeadlineSec: 600 });
    // a Deployment that says nothing keeps the workload's old shape
    expect('deployment' in wl('plain')).toBe(false);
  });

  it('a bad strategy is named at the manifest line', () => {
    const dir = dirWith({ 'deploy/web.yaml': withSpec('web', '  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}\n') });
    const r = importManifests({ paths: ['deploy'], outFile: 'fleet.yaml', cwd: dir });
    const text = r.problems.map((p) => formatError(p)).join("\n");
    expect(text).toMatch(/deploy\/web\.yaml:\d+:\d+/);
    expect(text).toContain('may not be 0 when maxSurge is 0');
  });
});
