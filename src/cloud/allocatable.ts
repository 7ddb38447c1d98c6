/**
 * A node's allocatable from its machine type: the catalogue's capacity less the provider's
 * reservations, and its pod limit, each with where it came from. Explicit values in a scenario
 * win over these; this only fills in what the scenario leaves out.
 */
import { aksReservation, eksReservation, gkeReservation, type Reservation } from './reservations.ts';
import type { InstanceType, Provenance } from './types.ts';

const MIB = 2 ** 20;

/** GKE Standard's default max pods per node, and AKS's with kubenet (both the kubelet's own default). */
const GKE_DEFAULT_MAX_PODS = 110;
const AKS_KUBENET_DEFAULT_MAX_PODS = 110;

export interface NodeShape {
  instanceType: string;
  provider: InstanceType['provider'];
  capacity: { cpuMilli: number; memoryBytes: number };
  reserved: { kubeCpuMilli: number; kubeMemoryBytes: number; evictionMemoryBytes: number };
  allocatable: { cpuMilli: number; memoryBytes: number; pods: number };
  from: { cpuMilli: Provenance; memoryBytes: Provenance; pods: Provenance };
}

/** The VPC CNI's limit: every interface but its first address, plus two host-network pods (eni-max-pods.txt). */
export function eniMaxPods(type: InstanceType): number | undefined {
  return type.enis && type.enis.count * (type.enis.ipv4PerEni - 1) + 2;
}

/** `pods`: the node group's own pod limit, when it gives one (it also drives AKS's memory rule). */
export function nodeShape(type: InstanceType, pods?: number): NodeShape {
  const defaultPods = defaultMaxPods(type);
  const maxPods = pods ?? defaultPods.pods;
  const r = reservation(type, maxPods, defaultPods.pods);
  const memoryBytes = type.memoryMiB * MIB;
  const reserved = {
    kubeCpuMilli: r.kubeReservedCpuMilli,
    kubeMemoryBytes: r.kubeReservedMemoryMiB * MIB,
    evictionMemoryBytes: r.evictionHardMemoryMiB * MIB,
  };
  return {
    instanceType: type.name,
    provider: type.provider,
    capacity: { cpuMilli: type.vcpu * 1000, memoryBytes },
    reserved,
    allocatable: {
      cpuMilli: type.vcpu * 1000 - reserved.kubeCpuMilli,
      memoryBytes: memoryBytes - reserved.kubeMemoryBytes - reserved.evictionMemoryBytes,
      pods: maxPods,
    },
    from: {
      cpuMilli: `${type.name}: ${type.vcpu} vCPU less ${r.kubeReservedCpuMilli}m (${r.cpuRule})`,
      memoryBytes:
        `${type.name}: ${type.memoryMiB / 1024} GiB less ${r.kubeReservedMemoryMiB}Mi (${r.memoryRule}) ` +
        `and the ${r.evictionHardMemoryMiB}Mi hard eviction threshold`,
      pods: pods === undefined ? defaultPods.from : 'scenario',
    },
  };
}

function defaultMaxPods(type: InstanceType): { pods: number; from: Provenance } {
  const eni = eniMaxPods(type);
  if (eni !== undefined) {
    return { pods: eni, from: `${type.name}: ${type.enis!.count} ENIs x (${type.enis!.ipv4PerEni} IPv4 - 1) + 2 (EKS eni-max-pods.txt)` };
  }
  if (type.provider === 'gcp') return { pods: GKE_DEFAULT_MAX_PODS, from: 'GKE Standard default max pods per node' };
  return { pods: AKS_KUBENET_DEFAULT_MAX_PODS, from: 'AKS default max pods with kubenet (Azure CNI defaults to 30, overlay to 250: give pods)' };
}

function reservation(type: InstanceType, maxPods: number, eniPods: number): Reservation {
  if (type.provider === 'aws') return eksReservation(type, eniPods);
  if (type.provider === 'gcp') return gkeReservation(type);
  return aksReservation(type, maxPods);
}
