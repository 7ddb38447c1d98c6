/**
 * The end-to-end checks with the real simulation and the shipped default scenario,
 * through the commands (in-process). Three simulations in all: the baseline, the self-check and
 * the check without placeholders.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

const DEFAULT = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
/** The simulation behind `headroom run`; until it exists these tests cannot run. */
const SIMULATION = fileURLToPath(new URL('../../src/sim/simulation.ts', import.meta.url));
const simulationMissing = !existsSync(SIMULATION);

describe.skipIf(simulationMissing)('headroom check on the default scenario (real simulation)', () => {
  let dir: string;
  let baseline: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-check-e2e-'));
    baseline = join(dir, 'baselines/');
    const r = await runCli(['baseline', DEFAULT, '--out', baseline, '--quiet']);
    expect(r.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the key numbers with the hash and version', () => {
    const file = JSON.parse(readFileSync(join(baseline, 'default.json'), 'utf8'));
    expect(file.format).toBe('headroom-baseline');
    const [entry] = file.scenarios;
    expect(entry.scenario).toBe('default');
    expect(entry.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.headroomVersion).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
    expect(entry.runs.map((r: { seed: number }) => r.seed)).toEqual([42]);
    expect(Object.keys(entry.runs[0].perCluster)).toEqual(['az-a', 'az-b', 'az-c', 'az-d']);
    expect(entry.runs[0].numbers['latencyMs.p99']).toBeGreaterThan(0);
  });

  it('checked against its own baseline: exit 0', async () => {
    const junit = join(dir, 'self.xml');
    const r = await runCli(['check', DEFAULT, '--baseline', baseline, '--junit', junit, '--quiet']);
    expect(r.stdout).toContain('headroom check passed');
    expect(r.code).toBe(0);
    expect(readFileSync(junit, 'utf8')).toContain('<testsuite name="default"');
  });

  it('without placeholders: exit 1, and the markdown names p99 and error rate as regressions', async () => {
    const markdown = join(dir, 'check.md');
    const r = await runCli([
      'check',
      DEFAULT,
      '--baseline',
      baseline,
      '--set',
      'overprovisioner.0.replicasPerCluster=0',
      '--markdown',
      markdown,
      '--quiet',
    ]);
    expect(r.code).toBe(1);
    const md = readFileSync(markdown, 'utf8');
    expect(md.split('\n')[0]).toMatch(/^### ❌ headroom check failed: 1 of 1 scenario: default \(\d+ regressions/);
    const regressions = md
      .split('\n')
      .filter((l) => l.includes('❌ regressed'))
      .map((l) => /^\| `([^`]+)`/.exec(l)?.[1]);
    expect(regressions).toContain('latencyMs.p99');
    expect(regressions).toContain('requests.errorRate');
  });
});
