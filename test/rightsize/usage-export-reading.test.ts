import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readUsageExport, readUsageExportFile, type UsageSeries } from '../../src/rightsize/usage-export.ts';
import { rightsize } from '../../src/rightsize/rightsize.ts';
import { generateUsageExport } from '../../bench/usage-export-files.ts';

// Two workloads of twenty pods, two days of 5-minute cpu rates and 10-minute working sets.
const SHAPE = { containers: 40, days: 2, cpuStepSec: 300, memoryStepSec: 600, seed: 'reading' };
const LIMITS = { maxBytes: 2 ** 30, code: 'input' as const, what: 'the usage export' };

function exportText(): string {
  let text = '';
  generateUsageExport('json', SHAPE, (t) => (text += t));
  return text;
}

interface Series {
  metric: Record<string, string>;
  values: [number, string][];
}

/** The same samples as CSV rows, minute after minute as a wide export writes them. */
function asCsv(json: string): string {
  const rows: [number, string][] = [];
  for (const s of (JSON.parse(json) as { data: { result: Series[] } }).data.result) {
    const metric = s.metric.__name__ === undefined ? 'cpu' : 'memory';
    for (const [t, v] of s.values) rows.push([t, `${t},${s.metric.pod},${s.metric.container},${metric},${v}\n`]);
  }
  // stable: at one instant, the series' order
  rows.sort((a, b) => a[0] - b[0]);
  return `timestamp,pod,container,metric,value\n${rows.map((r) => r[1]).join('')}`;
}

const fromText = (text: string, file: string) => {
  const all: UsageSeries = new Map();
  readUsageExport(text, file, all);
  return all;
};

const dir = mkdtempSync(join(tmpdir(), 'headroom-usage-reading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fromFile = (text: string, name: string, chunkBytes?: number) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  const all: UsageSeries = new Map();
  readUsageExportFile(path, name, all, LIMITS, chunkBytes);
  return all;
};

const samplesOf = (all: UsageSeries) =>
  [...all.values()].map((s) => ({ pod: s.pod, container: s.container, cpuTimesSec: s.cpuTimesSec, cpuCores: s.cpuCores, memoryTimesSec: s.memoryTimesSec, memoryBytes: s.memoryBytes }));

describe('reading a usage export', () => {
  const json = exportText();
  const csv = asCsv(json);

  it('the same samples as JSON and as CSV give the same samples and the same recommendations', () => {
    const a = fromText(json, 'u.json');
    const b = fromText(csv, 'u.csv');
    expect(a.size).toBe(SHAPE.containers);
    const bySeries = (all: UsageSeries) => samplesOf(all).sort((x, y) => (x.pod < y.pod ? -1 : 1));
    expect(bySeries(b)).toEqual(bySeries(a));
    const ra = rightsize(a, undefined);
    expect(ra.containers.map((c) => c.workload)).toEqual(['svc0', 'svc1']);
    expect(ra.containers[0].cpuSamples).toBe(20 * 576);
    expect(rightsize(b, undefined)).toEqual(ra);
  });

  it.each([
    ['JSON', json, 'u.json'],
    ['CSV', csv, 'u.csv'],
  ])('%s read a few bytes at a time is read as it is whole', (_, text, name) => {
    const whole = fromText(text, name);
    for (const chunkBytes of [13, 4096]) {
      const chunked = fromFile(text, name, chunkBytes);
      expect(samplesOf(chunked)).toEqual(samplesOf(whole));
      expect(rightsize(chunked, undefined)).toEqual(rightsize(whole, undefined));
    }
  });

  it("a series' labels are kept as written, whatever chunk boundaries cut them", () => {
    const metric = { namespace: 'boutique-é', pod: 'cart-7d4b9c8f6d-x2kqp', container: 'server', app_kubernetes_io_name: 'cart ✓' };
    const text = JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric, values: [[1, '0.5'], [61, '0.25']] }, { metric: { __name__: 'container_memory_working_set_bytes', ...metric }, values: [[1, '1000']] }] },
    });
    for (const chunkBytes of [1, 3, 5, 1 << 20]) {
      const s = [...fromFile(text, 'labels.json', chunkBytes).values()];
      expect(s).toHaveLength(1);
      expect(s[0].labels).toEqual(metric);
      expect(Object.getPrototypeOf(s[0].labels)).toBe(Object.prototype);
      for (const v of Object.values(s[0].labels)) expect(typeof v).toBe('string');
      expect(s[0].cpuCores).toEqual([0.5, 0.25]);
      expect(rightsize(fromFile(text, 'labels.json', chunkBytes), 'app_kubernetes_io_name').containers.map((c) => c.workload)).toEqual(['cart ✓']);
    }
  });
});
