/**
 * A whole run on steady load with fixed replicas (no HPA, no autoscaling needed) against M/M/c
 * theory: summary.json's mean latency and p99 (merged over every step, through the run's latency
 * sketch) within 1% of Erlang C's closed forms, computed here independently of the simulator.
 */
import { describe, it, expect } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { scenarioFromYaml } from '../helpers/scenario.ts';

/** Erlang C by the Erlang B recursion: P(wait) for c servers and offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho + rho * b);
}

/** Response time T = S + W, S ~ Exp(μ), W = 0 w.p. 1−C, else Exp(θ), θ = cμ − λ. */
function mmc(c: number, lambda: number, mu: number) {
  const C = erlangC(c, lambda / mu);
  const theta = c * mu - lambda;
  const mean = 1 / mu + C / theta;
  // P(T > t) = e^{−μt} + C·θ/(θ−μ)·(e^{−μt} − e^{−θt})·... written out for θ ≠ μ:
  const survival = (t: number) => {
    const es = Math.exp(-mu * t);
    if (Math.abs(theta - mu) < 1e-12) return es + C * mu * t * es;
    return es + (C * mu * (es - Math.exp(-theta * t))) / (theta - mu);
  };
  let lo = 0;
  let hi = 1;
  while (survival(hi) > 0.01) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (survival(mid) > 0.01) lo = mid;
    else hi = mid;
  }
  return { meanMs: mean * 1000, p99Ms: hi * 1000 };
}

function steady(pods: number, concurrency: number, rate: number): string {
  return `
name: steady
seed: 1
duration: 30m
step: 10s
clusters: [az-a]
nodeGroups:
  - {name: big, allocatable: {cpu: 64, memory: 256Gi, pods: 250}, pricePerHour: 1, min: 1, max: 1, initial: 1, provisioningDelay: {fixed: 60s}}
workloads:
  - name: api
    requests: {cpu: 100m, memory: 128Mi}
    serviceTime: 40ms
    concurrency: ${concurrency}
    timeout: 1h
    replicas: ${pods}
    traffic: {generator: {base: ${rate}}}
clusterAutoscaler: {scaleDownEnabled: false}
`;
}

describe('steady load on fixed replicas agrees with M/M/c', () => {
  // servers c = pods × concurrency; μ = 25/s per server; utilization ρ = λ / (c μ)
  it.each([
    [1, 1, 0.5],
    [1, 1, 0.8],
    [2, 4, 0.5],
    [2, 4, 0.95],
    [16, 4, 0.8],
    [16, 4, 0.95],
  ])('pods=%d × concurrency=%d at ρ=%d', async (pods, concurrency, rho) => {
    const c = pods * concurrency;
    const lambda = rho * c * 25;
    const r = await runScenario(scenarioFromYaml(steady(pods, concurrency, lambda)), { summaryOnly: true });
    const want = mmc(c, lambda, 25);
    const got = r.summary.latencyMs;
    expect(Math.abs(got.mean - want.meanMs) / want.meanMs).toBeLessThan(0.01);
    expect(Math.abs(got.p99 - want.p99Ms) / want.p99Ms).toBeLessThan(0.01);
    expect(r.summary.requests.failed).toBe(0);
    // ∫ rate dt: λ × 1800 s
    expect(r.summary.requests.total).toBeCloseTo(lambda * 1800, 0);
  });
});
