/**
 * Every policy's requests and limits per scenario workload, from one of two sources of samples:
 * a simulated run of the scenario (one history per cluster), or a team's usage export grouped
 * into workloads by pod name or a label and matched to the scenario's workloads by name. A
 * workload of the export with several containers gets their sum (a scenario's pod is one
 * container). The recommenders are the decisions' (decisions/rightsize/policies.ts).
 */
import { HeadroomError } from '../errors.ts';
import { POLICY_DEFAULTS, POLICY_NAMES, recommendPolicies, type PolicyName, type PolicyOptions, type PolicyResources } from '../decisions/rightsize/policies.ts';
import type { Scenario } from '../scenario/types.ts';
import type { WorkloadSamples } from './measure-run.ts';
import type { RightsizeResult } from './rightsize.ts';

/** workload name -> each policy's resources; a workload without samples is absent (it keeps its requests). */
export type WorkloadPolicies = Map<string, Record<PolicyName, PolicyResources>>;

export function policiesFromSamples(samples: readonly WorkloadSamples[], options: PolicyOptions = POLICY_DEFAULTS): WorkloadPolicies {
  const out: WorkloadPolicies = new Map();
  for (const s of samples) if (s.histories.length > 0) out.set(s.workload, recommendPolicies(s.histories, options).policies);
  return out;
}

/**
 * By workload, the most cpu its pods used in any sample (milli): the mean pod of a cluster at
 * one step, as the recommenders see it. A burst that outruns the HPA shows here.
 */
export function peakCpuMilliFromSamples(samples: readonly WorkloadSamples[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    let peak = 0;
    for (const h of s.histories) for (let i = 0; i < h.cpuCores.length; i++) if (h.cpuCores[i] > peak) peak = h.cpuCores[i];
    if (s.histories.length > 0) out.set(s.workload, Math.ceil(peak * 1000));
  }
  return out;
}

/** The export's workloads that the scenario has; the rest are named in `unmatched`. */
export function policiesFromExport(result: RightsizeResult, scenario: Scenario, exportFiles: readonly string[]): { policies: WorkloadPolicies; unmatched: string[] } {
  const names = new Set(scenario.workloads.map((w) => w.name));
  const policies: WorkloadPolicies = new Map();
  const unmatched = new Set<string>();
  for (const c of result.containers) {
    if (!names.has(c.workload)) {
      unmatched.add(c.workload);
      continue;
    }
    const had = policies.get(c.workload);
    policies.set(c.workload, had ? sumPolicies(had, c.policies) : c.policies);
  }
  if (policies.size === 0) {
    throw new HeadroomError(
      'input',
      `no workload of the usage export (${[...unmatched].join(', ')}, grouped by ${result.by}) is a workload of the scenario (${[...names].join(', ')}); group the pods with --by LABEL`,
      { file: exportFiles[0] },
    );
  }
  return { policies, unmatched: [...unmatched] };
}

const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

function sumPolicies(a: Record<PolicyName, PolicyResources>, b: Record<PolicyName, PolicyResources>): Record<PolicyName, PolicyResources> {
  const out = {} as Record<PolicyName, PolicyResources>;
  for (const name of POLICY_NAMES) {
    out[name] = {
      requests: { cpuMilli: add(a[name].requests.cpuMilli, b[name].requests.cpuMilli), memoryBytes: add(a[name].requests.memoryBytes, b[name].requests.memoryBytes) },
      limits: { cpuMilli: add(a[name].limits.cpuMilli, b[name].limits.cpuMilli), memoryBytes: add(a[name].limits.memoryBytes, b[name].limits.memoryBytes) },
    };
  }
  return out;
}
