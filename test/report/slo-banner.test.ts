import { describe, expect, it } from 'vitest';
import { sloVerdict, SLO_RULE } from '../../src/report/model.ts';
import { buildFixtureReport } from './helpers.ts';
import { parseSlo } from '../../src/sweep/slo.ts';

const summary = (p99: number, violation: number, bursts?: number) => ({
  latencyMs: { p99 },
  requests: { errorRate: 0 },
  sloViolationSeconds: violation,
  slo: { latencyP99Ms: 250, errorRate: 0.001, ...(bursts === undefined ? {} : { violationBursts: bursts }) },
});

describe('the SLO banner', () => {
  it.each([
    // met over the run, yet 120 s of steps in three stretches broke it
    [summary(140, 120, 3), 'met', 'SLO met over the run; broken for 2 m in 3 bursts'],
    [summary(140, 45, 1), 'met', 'SLO met over the run; broken for 45 s in 1 burst'],
    [summary(140, 0, 0), 'met', 'SLO met over the run; not broken at any step'],
    [summary(2000, 750, 2), 'missed', 'SLO missed over the run; broken for 12 m 30 s in 2 bursts'],
    // a summary from before the bursts were counted
    [summary(140, 60), 'met', 'SLO met over the run; broken for 1 m'],
  ])('%j reads as %s: %s', (s, status, headline) => {
    const v = sloVerdict(s);
    expect(v.status).toBe(status);
    expect(v.headline).toBe(headline);
    expect(v.rule).toBe(SLO_RULE);
  });

  it('is on the page with the rule it judges by', async () => {
    const r = await buildFixtureReport('run-burst-outage');
    const s = r.summary as { sloViolationSeconds: number; slo: { violationBursts: number } };
    expect(s.slo.violationBursts).toBeGreaterThan(0);
    expect(r.html).toContain(sloVerdict(r.summary).headline);
    expect(r.html).toMatch(/SLO (met|missed) over the run; broken for [^<]+ in \d+ bursts?/);
    expect(r.html).toContain(SLO_RULE);
  });

  it('can be judged by violation time instead, in recommend', () => {
    expect(parseSlo('violation<=2m')).toEqual({ text: 'violation<=2m', metric: 'sloViolationSeconds', op: '<=', threshold: 120 });
  });
});
