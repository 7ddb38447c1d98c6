import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns } from '../../src/report/index.ts';
import { diffRow, formatDelta, formatRelative } from '../../src/report/compare/diff.ts';
import { mdText } from '../../src/report/compare/markdown.ts';
import { METRICS, formatMetric, metricValue } from '../../src/report/metrics.ts';
import { copyFixture } from './helpers.ts';
import { XSS_CLUSTER, XSS_WORKLOAD } from '../fixtures/runs.ts';

const def = (path: string) => METRICS.find((m) => m.path === path)!;

describe('diffRow', () => {
  it.each([
    // 200 -> 250 ms: +50 ms, 50 / 200 = +25%, higher latency is worse
    ['latencyMs.p99', 200, 250, '+50 ms', '+25%', 'worse'],
    // $80 -> $60: −$20, −20 / 80 = −25%, cheaper is better
    ['cost.total', 80, 60, '−$20.00', '−25%', 'better'],
    // 0.2% -> 0.05% of requests failed: −0.15 percentage points, −0.0015 / 0.002 = −75%
    ['requests.errorRate', 0.002, 0.0005, '−0.15 pp', '−75%', 'better'],
    // 0 preemptions -> 12: +12, no relative change from zero
    ['pods.preemptions', 0, 12, '+12', '—', 'worse'],
    // 3 -> 5 scale-ups: no better direction
    ['nodes.scaleUps', 3, 5, '+2', '+67%', 'changed'],
    // 0.7 -> 0.77 of cpu requested: +7 pp, 0.07 / 0.7 = +10%, tighter packing is better
    ['binPacking.cpuRequestedShare', 0.7, 0.77, '+7 pp', '+10%', 'better'],
    ['sloViolationSeconds', 600, 600, '±0 s', '0%', 'same'],
  ] as const)('%s: %s -> %s', (path, a, b, abs, rel, verdict) => {
    const r = diffRow(def(path), a, b);
    expect(formatDelta(r.def, r.abs)).toBe(abs);
    expect(formatRelative(r.rel)).toBe(rel);
    expect(r.verdict).toBe(verdict);
  });
});

describe('compareRuns on the burst-and-outage runs, 50 against 10 placeholders a zone', () => {
  let md: string;
  let html: string;
  let a: Record<string, unknown>;
  let b: Record<string, unknown>;
  beforeAll(async () => {
    const dirA = copyFixture('run-burst-outage');
    const dirB = copyFixture('run-burst-outage-lean');
    const out = mkdtempSync(join(tmpdir(), 'headroom-compare-'));
    const paths = await compareRuns([dirA, dirB], out, { labels: ['50 placeholders', '10 placeholders'] });
    expect(paths).toEqual({ html: join(out, 'compare.html'), markdown: join(out, 'compare.md') });
    md = readFileSync(paths.markdown, 'utf8');
    html = readFileSync(paths.html, 'utf8');
    a = JSON.parse(readFileSync(join(dirA, 'summary.json'), 'utf8'));
    b = JSON.parse(readFileSync(join(dirB, 'summary.json'), 'utf8'));
  });

  it('has a table for the fleet and for each cluster', () => {
    expect(md.startsWith('# headroom compare: 50 placeholders vs 10 placeholders\n')).toBe(true);
    expect([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual(['Fleet', 'Cluster az-a', 'Cluster az-b', 'Cluster az-c', 'Cluster az-d']);
  });

  it('gives every key number of both runs with the difference and the verdict', () => {
    const fleet = md.slice(md.indexOf('## Fleet'), md.indexOf('## Cluster az-a'));
    // the runs' scenarios spread with no DoNotSchedule: the optional rows are left out
    for (const d of METRICS.filter((m) => !m.optional)) {
      const va = metricValue(a, d.path);
      const vb = metricValue(b, d.path);
      const r = diffRow(d, va, vb);
      const label = d.headline ? `**${mdText(d.label)}**` : mdText(d.label);
      const row = `| ${label} | ${mdText(formatMetric(d, va))} | ${mdText(formatMetric(d, vb))} | ${mdText(formatDelta(d, r.abs, 'USD', [va, vb]))} | ${mdText(formatRelative(r.rel))} | ${r.verdict} |`;
      expect(fleet, d.path).toContain(`${row}\n`);
    }
    for (const d of METRICS.filter((m) => m.optional)) expect(fleet).not.toContain(`| ${mdText(d.label)} |`);
  });

  it('shows what fewer placeholders buy and cost: less headroom cost, more pending pod time', () => {
    const row = (label: string): string => md.split('\n').find((l) => l.startsWith(`| ${label} |`))!;
    expect(metricValue(b, 'cost.headroom')!).toBeLessThan(metricValue(a, 'cost.headroom')!);
    expect(row('**headroom cost per run**')).toMatch(/\| better \|$/);
    expect(metricValue(b, 'pods.pendingSecondsTotal')!).toBeGreaterThan(metricValue(a, 'pods.pendingSecondsTotal')!);
    expect(row('pending pod time')).toMatch(/\| worse \|$/);
  });

  it('writes a page with B’s headline numbers and both runs overlaid', () => {
    for (const d of METRICS.filter((m) => m.headline)) {
      expect(html).toContain(`data-key="${d.path}" data-value="${metricValue(b, d.path)}"`);
    }
    expect(html.split('<figure').length - 1).toBe(10);
    expect(html).not.toMatch(/<script(?![^>]*application\/json)/);
  });
});

describe('compare escapes names', () => {
  it('keeps hostile cluster and workload names inert in markdown and HTML', async () => {
    const dir = copyFixture('run-xss');
    const { html, markdown } = await compareRuns([dir, dir], mkdtempSync(join(tmpdir(), 'headroom-compare-')));
    const md = readFileSync(markdown, 'utf8');
    const page = readFileSync(html, 'utf8');
    expect(md).not.toContain('<');
    expect(md).toContain(`## Cluster ${mdText(XSS_CLUSTER)}`);
    expect(page).not.toContain(XSS_CLUSTER);
    expect(page).not.toContain('<img');
    expect(page).not.toContain(XSS_WORKLOAD);
  });

  it('escapes what markdown and HTML would act on', () => {
    expect(mdText('a|b')).toBe('a\\|b');
    expect(mdText('<img src=x>')).toBe('&lt;img src=x>');
    expect(mdText('two\nlines')).toBe('two lines');
    expect(mdText('*bold* _it_ `code`')).toBe('\\*bold\\* \\_it\\_ \\`code\\`');
  });
});
