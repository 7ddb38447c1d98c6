/**
 * One policy's recommendation written into the scenario, as `path=value` sets on the file as
 * written (so the run and rightsized.yaml are the same document, checked as `--set` is):
 * - each workload's requests (and limits, once the scenario format has them); a resource the
 *   policy leaves unset keeps today's request;
 * - the HPA's cpu target scaled so today's replica counts hold (decisions/rightsize/hpa-target.ts),
 *   unless the targets are kept;
 * - placeholder pods that are "N pods of <workload>" (requests exactly N times that workload's,
 *   cpu and memory alike, and no other workload's) sized as N of its new pods.
 * - today's usage written down where the file leaves it to the default (pinUsageSets).
 * Memory is rounded up to a whole MiB, as a planner would write it.
 */
import { HeadroomError } from '../errors.ts';
import { formatCpu, formatMemory } from '../quantity.ts';
import type { PolicyName, PolicyResources } from '../decisions/rightsize/policies.ts';
import { targetKeepingBurstRoom, targetKeepingReplicas } from '../decisions/rightsize/hpa-target.ts';
import { defaultUsage } from '../decisions/usage/model.ts';
import { checkScenarioPath } from '../scenario/paths.ts';
import type { Scenario, WorkloadSpec } from '../scenario/types.ts';
import type { WorkloadPolicies } from './workload-policies.ts';

const MIB = 2 ** 20;

export interface Requests {
  cpuMilli: number;
  memoryBytes: number;
}

export interface AppliedPolicy {
  /** the policy's name, `<policy>-burst-room` for its run with targets that keep today's burst room */
  name: string;
  /** by workload: what its pods request (today's where the policy set nothing) */
  requests: Record<string, Requests>;
  /** by workload, the policy's limits (null: no limit); empty when the scenario format has no limits */
  limits: Record<string, { cpuMilli: number | null; memoryBytes: number | null }>;
  /**
   * by HPA-scaled workload: the cpu target the run uses, the one that keeps today's replica
   * counts, and (in a burst-room run) the one that keeps today's room for bursts
   */
  hpaTargets: Record<string, { percent: number; keepsReplicas: number; keepsBurstRoom?: number }>;
  /** placeholders that follow a workload's request */
  placeholders: { name: string; workload: string; pods: number; requests: Requests }[];
  /** what the scenario file gets, `path=value` */
  sets: string[];
}

export interface ApplyOptions {
  keepTargets: boolean;
  /**
   * by workload, the most cpu one of its pods used (milli): given, each HPA target keeps today's
   * room for bursts (decisions/rightsize/hpa-target.ts targetKeepingBurstRoom) rather than only
   * today's replica counts, and the run is named `<policy>-burst-room`
   */
  peakCpuMilli?: ReadonlyMap<string, number>;
}

export const BURST_ROOM_SUFFIX = '-burst-room';

interface RawWorkload {
  name?: unknown;
  hpa?: unknown;
  usage?: unknown;
}

interface Written {
  index: number;
  hasHpa: boolean;
  /** usage keys the file gives */
  usageKeys: string[];
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The scenario's workloads as written, by name -> index in the file's `workloads` list. */
function writtenWorkloads(raw: unknown, file: string | undefined): Map<string, Written> {
  const list = (raw as { workloads?: unknown })?.workloads;
  const out = new Map<string, Written>();
  if (Array.isArray(list)) {
    list.forEach((w: RawWorkload, index) => {
      if (typeof w?.name === 'string') out.set(w.name, { index, hasHpa: isMap(w.hpa), usageKeys: isMap(w.usage) ? Object.keys(w.usage) : [] });
    });
  }
  if (out.size === 0) throw new HeadroomError('scenario', 'rightsize rewrites the workloads the scenario writes out, and it writes none (included from manifests?)', { file, path: 'workloads' });
  return out;
}

/** Whether the scenario format has `workloads[].limits` (the usage model's key). */
export function formatHasLimits(): boolean {
  try {
    checkScenarioPath(['workloads', '0', 'limits', 'memory']);
    return true;
  } catch {
    return false;
  }
}

const cpuText = (m: number) => formatCpu(m);
const memText = (b: number) => formatMemory(b);
const roundMemory = (b: number) => Math.ceil(b / MIB) * MIB;

function newRequests(w: WorkloadSpec, p: PolicyResources | undefined): Requests {
  return {
    cpuMilli: p?.requests.cpuMilli ?? w.requests.cpuMilli,
    memoryBytes: p?.requests.memoryBytes === null || p?.requests.memoryBytes === undefined ? w.requests.memoryBytes : roundMemory(p.requests.memoryBytes),
  };
}

/**
 * What a pod uses is the application's, not its request's: a workload whose file leaves its cpu
 * per request or its memory to the default (which follows the request: decisions/usage/model.ts
 * defaultUsage) gets today's written down, so new requests do not change what it uses. Every run
 * of the comparison, today's included, runs with them.
 */
export function pinUsageSets(scenario: Scenario, raw: unknown): string[] {
  const written = writtenWorkloads(raw, scenario.file);
  return scenario.workloads.flatMap((w) => {
    const at = written.get(w.name);
    if (at === undefined) return [];
    const u = w.usage ?? defaultUsage(w.requests, w.concurrency, w.serviceTime.meanSec);
    const base = `workloads.${at.index}.usage`;
    return [
      ...(at.usageKeys.includes('cpuPerRequest') ? [] : [`${base}.cpuPerRequest=${u.cpuSecPerRequest}`]),
      ...(at.usageKeys.includes('memory') ? [] : [`${base}.memory=${memText(u.memoryBytes)}`]),
    ];
  });
}

/** Today's requests, as the baseline reads (with its usage written down). */
export function baselineApplied(scenario: Scenario, raw: unknown): AppliedPolicy {
  const requests: AppliedPolicy['requests'] = {};
  const limits: AppliedPolicy['limits'] = {};
  const hpaTargets: AppliedPolicy['hpaTargets'] = {};
  for (const w of scenario.workloads) {
    requests[w.name] = { ...w.requests };
    limits[w.name] = { cpuMilli: w.limits?.cpuMilli ?? null, memoryBytes: w.limits?.memoryBytes ?? null };
    if (w.hpa) hpaTargets[w.name] = { percent: w.hpa.targetCPUUtilization, keepsReplicas: w.hpa.targetCPUUtilization };
  }
  return { name: 'baseline', requests, limits, hpaTargets, placeholders: [], sets: pinUsageSets(scenario, raw) };
}

/**
 * The limits a policy gives: its own, or for the VPA (which sets requests only) today's limits
 * scaled with the request, as its updater keeps the limit-to-request ratio
 * (vertical-pod-autoscaler/pkg/utils/vpa/limit_and_request_scaling.go, GetProportionalLimit).
 */
function policyLimits(name: PolicyName, w: WorkloadSpec, p: PolicyResources, req: Requests): { cpuMilli: number | null; memoryBytes: number | null } {
  if (name === 'vpa') {
    const scale = (limit: number | undefined, old: number, now: number) => (limit === undefined ? null : old > 0 ? Math.ceil((limit * now) / old) : limit);
    const memory = scale(w.limits?.memoryBytes, w.requests.memoryBytes, req.memoryBytes);
    return { cpuMilli: scale(w.limits?.cpuMilli, w.requests.cpuMilli, req.cpuMilli), memoryBytes: memory === null ? null : roundMemory(memory) };
  }
  return { cpuMilli: p.limits.cpuMilli, memoryBytes: p.limits.memoryBytes === null ? null : roundMemory(p.limits.memoryBytes) };
}

export function applyPolicy(scenario: Scenario, raw: unknown, name: PolicyName, policies: WorkloadPolicies, opts: ApplyOptions): AppliedPolicy {
  const written = writtenWorkloads(raw, scenario.file);
  const withLimits = formatHasLimits();
  const out: AppliedPolicy = { name: opts.peakCpuMilli ? `${name}${BURST_ROOM_SUFFIX}` : name, requests: {}, limits: {}, hpaTargets: {}, placeholders: [], sets: pinUsageSets(scenario, raw) };
  for (const w of scenario.workloads) {
    const p = policies.get(w.name)?.[name];
    const req = newRequests(w, p);
    out.requests[w.name] = req;
    const at = written.get(w.name);
    if (p && at === undefined) throw new HeadroomError('scenario', `workload ${w.name} comes from an included manifest: rightsize rewrites only workloads the scenario writes out`, { file: scenario.file, path: 'workloads' });
    if (!p || at === undefined) continue;
    const base = `workloads.${at.index}`;
    if (req.cpuMilli !== w.requests.cpuMilli) out.sets.push(`${base}.requests.cpu=${cpuText(req.cpuMilli)}`);
    if (req.memoryBytes !== w.requests.memoryBytes) out.sets.push(`${base}.requests.memory=${memText(req.memoryBytes)}`);
    if (withLimits) {
      const limits = policyLimits(name, w, p, req);
      out.limits[w.name] = limits;
      const parts = [...(limits.cpuMilli === null ? [] : [`cpu: ${cpuText(limits.cpuMilli)}`]), ...(limits.memoryBytes === null ? [] : [`memory: ${memText(limits.memoryBytes)}`])];
      if (parts.length > 0 || w.limits !== undefined) out.sets.push(`${base}.limits={${parts.join(', ')}}`);
    }
    if (w.hpa) {
      const keeps = targetKeepingReplicas(w.hpa.targetCPUUtilization, w.requests.cpuMilli, req.cpuMilli);
      // A pod's cpu never reads above its limit, so a target over limit ÷ request would never scale up.
      const cpuLimit = withLimits ? out.limits[w.name]?.cpuMilli : w.limits?.cpuMilli;
      const reachable = cpuLimit === null || cpuLimit === undefined ? Infinity : Math.floor((cpuLimit * 100) / req.cpuMilli);
      const peak = opts.peakCpuMilli?.get(w.name);
      const burstRoom = peak === undefined ? undefined : targetKeepingBurstRoom(w.hpa.targetCPUUtilization, w.requests.cpuMilli, req.cpuMilli, peak);
      const percent = opts.keepTargets || !at.hasHpa ? w.hpa.targetCPUUtilization : Math.min(burstRoom ?? keeps, Math.max(1, reachable));
      out.hpaTargets[w.name] = burstRoom === undefined ? { percent, keepsReplicas: keeps } : { percent, keepsReplicas: keeps, keepsBurstRoom: burstRoom };
      if (percent !== w.hpa.targetCPUUtilization) out.sets.push(`${base}.hpa.targetCPUUtilization=${percent}`);
    }
  }
  placeholderSets(scenario, raw, out);
  return out;
}

/**
 * "N pods of <workload>": a workload whose requests, N times over, are the placeholder's. Of
 * several, the fewest pods (a placeholder the size of one backend-a pod is not read as two pods
 * of a half-size workload); a tie at that count is no answer.
 */
export function standsFor(placeholder: Requests, workloads: readonly WorkloadSpec[]): { workload: WorkloadSpec; pods: number } | null {
  const found = workloads.flatMap((w) => {
    const { cpuMilli, memoryBytes } = w.requests;
    if (!(cpuMilli > 0) || !(memoryBytes > 0)) return [];
    const n = placeholder.cpuMilli / cpuMilli;
    return Number.isInteger(n) && n >= 1 && placeholder.memoryBytes === n * memoryBytes ? [{ workload: w, pods: n }] : [];
  });
  const fewest = Math.min(...found.map((f) => f.pods));
  const best = found.filter((f) => f.pods === fewest);
  return best.length === 1 ? best[0] : null;
}

function placeholderSets(scenario: Scenario, raw: unknown, out: AppliedPolicy): void {
  const list = (raw as { overprovisioner?: unknown })?.overprovisioner;
  if (!Array.isArray(list)) return;
  const specs = scenario.clusters[0]?.overprovisioner ?? [];
  list.forEach((entry: { name?: unknown; requests?: unknown }, i) => {
    const spec = specs.find((s) => s.name === entry?.name);
    if (!spec || typeof entry.requests !== 'object') return;
    const of = standsFor(spec.requests, scenario.workloads);
    if (!of) return;
    const r = out.requests[of.workload.name];
    const requests = { cpuMilli: r.cpuMilli * of.pods, memoryBytes: r.memoryBytes * of.pods };
    out.placeholders.push({ name: spec.name, workload: of.workload.name, pods: of.pods, requests });
    if (requests.cpuMilli !== spec.requests.cpuMilli) out.sets.push(`overprovisioner.${i}.requests.cpu=${cpuText(requests.cpuMilli)}`);
    if (requests.memoryBytes !== spec.requests.memoryBytes) out.sets.push(`overprovisioner.${i}.requests.memory=${memText(requests.memoryBytes)}`);
  });
}
