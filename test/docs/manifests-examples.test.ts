/**
 * docs/manifests.md's examples against examples/shop/: the scenario the page shows is the shipped
 * file and it runs; its import commands, run as written, write scenarios that load and run, the
 * first with a commented over-provisioner entry that runs once uncommented, the second with the
 * chart's placeholders.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario, parseScenario } from '../../src/scenario/index.ts';
import { fencedBlocks, readDoc, runHeadroom, words } from './doc-commands.ts';

const doc = readDoc('docs/manifests.md');
const SHOP = new URL('../../examples/shop/shop.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'headroom-manifests-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The commands run from a copy of the repo's examples/shop, so what they write stays out of the repo.
cpSync(new URL('../../examples/shop/deploy', import.meta.url).pathname, join(dir, 'examples/shop/deploy'), { recursive: true });
const inCopy = async (args: string[]) => {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await runHeadroom(args);
  } finally {
    process.chdir(cwd);
  }
};

/** A short run: the example's files are read and simulated end to end. */
const briefly = async (file: string, text?: string) => {
  const sets = ['duration=20m'];
  const scenario = text === undefined ? loadScenario(file, { sets }) : parseScenario(text, file, { sets });
  return (await runScenario(scenario, { summaryOnly: true })).summary;
};

describe('docs/manifests.md: examples/shop', () => {
  it('the scenario the page shows is examples/shop/shop.yaml, and it runs', async () => {
    expect(doc).toContain('This is `examples/shop/shop.yaml`');
    expect(readFileSync(SHOP, 'utf8')).toBe(fencedBlocks(doc)[0].text);
    const s = loadScenario(SHOP);
    expect(s.workloads.map((w) => w.name)).toEqual(['backend-a', 'backend-b', 'frontend']);
    expect(s.workloads[0].traffic.kind).toBe('trace');
    expect(s.clusters[0].overprovisioner.map((o) => o.name)).toEqual(['headroom-cluster-overprovisioner-large', 'headroom-cluster-overprovisioner-small']);
    // what the page lists the folder as holding: sidecars, HPA behavior, PDBs, PriorityClasses
    const a = s.workloads[0];
    // app 500m + envoy 100m + the log-shipper sidecar 50m = 650m, but the migrate init container
    // needs its 1 cpu beside the sidecar started before it: the pod reserves the larger, 1,050m
    expect(a.requests.cpuMilli).toBe(Math.max(500 + 100 + 50, 1000 + 50));
    expect(a.hpa?.behaviorGiven).toBe(true);
    expect(s.podDisruptionBudgets.length).toBeGreaterThanOrEqual(2);
    expect(s.priorityClasses.map((c) => c.name)).toContain('business-critical');
    const summary = await briefly(SHOP);
    expect(summary.requests.total).toBeGreaterThan(0);
  }, 120_000);

  const block = fencedBlocks(doc.slice(doc.indexOf('## headroom import'))).find((b) => b.lang === 'sh')!.text;
  const commands = block
    .replace(/\\\n\s*/g, ' ')
    .trim()
    .split('\n')
    .map((l) => words(l).slice(2));
  const written = (args: string[]) => join(dir, args[args.indexOf('--out') + 1]);

  it('the import without the chart values writes a scenario that runs, with an over-provisioner to uncomment', async () => {
    const args = commands[0];
    const r = await inCopy(args);
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('--allow-read');
    const out = written(args);
    const text = readFileSync(out, 'utf8');
    expect(loadScenario(out).clusters[0].overprovisioner).toEqual([]);
    expect(text).toMatch(/# TODO overprovisioner:/);
    const uncommented = text.replace(/^# (overprovisioner:|  - name: headroom|    (?:requests|replicasPerCluster): .*)$/gm, '$1');
    const s = parseScenario(uncommented, out);
    expect(s.clusters[0].overprovisioner.map((o) => [o.name, o.requests.cpuMilli])).toEqual([['headroom', 1270]]);
    const summary = await briefly(out, uncommented);
    expect(summary.cost.headroom).toBeGreaterThan(0);
  }, 120_000);

  it('with the chart values, the placeholders come from them', async () => {
    const args = commands[1];
    expect(args).toContain('--overprovisioner-values');
    const r = await inCopy(args);
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('--allow-read');
    const out = written(args);
    expect(readFileSync(out, 'utf8')).not.toMatch(/# TODO overprovisioner:/);
    const summary = await briefly(out);
    expect(loadScenario(out).clusters[0].overprovisioner.map((o) => o.name)).toEqual(['cluster-overprovisioner-large', 'cluster-overprovisioner-small']);
    expect(summary.cost.headroom).toBeGreaterThan(0);
  }, 120_000);
});
