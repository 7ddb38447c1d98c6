/**
 * The SLO is absolute, not relative to the baseline: a run breaks it when its p99 is above the
 * SLO's, its error rate is, or summary.slo.met is false. With several seeds the scenario breaks it
 * when more than half of the seeds' runs do, so one unlucky seed does not fail a build (and one
 * lucky seed does not hide a policy that usually fails).
 */
import type { RunNumbers } from './types.ts';

export interface SloCheck {
  broken: boolean;
  /** the seeds whose run broke the SLO */
  brokenSeeds: number[];
  seeds: number;
  /** the SLO itself */
  latencyP99Ms: number;
  errorRate: number;
  /** what was broken, for messages: "p99 312 ms > 250 ms" */
  reasons: string[];
}

export interface SloRunBreach {
  latency: boolean;
  errors: boolean;
  /** summary.slo.met false for another reason */
  other: boolean;
}

export function sloBreach(run: RunNumbers): SloRunBreach {
  const p99 = run.numbers['latencyMs.p99'];
  const errorRate = run.numbers['requests.errorRate'];
  const latency = typeof p99 === 'number' && p99 > run.slo.latencyP99Ms;
  const errors = typeof errorRate === 'number' && errorRate > run.slo.errorRate;
  return { latency, errors, other: !run.slo.met && !latency && !errors };
}

export interface SloFormat {
  ms: (v: number) => string;
  rate: (v: number) => string;
}

export function checkSlo(runs: readonly RunNumbers[], format: SloFormat): SloCheck {
  const breaches = runs.map(sloBreach);
  const brokenSeeds = runs.filter((_, i) => breaches[i].latency || breaches[i].errors || breaches[i].other).map((r) => r.seed);
  const latencyP99Ms = runs[0]?.slo.latencyP99Ms ?? NaN;
  const errorRate = runs[0]?.slo.errorRate ?? NaN;

  const reasons: string[] = [];
  const n = runs.length;
  const count = (pick: (b: SloRunBreach) => boolean) => breaches.filter(pick).length;
  const worst = (key: string) => Math.max(...runs.map((r) => r.numbers[key]).filter((v) => typeof v === 'number'));
  const latencyCount = count((b) => b.latency);
  if (latencyCount > 0) {
    const p99 = format.ms(worst('latencyMs.p99'));
    const slo = format.ms(latencyP99Ms);
    reasons.push(n === 1 ? `p99 ${p99} > ${slo}` : `p99 > ${slo} in ${latencyCount} of ${n} seeds (worst ${p99})`);
  }
  const errorCount = count((b) => b.errors);
  if (errorCount > 0) {
    const rate = format.rate(worst('requests.errorRate'));
    const slo = format.rate(errorRate);
    reasons.push(n === 1 ? `error rate ${rate} > ${slo}` : `error rate > ${slo} in ${errorCount} of ${n} seeds (worst ${rate})`);
  }
  const otherCount = count((b) => b.other);
  if (otherCount > 0) reasons.push(`summary.slo.met is false${n === 1 ? '' : ` in ${otherCount} of ${n} seeds`}`);

  return { broken: brokenSeeds.length * 2 > n, brokenSeeds, seeds: n, latencyP99Ms, errorRate, reasons };
}
