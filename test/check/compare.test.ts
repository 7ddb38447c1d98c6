import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareRuns, compareSamples } from '../../src/check/compare.ts';
import { RULES, type NumberRule } from '../../src/check/rules.ts';
import { buildRules, parseToleranceSpec } from '../../src/check/tolerance.ts';
import { KEY_NUMBERS } from '../../src/metrics/summary-types.ts';
import { makeRun } from '../fixtures/check/summaries.ts';

describe('compareSamples: one seed, default rules', () => {
  // [key, baseline, now, verdict, allowed]
  const cases: [string, number, number, string, number][] = [
    // p99 +10% relative, 1 ms floor: 200 ms -> allowed 20 ms
    ['latencyMs.p99', 200, 219, 'ok', 20],
    ['latencyMs.p99', 200, 220, 'ok', 20], // exactly on the allowance passes
    ['latencyMs.p99', 200, 220.5, 'regressed', 20],
    ['latencyMs.p99', 200, 170, 'improved', 20], // -30 ms, beyond 20 the good way
    ['latencyMs.p99', 200, 185, 'ok', 20], // -15 ms is noise either way
    // the 1 ms floor: 5 ms -> 10% would be 0.5 ms, the floor gives 1 ms
    ['latencyMs.p50', 5, 5.9, 'ok', 1],
    ['latencyMs.p50', 5, 6.1, 'regressed', 1],
    // error rate +0.05 pp absolute: 0.02% -> 0.07% is on the line, 0.08% beyond
    ['requests.errorRate', 0.0002, 0.0007, 'ok', 0.0005],
    ['requests.errorRate', 0.0002, 0.0008, 'regressed', 0.0005],
    ['requests.errorRate', 0, 0.0004, 'ok', 0.0005], // a zero baseline still has slack
    // cost +2% relative: 100 -> allowed 2; a 5% drop is an improvement, never a failure
    ['cost.total', 100, 102, 'ok', 2],
    ['cost.total', 100, 102.01, 'regressed', 2],
    ['cost.total', 100, 95, 'improved', 2],
    ['nodes.nodeHours', 50, 51.5, 'regressed', 1], // 2% of 50 = 1 h
    // bin-packing of workload pods: lower is worse, 2 pp absolute (the share with placeholders is neutral)
    ['binPacking.workloadCpuRequestedShare', 0.8, 0.79, 'ok', 0.02],
    ['binPacking.workloadCpuRequestedShare', 0.8, 0.77, 'regressed', 0.02],
    ['binPacking.workloadCpuRequestedShare', 0.8, 0.9, 'improved', 0.02],
    // SLO seconds: +10% or 60 s, whichever is more: 100 s -> 60 s allowed; 1000 s -> 100 s
    ['sloViolationSeconds', 100, 160, 'ok', 60],
    ['sloViolationSeconds', 1000, 1101, 'regressed', 100],
    ['sloViolationSeconds', 0, 70, 'regressed', 60],
    // pending: +10% or 60 pod-seconds
    ['pods.pendingSecondsTotal', 18_000, 19_801, 'regressed', 1_800], // 10% of 18,000 = 1,800 > 60
    ['pods.maxPending', 0, 2, 'ok', 2],
    ['pods.maxPending', 0, 3, 'regressed', 2],
    ['pods.scheduleToReadyP95S', 40, 44, 'ok', 5], // 10% = 4 s, floor 5 s
    ['cost.headroom', 0, 0.005, 'ok', 0.01],
  ];
  it.each(cases)('%s: %d -> %d is %s (allowed %d)', (key, baseline, now, verdict, allowed) => {
    const r = compareSamples(RULES[key as keyof typeof RULES], [baseline], [now]);
    expect(r.verdict).toBe(verdict);
    expect(r.allowed).toBeCloseTo(allowed, 12);
    expect(r.change).toBeCloseTo(now - baseline, 12);
  });

  it('neutral numbers are reported, never judged', () => {
    for (const key of ['requests.total', 'pods.preemptions', 'nodes.scaleUps', 'nodes.scaleDowns', 'nodes.peak'] as const) {
      expect(compareSamples(RULES[key], [10], [1000]).verdict).toBe('neutral');
    }
  });

  it('failed requests get the error rate slack counted in requests', () => {
    // 0.05% of 1,000,000 requests = 500 > 10% of 200 = 20
    const means = { 'requests.total': 1_000_000 };
    expect(compareSamples(RULES['requests.failed'], [200], [700], means)).toMatchObject({ verdict: 'ok', allowed: 500 });
    expect(compareSamples(RULES['requests.failed'], [200], [701], means).verdict).toBe('regressed');
  });

  it('a number absent on either side is missing, not a failure', () => {
    expect(compareSamples(RULES['latencyMs.p99'], [], [100]).verdict).toBe('missing');
    expect(compareSamples(RULES['latencyMs.p99'], [100], []).verdict).toBe('missing');
  });
});

describe('compareSamples: tolerance overrides', () => {
  const rule = (key: keyof typeof RULES, spec: string): NumberRule => parseToleranceSpec(key, spec);
  // [key, spec, baseline, now, verdict]
  const cases: [keyof typeof RULES, string, number, number, string][] = [
    ['latencyMs.p99', '5%', 200, 210, 'ok'], // 5% of 200 = 10
    ['latencyMs.p99', '5%', 200, 210.5, 'regressed'],
    ['requests.errorRate', '0.1pp', 0.0002, 0.0012, 'ok'], // +0.1 pp = 0.001
    ['requests.errorRate', '0.1pp', 0.0002, 0.0013, 'regressed'],
    ['requests.errorRate', '50%', 0.001, 0.0016, 'regressed'], // relative: 0.0005 allowed
    ['pods.maxPending', '3', 10, 13, 'ok'], // absolute pods
    ['pods.maxPending', '3', 10, 14, 'regressed'],
    ['latencyMs.p50', '10%,2', 5, 6.9, 'ok'], // max(0.5, 2) = 2 ms
    ['latencyMs.p50', '10%,2', 5, 7.1, 'regressed'],
    ['cost.total', '0', 100, 100.01, 'regressed'], // zero tolerance
    ['cost.total', 'off', 100, 1000, 'neutral'],
    // a neutral number given a tolerance: either direction fails
    ['nodes.peak', '10%', 20, 23, 'regressed'],
    ['nodes.peak', '10%', 20, 17, 'regressed'],
    ['nodes.peak', '10%', 20, 22, 'ok'],
    // a sign picks the worse direction
    ['nodes.peak', '+10%', 20, 17, 'improved'],
    ['nodes.peak', '-10%', 20, 17, 'regressed'],
    ['cost.total', '±2%', 100, 95, 'regressed'],
  ];
  it.each(cases)('%s=%s: %d -> %d is %s', (key, spec, baseline, now, verdict) => {
    expect(compareSamples(rule(key, spec), [baseline], [now]).verdict).toBe(verdict);
  });
});

describe('compareSamples: several seeds', () => {
  it('compares means and widens the allowance by two standard errors of the baseline spread', () => {
    // baseline p99 over 4 seeds: 190, 200, 210, 200 -> mean 200, sample sd = sqrt(200/3) = 8.165
    // now over 4 seeds: mean 224. tolerance 10% of 200 = 20; noise 2 * 8.165 * sqrt(1/4 + 1/4) = 11.547
    const r = compareSamples(RULES['latencyMs.p99'], [190, 200, 210, 200], [220, 224, 228, 224]);
    expect(r.baseline).toBe(200);
    expect(r.now).toBe(224);
    expect(r.noise).toBeCloseTo(2 * Math.sqrt(200 / 3) * Math.sqrt(0.5), 9);
    expect(r.allowed).toBeCloseTo(20 + 11.547, 3);
    expect(r.verdict).toBe('ok'); // +24 < 31.5: within the seed noise
    // +32 is beyond tolerance and noise together
    expect(compareSamples(RULES['latencyMs.p99'], [190, 200, 210, 200], [232, 232, 232, 232]).verdict).toBe('regressed');
  });

  it('without a baseline spread (one seed) no widening is added', () => {
    expect(compareSamples(RULES['latencyMs.p99'], [200], [221, 219, 223]).noise).toBe(0);
  });

  it('identical samples never regress, whatever the rule (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KEY_NUMBERS),
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (key, xs) => {
          const v = compareSamples(RULES[key], xs, xs, { 'requests.total': 1e6 }).verdict;
          return v === 'ok' || v === 'neutral';
        },
      ),
    );
  });

  it('a worse change never turns a regression into a pass (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (base, d1, d2) => {
          const a = compareSamples(RULES['latencyMs.p99'], [base], [base + Math.min(d1, d2)]).verdict;
          const b = compareSamples(RULES['latencyMs.p99'], [base], [base + Math.max(d1, d2)]).verdict;
          return a !== 'regressed' || b === 'regressed';
        },
      ),
    );
  });
});

describe('compareRuns', () => {
  it('names the fleet numbers by key and cluster numbers under perCluster, fleet first', () => {
    const checks = compareRuns([makeRun()], [makeRun()], buildRules());
    expect(checks).toHaveLength(KEY_NUMBERS.length * 3);
    expect(checks[0].name).toBe('latencyMs.mean');
    expect(checks[KEY_NUMBERS.length].name).toBe('perCluster.az-a.latencyMs.mean');
    expect(checks.at(-1)?.name).toBe('perCluster.az-b.binPacking.workloadMemoryRequestedShare');
    expect(checks.every((c) => c.verdict === 'ok' || c.verdict === 'neutral')).toBe(true);
  });

  it('finds a regression in one cluster only', () => {
    const now = makeRun({ perCluster: { 'az-b': { 'latencyMs.p99': 200 } } });
    const regressed = compareRuns([makeRun()], [now], buildRules()).filter((c) => c.verdict === 'regressed');
    expect(regressed.map((c) => c.name)).toEqual(['perCluster.az-b.latencyMs.p99']);
    expect(regressed[0].cluster).toBe('az-b');
  });

  it('a cluster the baseline lacks is missing, not failing', () => {
    const checks = compareRuns([makeRun()], [makeRun({ clusters: ['az-a', 'az-b', 'az-c'] })], buildRules());
    const azc = checks.filter((c) => c.cluster === 'az-c');
    expect(azc).toHaveLength(KEY_NUMBERS.length);
    expect(azc.every((c) => c.verdict === 'missing')).toBe(true);
  });
});
