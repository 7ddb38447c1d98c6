/**
 * README's "same zone outage on both layouts": its commands run as written, and every figure of
 * the paragraph (and of the two scenarios' comments, which quote the same runs) held to the runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import type { Summary } from '../../src/metrics/summary-types.ts';
import { fencedBlocks, readDoc, runCommandsIn, words } from './doc-commands.ts';

const readme = readDoc('README.md');
const para = readme.slice(readme.indexOf('- **The same zone outage on both layouts**'), readme.indexOf('- **Cost**'));
const fourYaml = readFileSync(new URL('../../scenarios/layout-four-clusters.yaml', import.meta.url), 'utf8');
const oneYaml = readFileSync(new URL('../../scenarios/layout-one-cluster.yaml', import.meta.url), 'utf8');

const OUTAGE = 'routing.outages=[{at: 25m, zone: az-b, for: 30m, autoShift: true}]';
const HONOR = 'workloads.0.topologySpreadConstraints.0.nodeTaintsPolicy=Honor';
const summary = async (file: string, sets: string[]): Promise<Summary> =>
  (await runScenario(loadScenario(join('scenarios', file), { sets: [OUTAGE, ...sets] }), { summaryOnly: true })).summary;

const errors = (s: Summary) => `${(s.requests.errorRate * 100).toFixed(s.requests.errorRate < 0.1 ? 3 : 2)}%`;
const thousands = (x: number) => Math.round(x).toLocaleString('en-US');
const usd = (s: Summary) => `${s.cost.total.toFixed(2)} USD`;

describe("README's zone outage on both layouts", () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-readme-outage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the commands run, and compare puts the two runs side by side', async () => {
    const commands = fencedBlocks(para)[0].text.trim().split('\n').map((l) => words(l.trim()).slice(2));
    expect(commands.map((c) => c[0])).toEqual(['run', 'run', 'compare']);
    // the same outage line for both layouts
    expect(commands[0]).toContain(OUTAGE);
    expect(commands[1]).toContain(OUTAGE);
    await runCommandsIn(dir, commands);
    const md = readFileSync(join(dir, 'reports/outage-compare/compare.md'), 'utf8');
    expect(md).toContain('| scenario | layout-four-clusters | layout-one-cluster |');
    expect(md).toMatch(/\| pending held by topology spread \| — \| [\d,]+ pod·s \|/);
    // the report's outage table names the zone of the one cluster, and the four clusters' cluster
    expect(readFileSync(join(dir, 'reports/one-outage/report.html'), 'utf8')).toContain('<td class="name">az-b of fleet</td>');
    expect(readFileSync(join(dir, 'reports/four-outage/report.html'), 'utf8')).toContain('<td class="name">az-b</td>');
  }, 180_000);

  it('one sweep over the layout: a row per layout, the first the four clusters of the commands above', async () => {
    const args = words(fencedBlocks(para)[1].text.trim()).slice(2);
    expect(args.slice(0, 4)).toEqual(['sweep', 'scenarios/layout-four-clusters.yaml', '--vary', 'layout=cluster-per-zone,one-cluster']);
    expect(args).toContain(OUTAGE);
    await runCommandsIn(dir, [[...args, '--workers', '1']]);
    const [head, ...rows] = readFileSync(join(dir, 'reports/layout-sweep/sweep.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const col = (row: string[], key: string) => Number(row[head.indexOf(key)]);
    expect(rows.map((r) => r[0])).toEqual(['cluster-per-zone', 'one-cluster']);
    const four = await summary('layout-four-clusters.yaml', []);
    const unspread = await summary('layout-one-cluster.yaml', ['workloads.0.topologySpreadConstraints=[]']);
    expect(col(rows[0], 'requests.errorRate')).toBe(four.requests.errorRate);
    expect(col(rows[1], 'requests.errorRate')).toBe(unspread.requests.errorRate);
    expect(col(rows[1], 'cost.total')).toBe(unspread.cost.total);
  }, 180_000);

  it('every figure the paragraph and the scenarios state', async () => {
    const four = await summary('layout-four-clusters.yaml', []);
    const fourTen = await summary('layout-four-clusters.yaml', ['overprovisioner.0.replicasPerCluster=10']);
    const fourNone = await summary('layout-four-clusters.yaml', ['overprovisioner.0.replicasPerCluster=0']);
    const one = await summary('layout-one-cluster.yaml', []);
    const honor = await summary('layout-one-cluster.yaml', [HONOR]);
    const honor320 = await summary('layout-one-cluster.yaml', [HONOR, 'overprovisioner.0.replicasPerCluster=1280']);

    const fourLine = `errors ${errors(four)}, p99 ${thousands(four.latencyMs.p99)} ms, cost ${usd(four)}`;
    expect(para).toContain(`Four clusters: ${fourLine}`);
    expect(fourYaml).toContain(fourLine);
    expect(fourTen.requests.errorRate).toBeLessThan(0.005);
    expect(fourYaml).toContain(`errors ${errors(fourTen)} (under 0.5%); with none, ${(fourNone.requests.errorRate * 100).toFixed(2)}%`);

    const oneLine = `errors ${errors(one)}, p99 ${thousands(one.latencyMs.p99)} ms, cost ${usd(one)}`;
    expect(para.replace(/\s+/g, ' ')).toContain(`One cluster: ${oneLine}`);
    expect(oneYaml).toContain(oneLine);
    const skew = `${thousands(one.pods.skewBlockedPendingSeconds!)} of the ${thousands(one.pods.pendingSecondsTotal)} pending pod·s`;
    expect(para.replace(/\s+/g, ' ')).toContain(skew);
    expect(oneYaml).toContain(`${thousands(one.pods.pendingSecondsTotal)} pending pod·s of which ${thousands(one.pods.skewBlockedPendingSeconds!)} held by the spread alone`);

    const honorLine = `errors fall to ${errors(honor)}, cost ${usd(honor)}`;
    expect(para.replace(/\s+/g, ' ')).toContain(honorLine);
    expect(oneYaml).toContain(`errors ${errors(honor)}, cost ${usd(honor)}`);
    expect(para.replace(/\s+/g, ' ')).toContain(`(${errors(honor320)} with 320 placeholders a zone)`);
    expect(oneYaml).toContain(`still leave ${errors(honor320)}`);
    // more headroom does not bring the one cluster to the four clusters' errors
    expect(honor320.requests.errorRate).toBeGreaterThan(0.005);
    expect(honor320.requests.errorRate).toBeGreaterThan(fourTen.requests.errorRate);
  }, 600_000);
});
