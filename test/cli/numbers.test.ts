/**
 * Every number is finite and in its documented range (src/limits.ts): a number past the range is
 * one line naming its key or its trace row, exit 2, before any simulation; never an overflow
 * inside the run (exit 70) and never Infinity read as a value.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDecide } from '../../src/cli/decide.ts';
import { smallFleet } from '../helpers/scenario.ts';
import { expectNoStack, headroomIn, spawnHeadroom } from '../helpers/cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-numbers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('numbers out of range are bad input', () => {
  it.each([
    ['a traffic base of 1e308', smallFleet({ rate: 1e308 }), /workloads\.0\.traffic\.generator\.base: rate must be at most 1,000,000,000 requests per second, got 1e\+308/],
    ['an allocatable cpu of "5e500"', smallFleet().replace('cpu: 4, memory: 16Gi', 'cpu: "5e500", memory: 16Gi'), /nodeGroups\.0\.allocatable\.cpu: cpu "5e500" is too large to be a number/],
    ['a memory of 1e400', smallFleet().replace('cpu: 4, memory: 16Gi', 'cpu: 4, memory: 1e400'), /nodeGroups\.0\.allocatable\.memory: /],
    ['a duration of 1e300 s', smallFleet().replace('duration: 30m', 'duration: 1e300'), /duration: duration must be at most 3650d \(10 years\)/],
    ['a price of 1e308 an hour', smallFleet().replace('pricePerHour: 0.2', 'pricePerHour: 1e308'), /nodeGroups\.0\.pricePerHour: must be at most 1000000/],
    ['replicas of 1e300', smallFleet().replace('replicas: 4', 'replicas: 1e300'), /workloads\.0\.replicas: must be at most 1000000000/],
  ])('%s', async (_what, text, message) => {
    const r = await headroomIn(['run', scenario('s.yaml', text), '--quiet', '--no-report', '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expectNoStack(r.stderr);
  });

  it('a trace row of 1e308, or a scale that takes a row past the range, names the trace', async () => {
    writeFileSync(join(dir, 'huge.csv'), 'timestamp_s,requests_per_s\n0,10\n60,1e308\n');
    writeFileSync(join(dir, 'large.csv'), 'timestamp_s,requests_per_s\n0,10\n60,900000000\n');
    const trace = (t: string) => smallFleet({ duration: '10m' }).replace(/traffic: \{generator: \{base: 100\}\}/, `traffic: {${t}}`);
    const huge = await headroomIn(['run', scenario('huge.yaml', trace('trace: huge.csv')), '--quiet', '--no-report', '--out', join(dir, 'out')]);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/huge\.csv:3: rate "1e308" is more than 1,000,000,000 requests per second/);
    const scaled = await headroomIn(['run', scenario('scaled.yaml', trace('trace: large.csv, scale: 4')), '--quiet', '--no-report', '--out', join(dir, 'out')]);
    expect(scaled.code).toBe(2);
    expect(scaled.stderr).toMatch(/large\.csv: at scale 4 the rate at 60s is 3\.600e\+9 requests per second, more than 1,000,000,000: use a smaller scale/);
    for (const r of [huge, scaled]) expectNoStack(r.stderr);
  });

  it('decide schedule with an allocatable cpu of "5e500" is an error, not "node: null"', () => {
    const input = { nodes: [{ name: 'a', allocatable: { cpu: '5e500', memory: '8Gi' }, pods: [] }], pod: { name: 'p', requests: { cpu: '2', memory: '1Gi' } } };
    expect(runDecide('schedule', JSON.stringify(input), false)).toEqual({
      stdout: '',
      errors: ['nodes.0.allocatable.cpu: allocatable cpu "5e500" is too large to be a number'],
    });
    const r = spawnHeadroom(['decide', 'schedule'], { input: JSON.stringify(input) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
