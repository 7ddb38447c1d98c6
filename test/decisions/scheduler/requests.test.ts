/**
 * podRequests held to component-helpers' own tables (staging/src/k8s.io/component-helpers/
 * resource/helpers_test.go: TestPodRequestsAndLimits, TestPodRequestsAndLimitsWithoutOverhead,
 * TestPodResourceRequests and TestPodLevelResourceRequests, the spec-only cases), in millicores and
 * bytes. Two differences are the API server's doing, not the helper's: a limit given without a
 * request has already been copied into the request (SetDefaults_Pod), and overhead is always
 * counted (the scheduler never asks for ExcludeOverhead).
 */
import { describe, it, expect } from 'vitest';
import { podLimits, podRequests, type ContainerResources, type PodResources } from '../../../src/decisions/scheduler/requests.ts';

const Mi = 2 ** 20;
const Gi = 2 ** 30;
const req = (cpuMilli?: number, memoryBytes?: number): ContainerResources => ({ requests: { cpuMilli, memoryBytes } });
const sidecar = (cpuMilli?: number, memoryBytes?: number): ContainerResources => ({ ...req(cpuMilli, memoryBytes), restartPolicy: 'Always' });

function filterView(pod: PodResources): { cpu: number; memory: number } {
  const r = podRequests(pod);
  return { cpu: r.cpuMilli, memory: r.memoryBytes };
}

describe('TestPodRequestsAndLimits (requests)', () => {
  it.each<[string, PodResources, number, number]>([
    // the helper sees no request; the API server has already made the 9-core limit the request
    ['just-limit-no-overhead', { containers: [{ limits: { cpuMilli: 9000 } }] }, 9000, 0],
    ['just-overhead', { containers: [{}], overhead: { cpuMilli: 5000, memoryBytes: 5 } }, 5000, 5],
    // 1 + 5 cores, 10 + 5 bytes
    ['req-and-overhead', { containers: [req(1000, 10)], overhead: { cpuMilli: 5000, memoryBytes: 5 } }, 6000, 15],
    [
      'all-req-lim-and-overhead',
      { containers: [{ requests: { cpuMilli: 1000, memoryBytes: 10 }, limits: { cpuMilli: 2000, memoryBytes: 12 } }], overhead: { cpuMilli: 5000, memoryBytes: 5 } },
      6000,
      15,
    ],
    [
      'req-some-lim-and-overhead',
      { containers: [{ requests: { cpuMilli: 1000, memoryBytes: 10 }, limits: { cpuMilli: 2000 } }], overhead: { cpuMilli: 5000, memoryBytes: 5 } },
      6000,
      15,
    ],
  ])('%s', (_name, pod, cpu, memory) => expect(filterView(pod)).toEqual({ cpu, memory }));
});

describe('TestPodRequestsAndLimitsWithoutOverhead (with the overhead counted, as the scheduler counts it)', () => {
  const two = [
    { requests: { cpuMilli: 1000, memoryBytes: 5 }, limits: { cpuMilli: 2000, memoryBytes: 10 } },
    { requests: { cpuMilli: 4000, memoryBytes: 12 }, limits: { cpuMilli: 8000, memoryBytes: 24 } },
  ];
  const overhead = { cpuMilli: 3000, memoryBytes: 8 };
  it.each<[string, PodResources, number, number]>([
    // 1 + 4 cores, 5 + 12 bytes
    ['two container no overhead - should just be sum of containers', { containers: two }, 5000, 17],
    // upstream leaves the overhead out here (ExcludeOverhead): 5 and 17; with it 8 and 25
    ['two container with overhead', { containers: two, overhead }, 8000, 25],
    // the big init container (40 cores, 120 bytes) outweighs the containers (5, 17); + overhead
    [
      'two container with overhead, massive init - should just be the largest init',
      { containers: two, initContainers: [req(1000, 5), req(40_000, 120)], overhead },
      43_000,
      128,
    ],
  ])('%s', (_name, pod, cpu, memory) => expect(filterView(pod)).toEqual({ cpu, memory }));
});

describe('TestPodResourceRequests (spec only)', () => {
  it.each<[string, PodResources, number, number]>([
    ['nil options, larger init container', { initContainers: [req(4000)], containers: [req(1000)] }, 4000, 0],
    ['nil options, larger containers', { initContainers: [req(2000)], containers: [req(2000), req(3000)] }, 5000, 0],
    // max(2, 2 + 3) + 1 cores; 0 + 1Gi
    ['pod overhead included', { initContainers: [req(2000)], containers: [req(2000), req(3000)], overhead: { cpuMilli: 1000, memoryBytes: Gi } }, 6000, Gi],
    // restartable init + regular container: 1 + 1
    ['restartable init container', { initContainers: [sidecar(1000)], containers: [req(1000)] }, 2000, 0],
    // max(5, restartable init containers (3 + 2 + 1) + regular (1)) = 7
    [
      'multiple restartable init containers',
      { initContainers: [req(5000), sidecar(1000), sidecar(2000), sidecar(3000)], containers: [req(1000)] },
      7000,
      0,
    ],
    // init-2 requires 5 + the restartable init containers started before it (1 + 2) = 8; the one after it does not count
    [
      'multiple restartable and regular init containers',
      { initContainers: [req(5000), sidecar(1000), sidecar(2000), req(5000), sidecar(3000)], containers: [req(1000)] },
      8000,
      0,
    ],
    // init-1 (200) runs beside the sidecar (10): 210 > 10 + 100
    ['restartable-init, init and regular', { initContainers: [sidecar(10_000), req(200_000)], containers: [req(100_000)] }, 210_000, 0],
  ])('%s', (_name, pod, cpu, memory) => expect(filterView(pod)).toEqual({ cpu, memory }));
});

describe('TestPodLevelResourceRequests', () => {
  it.each<[string, PodResources, number, number]>([
    ['pod level memory resource', { containers: [], resources: { requests: { memoryBytes: 2 * Mi } } }, 0, 2 * Mi],
    ['pod level memory and container level cpu resources', { containers: [req(2)], resources: { requests: { memoryBytes: 2 * Mi } } }, 2, 2 * Mi],
    ['only container level resources set', { containers: [req(2, 3 * Mi)] }, 2, 3 * Mi],
    ['both container-level and pod-level resources set', { containers: [req(2, 3 * Mi)], resources: { requests: { cpuMilli: 8, memoryBytes: 6 * Mi } } }, 8, 6 * Mi],
    ['container-level resources and init container set', { containers: [req(2, 3 * Mi)], initContainers: [req(4, 5 * Mi)] }, 4, 5 * Mi],
    // 2 + 4 m, 3 + 5 Mi
    ['container-level resources and sidecar container set', { containers: [req(2, 3 * Mi)], initContainers: [sidecar(4, 5 * Mi)] }, 6, 8 * Mi],
    // the init (8m, 6Mi) runs beside the sidecar (4m, 5Mi): 12m, 11Mi > 6m, 8Mi
    [
      'container-level resources, init and sidecar container set',
      { containers: [req(2, 3 * Mi)], initContainers: [sidecar(4, 5 * Mi), req(8, 6 * Mi)] },
      12,
      11 * Mi,
    ],
    [
      'pod-level resources, container-level resources, init and sidecar container set',
      { containers: [req(2, 3 * Mi)], initContainers: [sidecar(4, 5 * Mi), req(8, 6 * Mi)], resources: { requests: { cpuMilli: 18, memoryBytes: 15 * Mi } } },
      18,
      15 * Mi,
    ],
    // defaultPodRequests: a pod-level limit is the request only where no container asks
    ['pod-level limit, no container asks', { containers: [req(500)], resources: { limits: { cpuMilli: 2000, memoryBytes: Gi } } }, 500, Gi],
  ])('%s', (_name, pod, cpu, memory) => expect(filterView(pod)).toEqual({ cpu, memory }));
});

describe('what scoring charges (NonMissingContainerRequests: 100m and 200Mi per container that names none)', () => {
  it('a missing request is the default, an explicit 0 stays 0, per container and sidecar', () => {
    const r = podRequests({ containers: [{}, req(0, 0)], initContainers: [sidecar(undefined, Mi)] });
    // cpu: 100 (first) + 0 (explicit) + 100 (sidecar); memory: 200Mi + 0 + 1Mi
    expect(r).toEqual({ cpuMilli: 0, memoryBytes: Mi, nonZeroCpuMilli: 200, nonZeroMemoryBytes: 201 * Mi });
  });

  it('pod-level requests and overhead apply to both views', () => {
    const r = podRequests({ containers: [{}], resources: { requests: { cpuMilli: 300 } }, overhead: { cpuMilli: 50, memoryBytes: Mi } });
    expect(r).toEqual({ cpuMilli: 350, memoryBytes: Mi, nonZeroCpuMilli: 350, nonZeroMemoryBytes: 201 * Mi });
  });
});

describe('podLimits: TestPodRequestsAndLimits (limits), and kubelet\'s pod cgroup for a resource some container leaves unlimited', () => {
  const lim = (cpuMilli?: number, memoryBytes?: number, restartPolicy?: string): ContainerResources => ({ limits: { ...(cpuMilli === undefined ? {} : { cpuMilli }), ...(memoryBytes === undefined ? {} : { memoryBytes }) }, restartPolicy });
  it.each<[string, PodResources, { cpuMilli?: number; memoryBytes?: number }]>([
    ['just-limit-no-overhead', { containers: [lim(9000)] }, { cpuMilli: 9000 }],
    // the overhead goes onto the limits that are there: 2 + 5 cores, 12 + 5 bytes
    ['all-req-lim-and-overhead', { containers: [{ requests: { cpuMilli: 1000, memoryBytes: 10 }, limits: { cpuMilli: 2000, memoryBytes: 12 } }], overhead: { cpuMilli: 5000, memoryBytes: 5 } }, { cpuMilli: 7000, memoryBytes: 17 }],
    ['req-some-lim-and-overhead', { containers: [{ requests: { cpuMilli: 1000, memoryBytes: 10 }, limits: { cpuMilli: 2000 } }], overhead: { cpuMilli: 5000, memoryBytes: 5 } }, { cpuMilli: 7000 }],
    // app 1 core + a 0.5-core sidecar run together (1.5); the 3-core init container runs beside the sidecar (3.5): the pod takes 3.5
    ['sidecar and init container', { containers: [lim(1000, Gi)], initContainers: [lim(500, 256 * Mi, 'Always'), lim(3000, 128 * Mi)] }, { cpuMilli: 3500, memoryBytes: Gi + 256 * Mi }],
    // one container without a cpu limit: kubelet sets no cpu quota on the pod (cpuLimitsDeclared false)
    ['one container unlimited', { containers: [lim(1000, Gi), lim(undefined, 64 * Mi)] }, { memoryBytes: Gi + 64 * Mi }],
    // pod-level limits stand for the pod
    ['pod-level', { containers: [lim(1000), {}], resources: { limits: { cpuMilli: 4000, memoryBytes: 2 * Gi } } }, { cpuMilli: 4000, memoryBytes: 2 * Gi }],
  ])('%s', (_name, pod, expected) => expect(podLimits(pod)).toEqual(expected));
});
