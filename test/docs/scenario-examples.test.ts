/**
 * docs/scenario.md's examples run, and do what the page says of them: the complete example keeps
 * its p99 under the SLO with its placeholders and goes over without them, the outage breaks the
 * error budget both ways; each `--set` command gives the figures its `#` line states.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario, parseScenario } from '../../src/scenario/index.ts';
import { expectFigures, fencedBlocks, readDoc, runHeadroom, statedFigures, words } from './doc-commands.ts';

const doc = readDoc('docs/scenario.md');
const DEFAULT = new URL('../../scenarios/default.yaml', import.meta.url).pathname;

describe('docs/scenario.md: the complete example', () => {
  const section = doc.slice(doc.indexOf('## A complete example'));
  const yaml = fencedBlocks(section).find((b) => b.lang === 'yaml')!.text;
  const prose = section.slice(section.indexOf('```\n\n') + 5);
  const run = async (sets: string[]) =>
    (await runScenario(parseScenario(yaml, 'docs/scenario.md', { checkFiles: false, sets }), { summaryOnly: true })).summary;

  it('keeps p99 under 250 ms with its placeholders and goes over without them; the outage breaks the error budget', async () => {
    const withPlaceholders = await run([]);
    const without = await run(['overprovisioner.0.replicasPerCluster=0']);
    const sloMs = withPlaceholders.slo.latencyP99Ms;
    expect(sloMs).toBe(250);
    expect(prose).toContain('p99 under\n250 ms');
    expect(withPlaceholders.latencyMs.p99).toBeLessThan(sloMs);
    expect(without.latencyMs.p99).toBeGreaterThan(sloMs);
    // the figures the prose gives: "about 197 ms", "p99 about 1.5 s", "about 0.37% of requests fail"
    expectFigures(withPlaceholders, { p99Ms: Number(/\(about (\d+) ms\)/.exec(prose)![1]) }, 'with placeholders');
    const withoutSec = Number(/p99 about ([\d.]+) s/.exec(prose)![1]);
    expect(Math.abs(without.latencyMs.p99 / 1000 / withoutSec - 1)).toBeLessThan(0.05);
    const failPercent = Number(/about ([\d.]+)% of requests fail/.exec(prose)![1]);
    for (const s of [withPlaceholders, without]) expect(s.requests.errorRate).toBeGreaterThan(s.slo.errorRate);
    expectFigures(withPlaceholders, { errorPercent: failPercent }, 'the outage');
  }, 120_000);

  it('works out the pods and nodes as the prose does', () => {
    const s = parseScenario(yaml, 'docs/scenario.md', { checkFiles: false });
    const w = s.workloads[0];
    const cluster = s.clusters[0];
    const group = cluster.nodeGroups[0];
    const sizing = cluster.overprovisioner[0].sizing;
    const placeholders = sizing.kind === 'fixed' ? sizing.replicasPerCluster : NaN;
    const perPodRps = w.concurrency / w.serviceTime.meanSec;
    expect(perPodRps).toBe(50);
    const podsPerNode = Math.floor(group.allocatable.cpuMilli / w.requests.cpuMilli);
    expect(podsPerNode).toBe(15);
    // 3 nodes x 15 places = 45: 20 pods, 20 placeholders, 5 spare
    expect(group.initial * podsPerNode - w.replicas - placeholders).toBe(5);
    // the burst's 2,000 req/s per zone: 67 pods at the 60% target, 40 at full load
    const burst = 4000 / s.clusters.length;
    expect([Math.ceil(burst / (perPodRps * 0.6)), burst / perPodRps]).toEqual([67, 40]);
    // without placeholders: 20 pods of 500m on 3 nodes of 7,910m request 42%, under the 50% threshold
    const share = (w.replicas * w.requests.cpuMilli) / (group.initial * group.allocatable.cpuMilli);
    expect(Math.round(share * 100)).toBe(42);
    expect(share).toBeLessThan(cluster.clusterAutoscaler.scaleDownUtilizationThreshold);
  });
});

describe('docs/scenario.md: the --set commands', () => {
  const block = fencedBlocks(doc.slice(doc.indexOf('## `--set path=value`'))).find((b) => b.lang === 'sh')!.text;
  const lines = block.trim().split('\n');
  const commands = lines.flatMap((line, i) => (line.startsWith('npx headroom') ? [{ line, claim: lines[i + 1] ?? '' }] : []));

  it('each command has its claim on the next line', () => {
    expect(commands.length).toBe(4);
    for (const c of commands) expect(c.claim.startsWith('# '), c.line).toBe(true);
  });

  it.each(commands.filter((c) => c.line.includes(' run ')))('$line gives what its comment states', async ({ line, claim }) => {
    const sets = [...line.matchAll(/--set (?:'([^']+)'|(\S+))/g)].map((m) => m[1] ?? m[2]);
    const stated = statedFigures(claim);
    expect(stated.p99Ms, claim).toBeDefined();
    const { summary } = await runScenario(loadScenario(DEFAULT, { sets }), { summaryOnly: true });
    expectFigures(summary, stated, line);
  }, 120_000);

  it('the validate command shows the override in az-d alone', async () => {
    const c = commands.find((x) => x.line.includes(' validate '))!;
    const r = await runHeadroom(words(c.line).slice(2));
    expect(r.code, r.err).toBe(0);
    const scoring = JSON.parse(r.out).clusters.map((k: { name: string; scheduler: { scoring: string } }) => [k.name, k.scheduler.scoring]);
    expect(scoring).toEqual([['az-a', 'MostAllocated'], ['az-b', 'MostAllocated'], ['az-c', 'MostAllocated'], ['az-d', 'LeastAllocated']]);
    expect(c.claim).toContain('az-d spreads its pods (LeastAllocated)');
  });

  it('the default scenario as written gives the figures the page compares with', async () => {
    const sentence = /`npx headroom run scenarios\/default\.yaml` gives ([^\n]*\n[^\n]*)/.exec(doc)![1];
    const { summary } = await runScenario(loadScenario(DEFAULT), { summaryOnly: true });
    expectFigures(summary, statedFigures(sentence.replace('a cost of', 'cost')), 'default');
  }, 120_000);
});
