/** What each zone outage of the scenario cost users, and when the fleet recovered from it. */
import type { OutageSpec, Scenario } from '../scenario/types.ts';
import { round } from './round.ts';
import type { OutageSummary } from './summary-types.ts';

/** A fleet is recovered once it has stayed within its SLO for this long. */
const RECOVERED_AFTER_SEC = 60;

/** The fleet's step by step record the outages are read from. */
export interface FleetSteps {
  stepBreached: Uint8Array;
  stepFailed: Float64Array;
  stepArrived: Float64Array;
}

export function outageSummaries(scenario: Scenario, m: FleetSteps): OutageSummary[] {
  return scenario.routing.outages.filter((o) => o.atSec < scenario.durationSec).map((o) => outageSummary(scenario, m, o));
}

function outageSummary(scenario: Scenario, m: FleetSteps, o: OutageSpec): OutageSummary {
  const step = scenario.stepSec;
  const first = Math.floor(o.atSec / step);
  const { recovered, sawBreach } = recoveryStep(m.stepBreached, first, step, o);
  const last = recovered >= 0 ? recovered : m.stepBreached.length;
  let failed = 0;
  let arrived = 0;
  let breachSec = 0;
  for (let k = first; k < last; k++) {
    failed += m.stepFailed[k];
    arrived += m.stepArrived[k];
    if (m.stepBreached[k]) breachSec += Math.min(step, scenario.durationSec - k * step);
  }
  const recoveredAtS = recovered >= 0 ? (sawBreach ? recovered * step : o.atSec) : null;
  return {
    cluster: o.cluster,
    // one zone of a cluster over several: which (absent for a cluster per zone, so those summaries keep their bytes)
    ...(o.zone !== undefined ? { zone: o.zone } : {}),
    atS: o.atSec,
    forS: o.forSec,
    autoShift: o.autoShift,
    failed: round(failed, 1),
    errorRate: round(arrived > 0 ? failed / arrived : 0, 8),
    sloViolationSeconds: round(breachSec, 3),
    recoveredAtS,
    recoverySeconds: recoveredAtS === null ? null : round(recoveredAtS - o.atSec, 3),
  };
}

/**
 * The first step of the first run of calm (unbreached) steps, a minute long, that starts after the
 * last breach following the outage's start; -1 if the fleet never got there.
 */
function recoveryStep(breached: Uint8Array, first: number, step: number, o: OutageSpec): { recovered: number; sawBreach: boolean } {
  const calm = Math.max(1, Math.ceil(RECOVERED_AFTER_SEC / step));
  // an outage that has not ended yet is not recovered from, however calm its first steps
  const settledAt = o.atSec + Math.min(o.forSec, o.detectionDelaySec + o.shiftOverSec);
  let run = 0;
  let sawBreach = false;
  for (let k = first; k < breached.length; k++) {
    if (breached[k]) {
      sawBreach = true;
      run = 0;
      continue;
    }
    if (k * step < settledAt && !sawBreach) continue;
    if (++run >= calm) return { recovered: k - calm + 1, sawBreach };
  }
  return { recovered: -1, sawBreach };
}
