import { describe, it, expect } from 'vitest';
import { limitViolations } from '../../../src/decisions/usage/limits.ts';

const MI = 2 ** 20;
const requests = { cpuMilli: 500, memoryBytes: 512 * MI };

describe('limitViolations: what the API server and the usage model refuse of a container limit', () => {
  it.each([
    ['limits at the requests', { cpuMilli: 500, memoryBytes: 512 * MI }, 0, []],
    ['no limits', {}, 600, []],
    ['cpu below the request', { cpuMilli: 250 }, undefined, [['cpu', 'limits.cpu (250m) must be at least requests.cpu (500m)']]],
    ['memory below the request', { memoryBytes: 256 * MI }, undefined, [['memory', 'limits.memory (256Mi) must be at least requests.memory (512Mi)']]],
    ['cpu at the idle cpu', { cpuMilli: 600 }, 600, [['cpu', 'limits.cpu (600m) must be above usage.idleCpu (600m), or the pod serves nothing']]],
    ['idle cpu unknown: only the API server rule', { cpuMilli: 600 }, undefined, []],
    ['both at once', { cpuMilli: 100, memoryBytes: MI }, 0, [['cpu', 'limits.cpu (100m) must be at least requests.cpu (500m)'], ['memory', 'limits.memory (1Mi) must be at least requests.memory (512Mi)']]],
  ])('%s', (_name, limits, idle, want) => {
    expect(limitViolations(requests, limits, idle).map((v) => [v.resource, v.message])).toEqual(want);
  });
});
