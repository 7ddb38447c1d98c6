import { describe, it, expect } from 'vitest';
import { escapeHtml, jsonForScript } from '../../src/report/escape.ts';
import { formatClock, formatCount, formatMoney, formatMs, formatPercent, formatSeconds } from '../../src/report/format.ts';
import { timeLabel, timeTicks } from '../../src/report/charts/time-axis.ts';
import { logTicks } from '../../src/report/charts/axis-ticks.ts';
import { METRICS, judge, metricValue } from '../../src/report/metrics.ts';
import { niceMax } from '../../src/report/charts/points.ts';

describe('escapeHtml', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a "b" & \'c\'', 'a &quot;b&quot; &amp; &#39;c&#39;'],
    ['plain', 'plain'],
  ])('%s', (raw, escaped) => expect(escapeHtml(raw)).toBe(escaped));
});

describe('jsonForScript', () => {
  it('leaves no < > & so nothing can close the block or open a comment, and parses back', () => {
    const value = { name: '</script><!--<script>alert(1)</script>', amp: 'a&b', ls: '\u2028' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('formatting', () => {
  it.each([
    [formatMs(52.345), '52.3 ms'],
    [formatMs(1234.5), '1,235 ms'],
    [formatMs(undefined), '—'],
    // 0.00123 = 0.123%, three significant digits
    [formatPercent(0.00123), '0.123%'],
    [formatPercent(0), '0%'],
    [formatPercent(0.5), '50%'],
    [formatSeconds(45), '45 s'],
    // 750 s = 12 min 30 s
    [formatSeconds(750), '12 m 30 s'],
    // 11,100 s = 3 h 5 min
    [formatSeconds(11_100), '3 h 05 m'],
    // whole units drop the zero: 21,600 s = 6 h; 60 s = 1 min
    [formatSeconds(21_600), '6 h'],
    [formatSeconds(60), '1 m'],
    [formatMoney(171.951, 'USD'), '$171.95'],
    [formatMoney(3, 'EUR'), '€3.00'],
    [formatMoney(3, 'not a currency'), '3 not a currency'],
    [formatCount(1234567), '1,234,567'],
    // 3,725 s = 1 h 2 min 5 s
    [formatClock(3725), '1:02:05'],
    [formatClock(3600), '1:00'],
    [formatClock(3600, true), '1:00:00'],
  ])('%s', (got, want) => expect(got).toBe(want));
});

describe('time axis', () => {
  it.each([
    // 6 h with at most 5 ticks: 4 gaps of 1.5 h fit nothing rounder than 2 h (3 gaps)
    [0, 21_600, 5, [0, 7200, 14_400, 21_600]],
    // a 25-minute close-up starting at 0:55: 5-minute ticks
    [3300, 4800, 6, [3300, 3600, 3900, 4200, 4500, 4800]],
    // a day with up to 8 ticks: every 4 h
    [0, 86_400, 8, [0, 14_400, 28_800, 43_200, 57_600, 72_000, 86_400]],
  ])('ticks of [%d, %d] (max %d)', (start, end, max, want) => {
    expect(timeTicks(start, end, max)).toEqual(want);
  });

  it('labels h:mm, and h:mm:ss under ten minutes', () => {
    expect(timeLabel(5400, 0, 3600)).toBe('1:30');
    expect(timeLabel(93_600, 0, 100_000)).toBe('26:00');
    expect(timeLabel(3725, 3600, 3900)).toBe('1:02:05');
  });

  it('log ticks are 1-2-5 steps inside the domain', () => {
    expect(logTicks(10, 2000)).toEqual([10, 20, 50, 100, 200, 500, 1000, 2000]);
  });

  it.each([
    [0, 1],
    [7, 8],
    [12_300, 15_000],
    [0.042, 0.05],
  ])('niceMax(%d) = %d', (v, want) => expect(niceMax(v)).toBeCloseTo(want, 10));
});

describe('metrics', () => {
  it('looks numbers up by dotted path and ignores what is not a number', () => {
    const s = { latencyMs: { p99: 12 }, cost: { currency: 'USD' } };
    expect(metricValue(s, 'latencyMs.p99')).toBe(12);
    expect(metricValue(s, 'cost.currency')).toBeUndefined();
    expect(metricValue(s, 'nodes.peak')).toBeUndefined();
  });

  it.each([
    ['latencyMs.p99', 100, 90, 'better'],
    ['latencyMs.p99', 100, 110, 'worse'],
    ['binPacking.cpuRequestedShare', 0.5, 0.6, 'better'],
    ['nodes.scaleUps', 3, 5, 'changed'],
    ['cost.total', 10, 10 + 1e-12, 'same'],
    ['cost.total', undefined, 10, 'n/a'],
  ] as const)('%s: %s -> %s is %s', (path, a, b, verdict) => {
    const def = METRICS.find((m) => m.path === path)!;
    expect(judge(def, a, b)).toBe(verdict);
  });
});
