/**
 * Which policy's requests to take: the cheapest whose re-simulated run meets the scenario's SLO
 * (p99 and error rate over the whole run) with no OOM kill. An OOM-killed container restarts
 * with kubelet's back-off, so a policy that saves by killing pods is refused whatever its
 * latency says. Ties go to the earlier policy in the order given.
 */

export interface PolicyOutcome {
  name: string;
  cost: number;
  p99Ms: number;
  errorRate: number;
  oomKills: number;
}

export interface PolicyChoice {
  /** null: no policy meets the SLO without an OOM kill (keep today's requests) */
  recommended: string | null;
  /** per policy, in the order given: what it misses (empty when it qualifies) */
  misses: Record<string, string[]>;
}

export function missesOf(o: PolicyOutcome, slo: { latencyP99Ms: number; errorRate: number }): string[] {
  const out: string[] = [];
  // NaN (nothing served) never meets a latency bound.
  if (!(o.p99Ms <= slo.latencyP99Ms)) out.push('p99');
  if (!(o.errorRate <= slo.errorRate)) out.push('errors');
  if (o.oomKills > 0) out.push('oomKills');
  return out;
}

export function choosePolicy(outcomes: readonly PolicyOutcome[], slo: { latencyP99Ms: number; errorRate: number }): PolicyChoice {
  const misses: Record<string, string[]> = {};
  let best: PolicyOutcome | null = null;
  for (const o of outcomes) {
    misses[o.name] = missesOf(o, slo);
    if (misses[o.name].length === 0 && (best === null || o.cost < best.cost)) best = o;
  }
  return { recommended: best?.name ?? null, misses };
}
