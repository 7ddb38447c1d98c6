/** docs/rightsize.md's examples run and show what its prose says. */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, headroomIn } from '../helpers/cli.ts';

const doc = readFileSync(join(ROOT, 'docs/rightsize.md'), 'utf8');
const EXAMPLES = join(ROOT, 'docs/examples/rightsize');

describe('docs/rightsize.md', () => {
  it('the example writes the table the page shows, and the JSON beside it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rightsize-')), 'web');
    const r = await headroomIn(['rightsize', join(EXAMPLES, 'cpu.json'), join(EXAMPLES, 'memory.json'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(out, 'recommendations.md'), 'utf8');
    const shown = /```\n(## goldilocks-burstable[\s\S]*?)```/.exec(doc)![1];
    expect(md).toContain(shown);
    const json = JSON.parse(readFileSync(join(out, 'recommendations.json'), 'utf8'));
    const web = json.containers[0];
    expect(web.workload).toBe('web');
    expect(web.pods).toBe(2);
    // "the guaranteed target ... 476m, above the 0.41 core the busier pod uses then"
    expect(web.policies['goldilocks-guaranteed'].requests.cpuMilli).toBe(476);
    expect(web.policies['goldilocks-guaranteed'].requests.cpuMilli).toBeGreaterThan(410);
    // "the upper bound ... widened for two days of history (× 1.5)": 714 / 476
    expect(web.vpa.upperBound.cpuMilli / web.vpa.target.cpuMilli).toBeCloseTo(1.5, 2);
    expect(doc).toContain('| web | app | 125m | 714m | 454Mi | 682Mi |');
  });

  it('a bad export is one line naming the file and the series, exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rightsize-bad-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { pod: 'web-1', container: 'app' }, values: [[1, 'NaN']] }] } }));
    const out = join(dir, 'out');
    const r = await headroomIn(['rightsize', join(EXAMPLES, 'cpu.json'), bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.json.*series \{pod="web-1",container="app"\}: the value is not a finite number/);
    expect(existsSync(out)).toBe(false);
  });

  describe('from a scenario to a new scenario', () => {
    // The page's rightsize and run commands, each with its --out moved to a temporary folder.
    const commands = [...doc.matchAll(/```sh\n(npx headroom (?:rightsize docs\/examples\/rightsize\/twice-usage\.yaml|run reports\/twice-usage-spread)[^\n]*)\n```/g)].map((m) => m[1]);
    const tmp = mkdtempSync(join(tmpdir(), 'rightsize-walk-'));
    const local = (line: string) =>
      line
        .replace(/^npx headroom /, '')
        .replace(/reports\//g, `${tmp}/`)
        .split(' ');
    const json = (dir: string) => JSON.parse(readFileSync(join(tmp, dir, 'rightsize.json'), 'utf8'));
    const says = (text: string) => expect(doc.replace(/\s+/g, ' ')).toContain(text);

    it('has the three commands the walkthrough runs', () => {
      expect(commands).toHaveLength(3);
    });

    it('packed by MostAllocated, every policy with the targets that keep today\'s replicas saves 60% or more and breaks the SLO; their burst-room runs qualify', async () => {
      const r = await headroomIn(local(commands[0]));
      expect(r.code, r.stderr).toBe(0);
      const j = json('twice-usage-rightsize');
      type Row = { name: string; policy: string; targets: string; cost: number; p99Ms: number; errorRate: number; throttledShare: number; cpuSharedShare: number; misses: string[]; meetsSlo: boolean; requests: Record<string, { cpuMilli: number }>; hpaTargets: Record<string, { percent: number; keepsReplicas: number }>; hpaReplicas: Record<string, { mean: number }> };
      const all = j.policies as Row[];
      const p = all.filter((x) => x.targets === 'replicas');
      expect(p).toHaveLength(4);
      for (const x of p) {
        expect(x.cost).toBeLessThanOrEqual(0.4 * j.baseline.cost);
        expect(x.misses).toEqual(expect.arrayContaining(['p99', 'errors']));
      }
      says(`p99 ${(Math.min(...p.map((x) => x.p99Ms)) / 1000).toFixed(1)} to ${(Math.max(...p.map((x) => x.p99Ms)) / 1000).toFixed(1)} s`);
      says(`errors ${(Math.min(...p.map((x) => x.errorRate)) * 100).toFixed(2)}% to ${(Math.max(...p.map((x) => x.errorRate)) * 100).toFixed(2)}%`);
      says(`up to ${(Math.max(...p.map((x) => x.cpuSharedShare)) * 100).toFixed(1)}% of pod time`);
      says(`(the **throttled** column, ${(p.find((x) => x.name === 'goldilocks-guaranteed')!.throttledShare * 100).toFixed(1)}%)`);
      const cpus = p.map((x) => x.requests['backend-a'].cpuMilli);
      says(`against requests of ${Math.min(...cpus)}m to ${Math.max(...cpus)}m`);

      const again = all.filter((x) => x.targets === 'burst-room');
      expect(again.map((x) => x.name)).toEqual(p.map((x) => `${x.name}-burst-room`));
      expect(j.recommended).toBe('krr-burst-room');
      const rec = all.find((x) => x.name === j.recommended)!;
      const krr = all.find((x) => x.name === 'krr')!;
      expect(rec.requests).toEqual(krr.requests);
      says(`its target goes from 25% to ${rec.hpaTargets['backend-a'].percent}% (not to the ${krr.hpaTargets['backend-a'].percent}% that keeps today's replicas at ${krr.requests['backend-a'].cpuMilli}m)`);
      says(`recommends \`krr-burst-room\`: ${((1 - rec.cost / j.baseline.cost) * 100).toFixed(1)}% less node cost than today (${rec.cost.toFixed(2)} against ${j.baseline.cost.toFixed(2)} USD) with p99 ${rec.p99Ms.toFixed(0)} ms and errors ${(rec.errorRate * 100).toFixed(3)}%`);
      says(`backend-a at ${Math.round(rec.hpaReplicas['backend-a'].mean)} replicas on average instead of ${Math.round(j.baseline.hpaReplicas['backend-a'].mean)}`);
      // the bar: a quarter off the node cost inside the SLO
      expect(rec.cost).toBeLessThanOrEqual(0.75 * j.baseline.cost);
      expect(rec.meetsSlo).toBe(true);
      expect(readFileSync(join(tmp, 'twice-usage-rightsize', 'rightsized.yaml'), 'utf8')).toMatch(/^# The requests of policy krr-burst-room/);
    }, 300_000);

    it('spread by LeastAllocated, krr is recommended, and rightsized.yaml runs to its numbers', async () => {
      const r = await headroomIn(local(commands[1]));
      expect(r.code, r.stderr).toBe(0);
      const j = json('twice-usage-spread');
      expect(j.recommended).toBe('krr');
      const krr = j.policies.find((x: { name: string }) => x.name === 'krr');
      says(`${((1 - krr.cost / j.baseline.cost) * 100).toFixed(1)}% less node cost than today (${krr.cost.toFixed(2)} against ${j.baseline.cost.toFixed(2)} USD)`);
      says(`with p99 ${krr.p99Ms.toFixed(0)} ms and errors ${(krr.errorRate * 100).toFixed(3)}%`);
      const qualifying = j.policies.filter((x: { meetsSlo: boolean }) => x.meetsSlo).map((x: { name: string }) => x.name);
      expect(qualifying.sort()).toEqual(['goldilocks-burstable', 'krr', 'vpa']);
      const a = krr.requests['backend-a'];
      says(`backend-a goes from 500m / 512Mi to ${a.cpuMilli}m / ${a.memoryBytes / 2 ** 20}Mi, its HPA target from 25% to ${krr.hpaTargets['backend-a'].percent}%`);
      says(`(${Math.round(j.baseline.hpaReplicas['backend-a'].mean)} on average for backend-a)`);
      expect(Math.abs(krr.hpaReplicas['backend-a'].mean - j.baseline.hpaReplicas['backend-a'].mean)).toBeLessThan(0.05 * j.baseline.hpaReplicas['backend-a'].mean);

      const run = await headroomIn([...local(commands[2]), '--quiet', '--no-report']);
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(tmp, 'twice-usage-krr', 'summary.json'), 'utf8'));
      expect(summary.cost.total).toBe(krr.cost);
      expect(summary.latencyMs.p99).toBe(krr.p99Ms);
      const html = readFileSync(join(tmp, 'twice-usage-spread', 'rightsize.html'), 'utf8');
      expect(html).not.toMatch(/<script(?! type="application\/json")|(src|href)="https?:/);
      expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    }, 300_000);
  });
});

