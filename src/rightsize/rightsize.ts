/**
 * `headroom rightsize <usage export>`: each named policy's requests and limits per workload and
 * container, from the usage samples of its pods. A workload is the pods sharing the value of a
 * label (`by`), or, without one, the pod name less its ReplicaSet suffixes
 * (`web-7d4b9c8f6d-x2kqp` → `web`) or its StatefulSet ordinal (`db-0` → `db`).
 * The export says nothing of requests, so every cpu sample weighs 0.1 core, as the VPA weighs a
 * container with no cpu request.
 */
import { HeadroomError } from '../errors.ts';
import { POLICY_DEFAULTS, POLICY_NAMES, recommendPolicies, type PolicyName, type PolicyOptions, type PolicyResources } from '../decisions/rightsize/policies.ts';
import type { VpaRecommendation } from '../decisions/vpa/recommender.ts';
import type { UsageSeries } from './usage-export.ts';

export interface ContainerRecommendation {
  workload: string;
  container: string;
  pods: number;
  cpuSamples: number;
  memorySamples: number;
  vpa: VpaRecommendation;
  policies: Record<PolicyName, PolicyResources>;
}

export interface RightsizeResult {
  by: string;
  containers: ContainerRecommendation[];
}

/** `web-7d4b9c8f6d-x2kqp` → `web`; `db-0` → `db`; anything else stays as it is. */
export function workloadOfPod(pod: string): string {
  const rs = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(pod);
  if (rs) return rs[1];
  const sts = /^(.+)-\d+$/.exec(pod);
  return sts ? sts[1] : pod;
}

export function rightsize(series: UsageSeries, by: string | undefined, options: PolicyOptions = POLICY_DEFAULTS): RightsizeResult {
  const groups = new Map<string, { workload: string; container: string; members: ReturnType<UsageSeries['get']>[] }>();
  for (const s of series.values()) {
    let workload: string;
    if (by === undefined) workload = workloadOfPod(s.pod);
    else {
      const v = s.labels[by];
      if (v === undefined) throw new HeadroomError('input', `pod ${s.pod} container ${s.container} has no label "${by}" to group by`, { path: by });
      workload = v;
    }
    const k = `${workload}\u0000${s.container}`;
    if (!groups.has(k)) groups.set(k, { workload, container: s.container, members: [] });
    groups.get(k)!.members.push(s);
  }
  const containers: ContainerRecommendation[] = [];
  for (const g of [...groups.values()].sort((a, b) => (a.workload === b.workload ? cmp(a.container, b.container) : cmp(a.workload, b.workload)))) {
    const members = g.members.filter((m) => m !== undefined);
    const cpuSamples = members.reduce((n, m) => n + m.cpu.length, 0);
    const memorySamples = members.reduce((n, m) => n + m.memory.length, 0);
    if (cpuSamples === 0) throw new HeadroomError('input', `${g.workload}/${g.container}: no cpu samples (pods ${members.map((m) => m.pod).join(', ')}); export rate(container_cpu_usage_seconds_total) for it too`);
    if (memorySamples === 0) throw new HeadroomError('input', `${g.workload}/${g.container}: no memory samples (pods ${members.map((m) => m.pod).join(', ')}); export container_memory_working_set_bytes for it too`);
    // One workload's samples are unpacked at a time, then dropped.
    const r = recommendPolicies(members.map((m) => m.history()), options);
    containers.push({ workload: g.workload, container: g.container, pods: new Set(members.map((m) => m.pod)).size, cpuSamples, memorySamples, vpa: r.vpa, policies: r.policies });
  }
  return { by: by ?? 'pod name (ReplicaSet or StatefulSet prefix)', containers };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export { POLICY_NAMES };
