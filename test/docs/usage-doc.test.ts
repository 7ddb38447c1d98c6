/** docs/usage.md's example, run: what its prose says of the summary and the events holds; and README's usage keys. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioFromYaml } from '../helpers/scenario.ts';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const file = new URL('../../docs/examples/usage.yaml', import.meta.url).pathname;

describe('docs/usage.md: the example', () => {
  it('throttles web, OOM-kills leaky, evicts cache, and packs by usage unlike by requests', { timeout: 120_000 }, async () => {
    const r = await runScenario(loadScenario(file), { recordEvents: true });
    const s = r.summary;
    const web = s.perWorkload.web;
    expect(web.usage!.throttledShare).toBeCloseTo(0.114, 3);
    expect(web.usage!.cpuMilliMax).toBe(500);
    expect(web.requests.errorRate).toBeCloseTo(0.043, 3);
    const leaky = s.perWorkload.leaky.usage!;
    expect([leaky.oomKills, leaky.restarts]).toEqual([2, 2]);
    const events = r.events.map((l) => JSON.parse(l) as { time_s: number; reason: string; object: string });
    const kills = events.filter((e) => e.reason === 'OOMKilled');
    expect(kills.map((e) => e.time_s)).toEqual([3750, 3750]);
    expect(kills.every((e) => e.object.startsWith('leaky-'))).toBe(true);
    expect(s.usage).toMatchObject({ oomKills: 2, restarts: 2, evictions: 224 });
    const evicted = events.filter((e) => e.reason === 'Evicted');
    expect(evicted).toHaveLength(224);
    expect(evicted[0].time_s).toBe(0);
    expect(evicted.every((e) => e.object.startsWith('cache-'))).toBe(true);
    expect(s.perWorkload.cache.usage!.evictions).toBe(224);
    expect(s.pods.maxPending).toBe(6);
    expect(s.binPacking).toMatchObject({ cpuRequestedShare: 0.46016, memoryRequestedShare: 0.1626, cpuUsedShare: 0.232785, memoryUsedShare: 0.977039 });
    // 120 req/s a pod under the limit: ten pods serve 1,200 at most
    const webSeries = r.series!.workloads[0][0];
    expect(Math.max(...webSeries.capacity_rps.subarray(0, r.series!.length))).toBeCloseTo(1200, 6);
  });
});

describe("README's usage and limits keys", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### What pods use: `usage` and `limits`'), readme.indexOf('### Karpenter instead'));
  const keys = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  const workload = (lines: string) => `nodeGroups:
  - {name: general, allocatable: {cpu: 4, memory: 16Gi}, pricePerHour: 0.2, max: 10, initial: 2, provisioningDelay: 60s}
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 40ms
    concurrency: 8
${lines}`;

  it('load as written', () => {
    const w = scenarioFromYaml(workload(keys)).workloads[0];
    expect(w.usage).toEqual({ cpuSecPerRequest: 0.004, idleCpuMilli: 20, memoryBytes: 300 * 2 ** 20, memoryBytesPerRequest: 2 * 2 ** 20, memoryGrowthBytesPerHour: 0 });
    expect(w.limits).toEqual({ cpuMilli: 500, memoryBytes: 2 ** 30 });
  });

  it('left out, a pod uses its cpu request at full load and its memory request', () => {
    const w = scenarioFromYaml(workload('    usage: {}\n')).workloads[0];
    // full load: 8 / 40 ms = 200 req/s; 200 × cpuPerRequest = 500m
    expect(200 * w.usage!.cpuSecPerRequest * 1000).toBeCloseTo(500, 9);
    expect(w.usage!.memoryBytes).toBe(512 * 2 ** 20);
  });
});
