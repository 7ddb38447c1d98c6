/**
 * Karpenter's provisioner for one batch of pods (kubernetes-sigs/karpenter
 * pkg/controllers/provisioning/scheduling/scheduler.go Solve): pods by cpu then memory,
 * largest first; each goes to the first existing node it fits, else the first node still
 * launching it fits, else the first NodeClaim of this batch that can take it too, else a new
 * NodeClaim of the first NodePool (heaviest first) with an offering that can hold it within the
 * pool's limits (a new claim takes its largest option off them). A NodeClaim keeps every instance type option that still holds all its pods and
 * launches the cheapest of them, spot first when allowed (offering.ts); an offering whose launch
 * failed lately is not an option (the unavailable-offerings cache).
 */
import { emptyNodeUsage, templateAdmits } from '../autoscaler/estimator/template.ts';
import { runFilters } from '../scheduler/filters.ts';
import { addPod, cloneNodeInfo } from '../scheduler/nodeinfo.ts';
import { SUCCESS } from '../scheduler/plugins/noderesources/fit.ts';
import type { NodeInfo, PodInfo } from '../scheduler/types.ts';
import { cheapestLaunchable, type Offering } from './offering.ts';

export interface ProvisioningPool {
  name: string;
  /** what the pool may still add: its limits less the allocatable of its nodes (Ready and launching) */
  remaining: { cpuMilli: number; memoryBytes: number };
  /** indices into the snapshot's offerings */
  offerings: readonly number[];
}

export interface ProvisioningSnapshot {
  /** pods that need a node: pending and unschedulable, and those on nodes being deleted */
  pods: readonly PodInfo[];
  /** Ready nodes that take pods, with what runs on them */
  nodes: readonly NodeInfo[];
  /** nodes launched and not yet Ready, with the DaemonSet pods they will run */
  launching: readonly NodeInfo[];
  /** heaviest first */
  pools: readonly ProvisioningPool[];
  offerings: readonly Offering[];
  /** offerings in the unavailable-offerings cache */
  unavailable: ReadonlySet<number>;
}

export interface NodeClaimPlan {
  pool: number;
  /** the offering launched */
  offering: number;
  pods: PodInfo[];
}

export interface ProvisioningPlan {
  claims: NodeClaimPlan[];
  /** pods that no node, launching node or NodeClaim can take */
  unschedulable: PodInfo[];
}

interface OpenClaim {
  pool: number;
  options: number[];
  cpuMilli: number;
  memoryBytes: number;
  pods: PodInfo[];
}

/** kubernetes-sigs/karpenter scheduling/queue.go: cpu, then memory, descending (ties keep arrival order). */
const byResourcesDescending = (a: PodInfo, b: PodInfo): number => b.cpuMilli - a.cpuMilli || b.memoryBytes - a.memoryBytes;

export function planProvisioning(s: ProvisioningSnapshot): ProvisioningPlan {
  const nodes = s.nodes.map(cloneNodeInfo);
  const launching = s.launching.map(cloneNodeInfo);
  const claims: OpenClaim[] = [];
  const unschedulable: PodInfo[] = [];
  const remaining = s.pools.map((p) => ({ ...p.remaining }));
  for (const pod of s.pods.slice().sort(byResourcesDescending)) {
    if (placeOn(pod, nodes) || placeOn(pod, launching)) continue;
    if (claims.some((c) => addToClaim(c, pod, s.offerings))) continue;
    const claim = openClaim(pod, s, remaining);
    if (claim) claims.push(claim);
    else unschedulable.push(pod);
  }
  const out = claims.map((c) => ({ pool: c.pool, offering: cheapestLaunchable(c.options, s.offerings), pods: c.pods }));
  return { claims: out, unschedulable };
}

function placeOn(pod: PodInfo, nodes: NodeInfo[]): boolean {
  for (const n of nodes) {
    if (runFilters(pod, n) !== SUCCESS) continue;
    addPod(n, pod);
    return true;
  }
  return false;
}

/** Can this offering hold these requests (plus its DaemonSet pods) and the pod's placement? */
export function offeringHolds(o: Offering, pod: PodInfo, cpuMilli: number, memoryBytes: number, pods: number): boolean {
  const t = o.template;
  const ds = emptyNodeUsage(t);
  if (ds.cpuMilli + cpuMilli > t.allocCpuMilli || ds.memoryBytes + memoryBytes > t.allocMemoryBytes || ds.pods + pods > t.allocPods) return false;
  return templateAdmits(t, pod);
}

function addToClaim(c: OpenClaim, pod: PodInfo, offerings: readonly Offering[]): boolean {
  const cpu = c.cpuMilli + pod.cpuMilli;
  const mem = c.memoryBytes + pod.memoryBytes;
  const options = c.options.filter((o) => offeringHolds(offerings[o], pod, cpu, mem, c.pods.length + 1));
  if (options.length === 0) return false;
  c.options = options;
  c.cpuMilli = cpu;
  c.memoryBytes = mem;
  c.pods.push(pod);
  return true;
}

function openClaim(pod: PodInfo, s: ProvisioningSnapshot, remaining: { cpuMilli: number; memoryBytes: number }[]): OpenClaim | null {
  for (let p = 0; p < s.pools.length; p++) {
    const options = s.pools[p].offerings.filter(
      (o) => !s.unavailable.has(o) && withinLimits(s.offerings[o], remaining[p]) && offeringHolds(s.offerings[o], pod, pod.cpuMilli, pod.memoryBytes, 1),
    );
    if (options.length === 0) continue;
    // scheduler.go: a new NodeClaim takes the largest of its options off the pool's limits, whichever it launches
    let cpu = 0;
    let mem = 0;
    for (const o of options) {
      cpu = Math.max(cpu, s.offerings[o].template.allocCpuMilli);
      mem = Math.max(mem, s.offerings[o].template.allocMemoryBytes);
    }
    remaining[p].cpuMilli -= cpu;
    remaining[p].memoryBytes -= mem;
    return { pool: p, options, cpuMilli: pod.cpuMilli, memoryBytes: pod.memoryBytes, pods: [pod] };
  }
  return null;
}

function withinLimits(o: Offering, left: { cpuMilli: number; memoryBytes: number }): boolean {
  return o.template.allocCpuMilli <= left.cpuMilli && o.template.allocMemoryBytes <= left.memoryBytes;
}
