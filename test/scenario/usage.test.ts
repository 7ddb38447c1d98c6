/** workloads[].usage and workloads[].limits: quantities as elsewhere, defaults that keep today's model, and the API server's request ≤ limit rule. */
import { describe, expect, it } from 'vitest';
import { FILE, problems } from './fixture.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';

const BASE = `nodeGroups:
  - name: general
    allocatable: {cpu: 4, memory: 16Gi}
    pricePerHour: 0.2
    max: 10
    initial: 2
    provisioningDelay: 60s
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
`;

describe('usage and limits', () => {
  it('fill every usage key left out with the model without usage', () => {
    const s = scenarioFromYaml(`${BASE}    usage: {idleCpu: 20m}\n    limits: {memory: 1Gi}\n`);
    // concurrency 1 (the default): 500m over 20 req/s = 25 ms of cpu a request
    expect(s.workloads[0].usage).toEqual({
      cpuSecPerRequest: 0.025,
      idleCpuMilli: 20,
      memoryBytes: 512 * 2 ** 20,
      memoryBytesPerRequest: 0,
      memoryGrowthBytesPerHour: 0,
    });
    expect(s.workloads[0].limits).toEqual({ memoryBytes: 2 ** 30 });
  });

  it('leave a workload without them as it was', () => {
    const s = scenarioFromYaml(BASE);
    expect('usage' in s.workloads[0]).toBe(false);
    expect('limits' in s.workloads[0]).toBe(false);
  });

  it('refuse a limit below the request, naming the key', () => {
    expect(problems(`${BASE}    limits: {cpu: 250m, memory: 256Mi}\n`)).toEqual([
      `${FILE}:12:19: workloads.0.limits.cpu: limits.cpu (250m) must be at least requests.cpu (500m)`,
      `${FILE}:12:33: workloads.0.limits.memory: limits.memory (256Mi) must be at least requests.memory (512Mi)`,
    ]);
  });

  it('refuse a cpu limit the idle cpu already takes', () => {
    expect(problems(`${BASE}    usage: {idleCpu: 1}\n    limits: {cpu: 1}\n`)).toEqual([
      `${FILE}:13:19: workloads.0.limits.cpu: limits.cpu (1) must be above usage.idleCpu (1), or the pod serves nothing`,
    ]);
  });

  it('refuse a bad quantity', () => {
    expect(problems(`${BASE}    usage: {memory: lots}\n`)[0]).toMatch(/workloads\.0\.usage\.memory: .*lots/);
  });
});
