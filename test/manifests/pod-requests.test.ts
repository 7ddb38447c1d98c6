import { describe, expect, it } from 'vitest';
import { podRequests } from '../../src/manifests/pod-requests.ts';
import type { RawContainer, RawPodSpec } from '../../src/manifests/schema.ts';

const Mi = 2 ** 20;
const c = (cpu?: string, memory?: string, extra: Partial<RawContainer> = {}): RawContainer => ({
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
  ...extra,
});
const sidecar = (cpu: string, memory: string) => c(cpu, memory, { restartPolicy: 'Always' });
const spec = (s: Partial<RawPodSpec>): RawPodSpec => ({ containers: [], ...s }) as RawPodSpec;

describe('podRequests: a pod\'s effective requests as kube-scheduler computes them', () => {
  it.each([
    ['one container', spec({ containers: [c('500m', '512Mi')] }), 500, 512 * Mi],
    // 500m + 100m + 20m; 512 + 128 + 32 Mi
    ['containers add up', spec({ containers: [c('500m', '512Mi'), c('100m', '128Mi'), c('20m', '32Mi')] }), 620, 672 * Mi],
    // a container without requests counts 0 (the Fit filter's view)
    ['a container with no requests adds nothing', spec({ containers: [c('500m', '512Mi'), {}] }), 500, 512 * Mi],
    // limits only: the API server copies them into requests
    ['a limit stands in for a missing request', spec({ containers: [{ resources: { limits: { cpu: '1', memory: '2Gi' } } }] }), 1000, 2048 * Mi],
    ['a request beats its limit', spec({ containers: [{ resources: { requests: { cpu: '250m' }, limits: { cpu: '1' } } }] }), 250, 0],
    // init 1 cpu runs alone: max(500m, 1000m) = 1000m; memory max(512Mi, 256Mi) = 512Mi
    ['an init container reserves its peak', spec({ containers: [c('500m', '512Mi')], initContainers: [c('1', '256Mi')] }), 1000, 512 * Mi],
    // two inits run one after the other: the largest of each resource, max(300, 200)m and max(100, 900)Mi
    ['init containers: the largest of each', spec({ containers: [c('100m', '100Mi')], initContainers: [c('300m', '100Mi'), c('200m', '900Mi')] }), 300, 900 * Mi],
    // sidecar 50m runs beside the app: 500 + 50 = 550m; memory 512 + 64 = 576Mi
    ['a sidecar adds to the app containers', spec({ containers: [c('500m', '512Mi')], initContainers: [sidecar('50m', '64Mi')] }), 550, 576 * Mi],
    // sidecar (50m) started before migrate (1 cpu): migrate needs 1000 + 50 = 1050m;
    // containers 500 + 100 + sidecar 50 = 650m; the pod: max(650, 1050) = 1050m.
    // memory: 512 + 128 + 64 = 704Mi vs 256 + 64 = 320Mi -> 704Mi
    [
      'an init after a sidecar runs beside it',
      spec({ containers: [c('500m', '512Mi'), c('100m', '128Mi')], initContainers: [sidecar('50m', '64Mi'), c('1', '256Mi')] }),
      1050,
      704 * Mi,
    ],
    // init before the sidecar runs alone: max(1000, 500 + 50) = 1000m
    ['an init before a sidecar runs alone', spec({ containers: [c('500m')], initContainers: [c('1'), sidecar('50m', '64Mi')] }), 1000, 64 * Mi],
    // overhead (RuntimeClass) on top: 500m + 250m, 512Mi + 120Mi
    ['overhead is added', spec({ containers: [c('500m', '512Mi')], overhead: { cpu: '250m', memory: '120Mi' } }), 750, 632 * Mi],
    // pod-level requests replace the containers' sum for that resource (memory keeps the sum)
    ['pod-level requests win', spec({ containers: [c('500m', '512Mi'), c('500m', '512Mi')], resources: { requests: { cpu: '800m' } } }), 800, 1024 * Mi],
    // pod-level limit stands in only where no container asks for the resource
    ['a pod-level limit, when no container asks', spec({ containers: [c('500m')], resources: { limits: { cpu: '2', memory: '1Gi' } } }), 500, 1024 * Mi],
    ['numbers are cores', spec({ containers: [{ resources: { requests: { cpu: 0.5, memory: 1e9 } } }] }), 500, 1e9],
  ])('%s', (_what, s, cpuMilli, memoryBytes) => {
    expect(podRequests(s)).toEqual({ cpuMilli, memoryBytes });
  });
});
