/**
 * The reservation formulas against the examples the providers publish, with the arithmetic in the
 * comments (cpu in millicores, memory in MiB).
 */
import { describe, expect, it } from 'vitest';
import { aksKubeReservedCpuMilli, aksReservation, eksReservation, findInstanceType, gkeReservation, kubeReservedCpuMilliByBands, nodeShape, type InstanceType } from '../../src/cloud/index.ts';

const machine = (vcpu: number, gib: number, provider: InstanceType['provider'] = 'gcp'): InstanceType => ({ name: `test-${vcpu}-${gib}`, provider, vcpu, memoryMiB: gib * 1024 });
const type = (name: string) => findInstanceType(name)!;

describe('kube-reserved cpu by core bands (GKE, and the EKS AMIs that adopted it)', () => {
  it.each([
    // 6% of the first core
    [1, 60],
    // + 1% of the second
    [2, 70],
    // + 0.5% of the third and fourth: 60 + 10 + 10
    [4, 80],
    // + 0.25% of the four above: 80 + 4000 x 0.0025 = 90, so 7910m of 8 cores (the default scenario's figure)
    [8, 90],
    // 80 + 12000 x 0.0025 = 110
    [16, 110],
    // 80 + 92000 x 0.0025 = 310
    [96, 310],
  ])('%i cores keep %im', (cores, milli) => {
    expect(kubeReservedCpuMilliByBands(cores)).toBe(milli);
  });

  it('leaves an 8-vCPU m5.2xlarge 7910m allocatable, as the default scenario says', () => {
    expect(nodeShape(type('m5.2xlarge')).allocatable.cpuMilli).toBe(7910);
  });
});

describe('EKS kube-reserved memory: 11Mi per pod of the ENI limit + 255Mi', () => {
  it('m5.2xlarge (58 pods): 11 x 58 + 255 = 893Mi, and 100Mi for eviction', () => {
    const r = eksReservation(type('m5.2xlarge'), 58);
    expect(r.kubeReservedMemoryMiB).toBe(893);
    expect(r.evictionHardMemoryMiB).toBe(100);
    // 32768 - 893 - 100 = 31775Mi
    expect(nodeShape(type('m5.2xlarge')).allocatable).toEqual({ cpuMilli: 7910, memoryBytes: 31775 * 2 ** 20, pods: 58 });
  });

  it('keeps the ENI limit in the reservation when the pod limit is set otherwise, as the AMIs do', () => {
    const shape = nodeShape(type('m5.large'), 110);
    expect(shape.allocatable.pods).toBe(110);
    // m5.large: 3 x (10 - 1) + 2 = 29 pods -> 11 x 29 + 255 = 574Mi
    expect(shape.reserved.kubeMemoryBytes).toBe(574 * 2 ** 20);
    expect(shape.from.pods).toBe('scenario');
  });
});

describe('GKE kube-reserved memory bands', () => {
  it.each([
    // below 1 GiB: a flat 255Mi
    [0.5, 255],
    // 25% of 4096
    [4, 1024],
    // 1024 + 20% of 4096 (819.2 -> 819)
    [8, 1843],
    // 1843 + 10% of 8192 (819.2 -> 819)
    [16, 2662],
    // 2662 + 6% of 16384 (983.04 -> 983)
    [32, 3645],
    // 2662 + 6% of 114688 (6881.28 -> 6881) + 2% of 22528 (450.56 -> 450) = 9993Mi, 9.76 GiB of 150
    [150, 9993],
  ])('%d GiB keeps %iMi', (gib, mib) => {
    expect(gkeReservation(machine(2, gib)).kubeReservedMemoryMiB).toBe(mib);
  });

  it('e2-standard-8: 7910m and 32768 - 3645 - 100 = 29023Mi, 110 pods', () => {
    expect(nodeShape(type('e2-standard-8')).allocatable).toEqual({ cpuMilli: 7910, memoryBytes: 29023 * 2 ** 20, pods: 110 });
  });
});

describe('AKS reservations', () => {
  it.each([
    // the published table, entry by entry
    [1, 60],
    [2, 100],
    [4, 140],
    [8, 180],
    [16, 260],
    [32, 420],
    [64, 740],
    // between entries: 180 + 10 x (20 - 8), 180 + 10 x (48 - 8); beyond: 740 + 10 x 32
    [20, 300],
    [48, 580],
    [96, 1060],
  ])('%i cores keep %im', (cores, milli) => {
    expect(aksKubeReservedCpuMilli(cores)).toBe(milli);
  });

  it('memory, the published examples: 8 GB and 30 pods keep 20 x 30 + 50 = 650Mi', () => {
    expect(aksReservation(machine(2, 8, 'azure'), 30).kubeReservedMemoryMiB).toBe(650);
    // and the page's allocatable: 8 GB - 0.65 GB - 0.1 GB eviction threshold = 7.25 GB (8192 - 650 - 100 MiB)
    expect(nodeShape(machine(2, 8, 'azure'), 30).allocatable.memoryBytes).toBe(7442 * 2 ** 20);
  });

  // the page works in decimal-looking round figures (25% of 4 GB = 1000 MB); in MiB the rule gives 1024Mi
  it('4 GB and 70 pods keep 25% (1024Mi), less than 20 x 70 + 50 = 1450Mi', () => {
    const r = aksReservation(machine(2, 4, 'azure'), 70);
    expect(r.kubeReservedMemoryMiB).toBe(1024);
    expect(r.memoryRule).toMatch(/25% of memory/);
  });

  it('Standard_D8s_v5 with the kubelet default of 110 pods: 7820m, 32768 - 2250 - 100 = 30418Mi', () => {
    expect(nodeShape(type('Standard_D8s_v5')).allocatable).toEqual({ cpuMilli: 7820, memoryBytes: 30418 * 2 ** 20, pods: 110 });
    // the pool's own max pods drives the memory rule: 20 x 30 + 50 = 650Mi
    expect(nodeShape(type('Standard_D8s_v5'), 30).allocatable.memoryBytes).toBe((32768 - 650 - 100) * 2 ** 20);
  });
});
