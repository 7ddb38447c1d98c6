/**
 * What each provider's node image keeps back from pods: kube-reserved cpu and memory and the
 * kubelet's hard eviction threshold, worked out from the machine as the providers publish it.
 * Allocatable = capacity - kube-reserved - system-reserved (none on these images) - eviction threshold.
 */
import type { InstanceType, Provenance } from './types.ts';

export interface Reservation {
  kubeReservedCpuMilli: number;
  kubeReservedMemoryMiB: number;
  evictionHardMemoryMiB: number;
  cpuRule: Provenance;
  memoryRule: Provenance;
}

/** [upper end of the band, share of the band reserved]; the last band is open-ended. */
type Bands = readonly (readonly [upTo: number, share: number])[];

/**
 * A share of each band of `total`, each band's share rounded down as the EKS bootstrap's integer
 * arithmetic does (awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh,
 * get_resource_to_reserve_in_range).
 */
export function reservedFromBands(total: number, bands: Bands): number {
  let reserved = 0;
  let from = 0;
  for (const [upTo, share] of bands) {
    if (total <= from) break;
    reserved += Math.floor((Math.min(total, upTo) - from) * share);
    from = upTo;
  }
  return reserved;
}

/**
 * 6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25% of every core above
 * four: GKE's published rule (cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes),
 * which the EKS AMIs adopted (bootstrap.sh get_cpu_millicores_to_reserve; nodeadm
 * getCPUMillicoresToReserve). Bands in millicores.
 */
const CORE_BANDS: Bands = [
  [1000, 0.06],
  [2000, 0.01],
  [4000, 0.005],
  [Infinity, 0.0025],
];

/** GKE memory: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above 128 GiB (MiB). */
const GKE_MEMORY_BANDS: Bands = [
  [4096, 0.25],
  [8192, 0.2],
  [16384, 0.1],
  [131072, 0.06],
  [Infinity, 0.02],
];

/** Every image here evicts when less than 100 MiB is free (EKS bootstrap.sh evictionHard; GKE and AKS 1.29+ docs). */
const EVICTION_HARD_MIB = 100;

const CPU_BANDS_RULE = '6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% above';

export function kubeReservedCpuMilliByBands(vcpu: number): number {
  return reservedFromBands(vcpu * 1000, CORE_BANDS);
}

/**
 * EKS (Amazon Linux 2 bootstrap.sh and AL2023 nodeadm): cpu by the core bands; memory 11 MiB per
 * pod of the ENI limit plus 255 MiB (get_memory_mebibytes_to_reserve). The ENI limit is used even
 * when the kubelet's max pods is set lower or higher, as both images work the reservation out
 * before the user's kubelet settings are merged in.
 */
export function eksReservation(type: InstanceType, eniMaxPods: number): Reservation {
  return {
    kubeReservedCpuMilli: kubeReservedCpuMilliByBands(type.vcpu),
    kubeReservedMemoryMiB: 11 * eniMaxPods + 255,
    evictionHardMemoryMiB: EVICTION_HARD_MIB,
    cpuRule: `EKS AMI kube-reserved cpu: ${CPU_BANDS_RULE}`,
    memoryRule: `EKS AMI kube-reserved memory: 11Mi x ${eniMaxPods} pods (the ENI limit) + 255Mi`,
  };
}

/** GKE Standard node pools: cpu by the core bands; memory by GKE's bands, 255 MiB below 1 GiB. */
export function gkeReservation(type: InstanceType): Reservation {
  const small = type.memoryMiB < 1024;
  return {
    kubeReservedCpuMilli: kubeReservedCpuMilliByBands(type.vcpu),
    kubeReservedMemoryMiB: small ? 255 : reservedFromBands(type.memoryMiB, GKE_MEMORY_BANDS),
    evictionHardMemoryMiB: EVICTION_HARD_MIB,
    cpuRule: `GKE kube-reserved cpu: ${CPU_BANDS_RULE}`,
    memoryRule: small
      ? 'GKE kube-reserved memory: 255Mi below 1 GiB'
      : 'GKE kube-reserved memory: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% up to 128 GiB, 2% above',
  };
}

/**
 * AKS's published cpu table (learn.microsoft.com/azure/aks/node-resource-reservations), by cores.
 * From 8 cores on every entry is 180m + 10m per core above 8; other core counts are interpolated
 * between the entries and extrapolated at 10m per core above 64.
 */
const AKS_CPU_TABLE: readonly (readonly [cores: number, milli: number])[] = [
  [1, 60],
  [2, 100],
  [4, 140],
  [8, 180],
  [16, 260],
  [32, 420],
  [64, 740],
];

export function aksKubeReservedCpuMilli(cores: number): number {
  const last = AKS_CPU_TABLE[AKS_CPU_TABLE.length - 1];
  if (cores >= last[0]) return last[1] + 10 * (cores - last[0]);
  if (cores <= AKS_CPU_TABLE[0][0]) return AKS_CPU_TABLE[0][1];
  const i = AKS_CPU_TABLE.findIndex(([c]) => c >= cores);
  const [c0, m0] = AKS_CPU_TABLE[i - 1];
  const [c1, m1] = AKS_CPU_TABLE[i];
  return Math.round(m0 + ((m1 - m0) * (cores - c0)) / (c1 - c0));
}

/**
 * AKS 1.29 and later: memory is the lesser of 20 MiB per pod (the node pool's max pods) plus
 * 50 MiB, and 25% of the machine's memory; the hard eviction threshold is 100 MiB.
 */
export function aksReservation(type: InstanceType, maxPods: number): Reservation {
  const perPod = 20 * maxPods + 50;
  const quarter = Math.floor(type.memoryMiB / 4);
  const listed = AKS_CPU_TABLE.some(([c]) => c === type.vcpu);
  return {
    kubeReservedCpuMilli: aksKubeReservedCpuMilli(type.vcpu),
    kubeReservedMemoryMiB: Math.min(perPod, quarter),
    evictionHardMemoryMiB: EVICTION_HARD_MIB,
    cpuRule: `AKS kube-reserved cpu table${listed ? '' : ' (between its entries: 10m per core above 8)'}`,
    memoryRule:
      perPod <= quarter
        ? `AKS 1.29+ kube-reserved memory: 20Mi x ${maxPods} pods + 50Mi (under 25% of memory)`
        : 'AKS 1.29+ kube-reserved memory: 25% of memory (under 20Mi per pod + 50Mi)',
  };
}
