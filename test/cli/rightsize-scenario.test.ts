/** `headroom rightsize SCENARIO`: what it refuses before any run, in one line, writing nothing. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack, headroomIn, ROOT } from '../helpers/cli.ts';

const SCENARIO = join(ROOT, 'docs/examples/rightsize/twice-usage.yaml');
const EXPORTS = join(ROOT, 'docs/examples/rightsize');

function refused(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expectNoStack(r.stderr);
}

describe('headroom rightsize SCENARIO', () => {
  const out = () => join(mkdtempSync(join(tmpdir(), 'rightsize-cli-')), 'out');

  it('refuses work past the budget with the estimate, before any run', async () => {
    const dir = out();
    const r = await headroomIn(['rightsize', SCENARIO, '--out', dir, '--set', 'duration=90d', '--set', 'step=1s']);
    refused(r, /twice-usage .* is past the work budget: .*time-series rows.*--force/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a bad key names the file and the key', async () => {
    const dir = out();
    const r = await headroomIn(['rightsize', SCENARIO, '--out', dir, '--set', 'workloads.0.requests.cpu=lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workloads\.0\.requests\.cpu/);
    expectNoStack(r.stderr);
    expect(existsSync(dir)).toBe(false);
  });

  it('a bad usage export names its file and series, and nothing is written', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'rightsize-bad-'));
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { pod: 'backend-a-7d4b9c8f6d-x2kqp', container: 'app' }, values: [[1, 'NaN']] }] } }));
    const dir = join(tmp, 'out');
    const r = await headroomIn(['rightsize', SCENARIO, '--usage', bad, '--out', dir]);
    refused(r, /bad\.json.*series \{pod="backend-a-7d4b9c8f6d-x2kqp",container="app"\}: the value is not a finite number/);
    expect(existsSync(dir)).toBe(false);
  });

  it('an export whose workloads are not the scenario\'s says so', async () => {
    const r = await headroomIn(['rightsize', SCENARIO, '--usage', join(EXPORTS, 'cpu.json'), join(EXPORTS, 'memory.json'), '--out', out()]);
    refused(r, /no workload of the usage export \(web, grouped by .*\) is a workload of the scenario \(backend-a, api-gateway, search\); group the pods with --by LABEL/);
  });

  it.each([
    [['rightsize', SCENARIO, join(EXPORTS, 'cpu.json')], /give the usage export of a scenario with --usage/],
    [['rightsize', SCENARIO, SCENARIO], /rightsize takes one scenario, got 2/],
    [['rightsize', join(ROOT, 'README.md')], /README\.md: neither a scenario \(\.yaml, \.yml\) nor a usage export/],
    [['rightsize', join(EXPORTS, 'cpu.json'), '--keep-targets'], /--keep-targets: only with a scenario/],
    [['rightsize', SCENARIO, '--policy', 'cheapest'], /--policy cheapest: one of vpa, goldilocks-guaranteed, goldilocks-burstable, krr/],
  ])('%j is refused in one line', async (args, message) => {
    refused(await headroomIn(args), message);
  });

  it('the export form keeps working', async () => {
    const r = await headroomIn(['rightsize', join(EXPORTS, 'cpu.json'), join(EXPORTS, 'memory.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/## goldilocks-burstable/);
  });
});
