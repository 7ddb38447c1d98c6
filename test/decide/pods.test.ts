import { describe, expect, it } from 'vitest';
import { parseNode, parsePod } from '../../src/decide/pods.ts';
import { HeadroomError } from '../../src/errors.ts';

const Mi = 2 ** 20;
const Gi = 2 ** 30;

describe('parsePod requests', () => {
  it.each([
    {
      what: 'one requests map: a missing memory request is 0 to the filter, 200Mi to scoring',
      raw: { name: 'p', requests: { cpu: '500m' } },
      want: { cpuMilli: 500, memoryBytes: 0, nonZeroCpuMilli: 500, nonZeroMemoryBytes: 200 * Mi },
    },
    {
      what: 'numbers are cores and bytes',
      raw: { name: 'p', requests: { cpu: 1.5, memory: 1e9 } },
      want: { cpuMilli: 1500, memoryBytes: 1e9, nonZeroCpuMilli: 1500, nonZeroMemoryBytes: 1e9 },
    },
    {
      what: 'an explicit zero stays zero for scoring too',
      raw: { name: 'p', requests: { cpu: 0, memory: 0 } },
      want: { cpuMilli: 0, memoryBytes: 0, nonZeroCpuMilli: 0, nonZeroMemoryBytes: 0 },
    },
    {
      what: 'an empty requests map is a best-effort pod',
      raw: { name: 'p', requests: {} },
      want: { cpuMilli: 0, memoryBytes: 0, nonZeroCpuMilli: 100, nonZeroMemoryBytes: 200 * Mi },
    },
    {
      // containers: cpu 1000 + (missing) = 1000, nonzero 1000 + 100 = 1100;
      // memory (missing) + 1Gi = 1Gi, nonzero 200Mi + 1Gi = 1224Mi
      what: 'containers add up, defaults per container that leaves a request out',
      raw: { name: 'p', containers: [{ requests: { cpu: '1' } }, { requests: { memory: '1Gi' } }] },
      want: { cpuMilli: 1000, memoryBytes: Gi, nonZeroCpuMilli: 1100, nonZeroMemoryBytes: 1224 * Mi },
    },
    {
      // cpu max(250 + 250, 2000) = 2000; memory max(128Mi + 128Mi, 64Mi) = 256Mi;
      // nonzero memory max(256Mi, 64Mi, 200Mi (second init container names none)) = 256Mi
      what: 'the pod needs the larger of the containers sum and the largest init container',
      raw: {
        name: 'p',
        containers: [{ requests: { cpu: '250m', memory: '128Mi' } }, { requests: { cpu: '250m', memory: '128Mi' } }],
        initContainers: [{ requests: { cpu: 2, memory: '64Mi' } }, { requests: { cpu: '100m' } }],
      },
      want: { cpuMilli: 2000, memoryBytes: 256 * Mi, nonZeroCpuMilli: 2000, nonZeroMemoryBytes: 256 * Mi },
    },
    {
      // the init container's missing memory counts 200Mi for scoring, above the 100Mi of the app
      what: 'an init container without memory raises only the non-zero memory',
      raw: { name: 'p', containers: [{ requests: { cpu: '100m', memory: '100Mi' } }], initContainers: [{ requests: { cpu: '50m' } }] },
      want: { cpuMilli: 100, memoryBytes: 100 * Mi, nonZeroCpuMilli: 100, nonZeroMemoryBytes: 200 * Mi },
    },
    {
      // sidecar 50m beside the app's 500m; the migration (1 cpu) runs after the sidecar started:
      // max(500 + 50, 1000 + 50) = 1050m; memory max(512 + 64, 64) = 576Mi; + overhead 250m, 120Mi
      what: 'a sidecar (restartPolicy Always) and the RuntimeClass overhead',
      raw: {
        name: 'p',
        containers: [{ requests: { cpu: '500m', memory: '512Mi' } }],
        initContainers: [{ restartPolicy: 'Always', requests: { cpu: '50m', memory: '64Mi' } }, { requests: { cpu: 1 } }],
        overhead: { cpu: '250m', memory: '120Mi' },
      },
      want: { cpuMilli: 1300, memoryBytes: 696 * Mi },
    },
    {
      what: 'a limit stands in for a missing request, pod-level requests win',
      raw: { name: 'p', containers: [{ limits: { cpu: 2, memory: '1Gi' } }, { requests: { cpu: 1 } }], resources: { requests: { memory: '3Gi' } } },
      want: { cpuMilli: 3000, memoryBytes: 3 * Gi },
    },
  ])('$what', ({ raw, want }) => {
    expect(parsePod(raw, 'pod')).toMatchObject(want);
  });

  it('fills defaults and reads the rest', () => {
    expect(parsePod({ name: 'p', requests: {} }, 'pod')).toMatchObject({
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      labels: {},
      startTime: 0,
      uid: -1,
    });
    expect(parsePod({ name: 'p', requests: {} }, 'pod', { nowSec: 500 }).startTime).toBe(500);
    const p = parsePod(
      { name: 'p', priority: -1, preemptionPolicy: 'Never', labels: { app: 'x' }, startTime: 12, requests: {} },
      'pod',
    );
    expect(p).toMatchObject({ priority: -1, preemptionPolicy: 'Never', labels: { app: 'x' }, startTime: 12 });
  });
});

describe('parseNode', () => {
  it('sums the pods bound to it and defaults the pod limit to 110', () => {
    const n = parseNode(
      {
        name: 'n1',
        allocatable: { cpu: '4', memory: '16Gi' },
        pods: [
          { name: 'a', requests: { cpu: '1', memory: '1Gi' } },
          { name: 'b', requests: { cpu: '500m' } },
        ],
      },
      'nodes.0',
    );
    expect(n).toMatchObject({
      name: 'n1',
      allocCpuMilli: 4000,
      allocMemoryBytes: 16 * Gi,
      allocPods: 110,
      reqCpuMilli: 1500,
      reqMemoryBytes: Gi,
      nonZeroReqCpuMilli: 1500,
      nonZeroReqMemoryBytes: Gi + 200 * Mi,
    });
    expect(n.pods.map((p) => p.name)).toEqual(['a', 'b']);
    expect(parseNode({ name: 'n', allocatable: { cpu: 1, memory: 1, pods: 3 } }, 'n').allocPods).toBe(3);
  });
});

describe('input errors name the field', () => {
  const cases: { what: string; run: () => unknown; path: string; msg: RegExp }[] = [
    { what: 'no requests, no containers', run: () => parsePod({ name: 'p' }, 'pod'), path: 'pod', msg: /requests .* or containers/ },
    { what: 'both forms', run: () => parsePod({ name: 'p', requests: {}, containers: [{}] }, 'pod'), path: 'pod', msg: /not both/ },
    { what: 'empty containers', run: () => parsePod({ name: 'p', containers: [] }, 'pod'), path: 'pod.containers', msg: /at least one/ },
    { what: 'bad cpu', run: () => parsePod({ name: 'p', requests: { cpu: 'lots' } }, 'pod'), path: 'pod.requests.cpu', msg: /not a Kubernetes quantity/ },
    { what: 'negative memory', run: () => parsePod({ name: 'p', containers: [{ requests: { memory: -1 } }] }, 'pod'), path: 'pod.containers.0.requests.memory', msg: /negative/ },
    { what: 'unknown request key', run: () => parsePod({ name: 'p', requests: { gpu: 1 } }, 'pod'), path: 'pod.requests.gpu', msg: /unknown key/ },
    { what: 'missing name', run: () => parsePod({ requests: {} }, 'pod'), path: 'pod.name', msg: /name/ },
    { what: 'fractional priority', run: () => parsePod({ name: 'p', priority: 1.5, requests: {} }, 'pod'), path: 'pod.priority', msg: /whole number/ },
    { what: 'bad policy', run: () => parsePod({ name: 'p', preemptionPolicy: 'Sometimes', requests: {} }, 'pod'), path: 'pod.preemptionPolicy', msg: /Never/ },
    { what: 'label not a string', run: () => parsePod({ name: 'p', labels: { a: 1 }, requests: {} }, 'pod'), path: 'pod.labels.a', msg: /string/ },
    { what: 'startTime not a number', run: () => parsePod({ name: 'p', startTime: 'soon', requests: {} }, 'pod'), path: 'pod.startTime', msg: /number/ },
    { what: 'bad allocatable cpu', run: () => parseNode({ name: 'n', allocatable: { cpu: 'x', memory: 1 } }, 'nodes.2'), path: 'nodes.2.allocatable.cpu', msg: /quantity/ },
    { what: 'missing allocatable memory', run: () => parseNode({ name: 'n', allocatable: { cpu: 1 } }, 'nodes.0'), path: 'nodes.0.allocatable.memory', msg: /required/ },
    { what: 'fractional pod limit', run: () => parseNode({ name: 'n', allocatable: { cpu: 1, memory: 1, pods: 2.5 } }, 'nodes.0'), path: 'nodes.0.allocatable.pods', msg: /whole/ },
    { what: 'bad pod on a node', run: () => parseNode({ name: 'n', allocatable: { cpu: 1, memory: 1 }, pods: [{ name: 'a' }] }, 'nodes.1'), path: 'nodes.1.pods.0', msg: /requests/ },
    { what: 'duplicate pod on a node', run: () => parseNode({ name: 'n', allocatable: { cpu: 1, memory: 1 }, pods: [{ name: 'a', requests: {} }, { name: 'a', requests: {} }] }, 'nodes.0'), path: 'nodes.0.pods.1.name', msg: /twice/ },
    { what: 'node not an object', run: () => parseNode([], 'nodes.3'), path: 'nodes.3', msg: /a node/ },
    {
      what: 'a sidecar policy other than Always',
      run: () => parsePod({ name: 'p', containers: [{}], initContainers: [{ restartPolicy: 'OnFailure' }] }, 'pod'),
      path: 'pod.initContainers.0.restartPolicy',
      msg: /only be Always/,
    },
    { what: 'restartPolicy on an app container', run: () => parsePod({ name: 'p', containers: [{ restartPolicy: 'Always' }] }, 'pod'), path: 'pod.containers.0.restartPolicy', msg: /unknown key/ },
    { what: 'bad overhead', run: () => parsePod({ name: 'p', requests: {}, overhead: { cpu: 'x' } }, 'pod'), path: 'pod.overhead.cpu', msg: /quantity/ },
  ];
  it.each(cases)('$what', ({ run, path, msg }) => {
    let err: unknown;
    try {
      run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeadroomError);
    expect((err as HeadroomError).code).toBe('input');
    expect((err as HeadroomError).path).toBe(path);
    expect((err as HeadroomError).message).toMatch(msg);
  });
});
