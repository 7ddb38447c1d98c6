import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { costRates, HOURS_PER_MONTH } from '../../src/metrics/cost-rate.ts';
import { buildReportModel } from '../../src/report/model.ts';
import { readRun } from '../../src/report/index.ts';
import { costRatesText } from '../../src/report/format.ts';
import { FIXTURES_DIR } from '../fixtures/runs.ts';

describe('cost per hour and per month', () => {
  it('is the total over the simulated hours, and a month is 730 hours', () => {
    expect(HOURS_PER_MONTH).toBe((365 * 24) / 12);
    // 54 over a 6 h run: 9 an hour, 9 x 730 = 6,570 a month
    expect(costRates(54, 6 * 3600)).toEqual({ perHour: 9, perMonth: 6570 });
    expect(costRates(10, 0)).toEqual({ perHour: 0, perMonth: 0 });
  });

  it('is in summary.json beside the total, fleet-wide and per cluster', () => {
    const s = JSON.parse(readFileSync(join(FIXTURES_DIR, 'run-burst-outage', 'summary.json'), 'utf8'));
    const hours = s.simulatedSeconds / 3600;
    for (const c of [s.cost, ...Object.values<{ cost: typeof s.cost }>(s.perCluster).map((p) => p.cost)]) {
      expect(c.perHour).toBeCloseTo(c.total / hours, 5);
      expect(c.perMonth).toBeCloseTo((c.total / hours) * 730, 3);
      expect(c.headroomPerMonth).toBeCloseTo((c.headroom / hours) * 730, 3);
    }
  });

  it('reads in the one-line summary with its currency and the month it assumes', () => {
    expect(costRatesText({ perHour: 9.084444, perMonth: 6631.6444, currency: 'EUR' })).toBe('9.08 EUR/h, 6,631.64 EUR/month (730 h)');
  });

  it('shows as a headline tile of the report, and the cost axis names the currency', async () => {
    const run = await readRun(join(FIXTURES_DIR, 'run-burst-outage'));
    const model = buildReportModel(run);
    const tile = model.kpis.find((k) => k.def.path === 'cost.perMonth');
    expect(tile?.text).toBe(`$${(run.summary.cost as { perMonth: number }).perMonth.toLocaleString('en-US', { maximumFractionDigits: 2 })}/month`);
    const spec = JSON.stringify(model.sections.flatMap((s) => s.charts.map((c) => c.spec)));
    expect(spec).toContain('"cost per hour (USD)"');
  });
});
