import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadroomError } from '../../src/errors.ts';
import { readRun } from '../../src/report/read-run.ts';
import { inferStepSec } from '../../src/report/run-data.ts';
import { buildReport } from '../../src/report/index.ts';

function runDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-run-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const SUMMARY = JSON.stringify({ scenario: 'tiny', seed: 1, simulatedSeconds: 30, stepSeconds: 10, latencyMs: { p99: 80 } });

describe('readRun', () => {
  it('needs summary.json and says what the folder lacks', async () => {
    const dir = runDir({});
    await expect(readRun(dir)).rejects.toBeInstanceOf(HeadroomError);
    await expect(readRun(dir)).rejects.toThrow(/no summary\.json/);
  });

  it('reads what is there, ignores extra columns, keeps blank cells as NaN, and lists what is missing', async () => {
    const dir = runDir({
      'summary.json': SUMMARY,
      // column order differs from the contract, an extra column, no p95_ms, a blank p99
      'timeseries.csv': [
        'cluster,time_s,p99_ms,arrival_rps,extra_col',
        'az-a,0,50,100,x',
        'az-a,10,,120,y',
        '"az ""b""",0,60,90,z',
      ].join('\n'),
    });
    const run = await readRun(dir);
    expect(run.clusters).toEqual(['az-a', 'az "b"']);
    expect(run.stepSec).toBe(10);
    const a = run.series[0];
    expect(Array.from(a.timeSec)).toEqual([0, 10]);
    expect(Array.from(a.columns.arrival_rps!)).toEqual([100, 120]);
    expect(Number.isNaN(a.columns.p99_ms![1])).toBe(true);
    expect(a.columns.p95_ms).toBeUndefined();
    expect(run.missing).toEqual(['timeseries-workloads.csv', 'events.jsonl']);
    expect(run.events).toEqual([]);
  });

  it('falls back to annotations.json for the marks when events.jsonl is absent', async () => {
    const dir = runDir({
      'summary.json': SUMMARY,
      'annotations.json': JSON.stringify([
        { time_s: 20, cluster: 'az-a', kind: 'Zone', reason: 'ZoneOutage', object: 'az-a', message: 'down' },
        { time_s: 5, cluster: 'az-a', kind: 'ClusterAutoscaler', reason: 'TriggeredScaleUp', object: 'g', message: 'up' },
      ]),
    });
    const run = await readRun(dir);
    expect(run.eventsSource).toBe('annotations.json');
    expect(run.events.map((e) => [e.timeSec, e.type])).toEqual([
      [5, 'scaleUp'],
      [20, 'outage'],
    ]);
  });

  it('counts per-pod events without keeping them, and names the line of bad JSON', async () => {
    const ok = runDir({
      'summary.json': SUMMARY,
      'events.jsonl': [
        '{"time_s":1,"cluster":"az-a","kind":"Pod","reason":"Scheduled","object":"p","message":"m"}',
        '{"time_s":2,"cluster":"az-a","kind":"Pod","reason":"Preempted","object":"p","message":"m"}',
        '',
      ].join('\n'),
    });
    const run = await readRun(ok);
    expect(run.eventCounts).toEqual({ 'az-a': { Scheduled: 1, Preempted: 1 } });
    expect(run.events.map((e) => e.reason)).toEqual(['Preempted']);

    const bad = runDir({ 'summary.json': SUMMARY, 'events.jsonl': '{"time_s":1,"kind":"X"}\n{oops\n' });
    await expect(readRun(bad)).rejects.toMatchObject({ code: 'input', line: 2 });
  });

  it('still makes a page from summary.json alone', async () => {
    const dir = runDir({ 'summary.json': SUMMARY });
    const html = (await import('node:fs')).readFileSync(await buildReport(dir), 'utf8');
    expect(html).toContain('data-key="latencyMs.p99" data-value="80"');
    expect(html).toContain('timeseries.csv is missing');
  });

  it('infers the step from the most common gap', () => {
    const t = Float64Array.from([0, 10, 20, 30, 45, 55]);
    expect(inferStepSec([{ cluster: 'a', timeSec: t, columns: {} }])).toBe(10);
  });
});
