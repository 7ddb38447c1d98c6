import { describe, expect, it } from 'vitest';
import { load, minimal } from './fixture.ts';

describe('defaults of a minimal scenario', () => {
  const s = load(minimal());
  const cluster = s.clusters[0];
  const w = s.workloads[0];

  it.each([
    ['name (from the file name)', s.name, 'scenario'],
    ['seed', s.seed, 1],
    ['duration 1h', s.durationSec, 3600],
    ['step 10s', s.stepSec, 10],
    ['one cluster named default', s.clusters.map((c) => c.name), ['default']],
    ['currency', s.currency, 'USD'],
    ['serving model', s.serving, { model: 'fluid' }],
    ['slo p99 250ms, 0.1% errors', s.slo, { latencyP99Sec: 0.25, errorRate: 0.001 }],
    ['routing: equal weights, no shifts', s.routing, { weights: { default: 1 }, shifts: [], outages: [] }],
    ['no priority classes', s.priorityClasses, []],
  ])('%s', (_what, got, want) => expect(got).toEqual(want));

  it('fills node group defaults: kubelet max pods 110, min 0, initial = min unless given', () => {
    expect(cluster.nodeGroups[0]).toEqual({
      name: 'general',
      allocatable: { cpuMilli: 4000, memoryBytes: 16 * 2 ** 30, pods: 110 },
      pricePerHour: 0.2,
      min: 0,
      max: 10,
      initial: 2,
      provisioningDelay: { kind: 'fixed', sec: 60 },
      expanderPriority: 0,
    });
    const raw = minimal();
    delete raw.nodeGroups[0].initial;
    raw.nodeGroups[0].min = 1;
    raw.workloads = [];
    expect(load(raw).clusters[0].nodeGroups[0].initial).toBe(1);
  });

  it('fills workload defaults: priority 0, grace 30s, one replica, no startup delay', () => {
    expect(w).toEqual({
      name: 'web',
      priorityClass: '',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      requests: { cpuMilli: 500, memoryBytes: 512 * 2 ** 20 },
      serviceTime: { meanSec: 0.05, dist: 'exponential' },
      concurrency: 1,
      timeoutSec: 30,
      startupDelay: { kind: 'fixed', sec: 0 },
      terminationGracePeriodSec: 30,
      replicas: 1,
      traffic: { kind: 'none' },
      labels: {},
    });
    expect(cluster.replicas).toEqual({ web: 1 });
  });

  it('fills the cluster-autoscaler flag defaults', () => {
    expect(cluster.clusterAutoscaler).toEqual({
      scanIntervalSec: 10,
      expanders: ['random'],
      scaleDownEnabled: true,
      scaleDownUnneededTimeSec: 600,
      scaleDownUtilizationThreshold: 0.5,
      scaleDownDelayAfterAddSec: 600,
      scaleDownDelayAfterDeleteSec: 10, // = scanInterval
      scaleDownDelayAfterFailureSec: 180,
      maxNodeProvisionTimeSec: 900,
      maxNodesTotal: 1_000_000_000, // 0 = unlimited
      maxNodesPerScaleUp: 1000,
      maxEmptyBulkDelete: 10,
      expendablePodsPriorityCutoff: -10,
      newPodScaleUpDelaySec: 0,
    });
  });

  it('scaleDownDelayAfterDelete follows a changed scanInterval; maxNodesTotal 0 means unlimited', () => {
    const raw = minimal();
    raw.clusterAutoscaler = { scanInterval: '30s', maxNodesTotal: 0 };
    const ca = load(raw).clusters[0].clusterAutoscaler;
    expect(ca.scaleDownDelayAfterDeleteSec).toBe(30);
    expect(ca.maxNodesTotal).toBe(1_000_000_000);
  });

  it('fills the scheduler defaults: LeastAllocated, cpu and memory weight 1', () => {
    expect(cluster.scheduler).toEqual({
      scoring: 'LeastAllocated',
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
    });
  });

  it('fills the HPA defaults of kube-controller-manager and autoscaling/v2', () => {
    const raw = minimal();
    raw.workloads[0].hpa = { max: 10 };
    const s2 = load(raw);
    expect(s2.workloads[0].hpa).toEqual({
      minReplicas: 1,
      maxReplicas: 10,
      targetCPUUtilization: 80,
      syncPeriodSec: 15,
      tolerance: 0.1,
      cpuInitializationPeriodSec: 300,
      initialReadinessDelaySec: 30,
      // no behavior block: the controller's older path (only the 300 s downscale window is read)
      behaviorGiven: false,
      scaleUp: {
        stabilizationWindowSec: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Percent', value: 100, periodSec: 15 },
          { type: 'Pods', value: 4, periodSec: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSec: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSec: 15 }] },
    });
    // with an HPA and no replicas, a workload starts at hpa.min
    expect(s2.workloads[0].replicas).toBe(1);
  });

  it('keeps the other defaults of a scaling rule when only some are given', () => {
    const raw = minimal();
    raw.workloads[0].hpa = { min: 2, max: 10, behavior: { scaleDown: { stabilizationWindow: '1m' } } };
    raw.workloads[0].replicas = 3;
    const hpa = load(raw).workloads[0].hpa!;
    expect(hpa.scaleDown).toEqual({ stabilizationWindowSec: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSec: 15 }] });
    expect(hpa.scaleUp.policies).toHaveLength(2);
    expect(hpa.behaviorGiven).toBe(true);
    // an empty behavior is a behavior: the autoscaling/v2 defaults, not the older path
    raw.workloads[0].hpa = { min: 2, max: 10, behavior: {} };
    expect(load(raw).workloads[0].hpa!.behaviorGiven).toBe(true);
  });

  it('fills over-provisioner defaults: grace 0, a made-up class at -1 when none is below the workloads', () => {
    const raw = minimal();
    raw.overprovisioner = [{ name: 'headroom', requests: { cpu: '500m', memory: '512Mi' }, replicasPerCluster: 2 }];
    const s2 = load(raw);
    expect(s2.clusters[0].overprovisioner[0]).toEqual({
      name: 'headroom',
      requests: { cpuMilli: 500, memoryBytes: 512 * 2 ** 20 },
      priorityClass: 'overprovisioning',
      priority: -1,
      terminationGracePeriodSec: 0,
      sizing: { kind: 'fixed', replicasPerCluster: 2 },
    });
    expect(s2.priorityClasses).toEqual([{ name: 'overprovisioning', value: -1, preemptionPolicy: 'Never', globalDefault: false }]);
  });

  it('gives placeholders the lowest class of the scenario when it is below every workload', () => {
    const raw = minimal();
    raw.priorityClasses = [
      { name: 'normal', value: 100, globalDefault: true },
      { name: 'spare', value: -5 },
    ];
    raw.overprovisioner = [{ name: 'headroom', requests: { cpu: '500m', memory: '512Mi' }, replicasPerCluster: 2 }];
    const s2 = load(raw);
    expect(s2.clusters[0].overprovisioner[0]).toMatchObject({ priorityClass: 'spare', priority: -5 });
    expect(s2.priorityClasses.map((c) => c.name)).toEqual(['normal', 'spare']);
    // the globalDefault class applies to a workload that names none
    expect(s2.workloads[0]).toMatchObject({ priorityClass: 'normal', priority: 100 });
  });

  it('fills proportional sizing as cluster-proportional-autoscaler does (min 0 reads as 1, max 0 as none)', () => {
    const raw = minimal();
    raw.overprovisioner = [{ name: 'headroom', requests: { cpu: '100m', memory: '64Mi' }, proportional: { coresPerReplica: 4, min: 0 } }];
    expect(load(raw).clusters[0].overprovisioner[0].sizing).toEqual({
      kind: 'proportional',
      coresPerReplica: 4,
      nodesPerReplica: 0,
      min: 1,
      max: 1_000_000_000,
      preventSinglePointFailure: false,
      includeUnschedulableNodes: false,
      pollPeriodSec: 10,
      // two initial 4-core nodes: ceil(8 cores / 4) = 2
      initialReplicas: 2,
    });
  });

  it('fills traffic defaults for a trace and a generator', () => {
    const raw = minimal();
    raw.workloads = [
      { ...raw.workloads[0], name: 'a', traffic: { trace: 'traces/a.csv' } },
      { ...raw.workloads[0], name: 'b', traffic: { trace: 'b.json' } },
      { ...raw.workloads[0], name: 'c', traffic: { generator: { bursts: [{ at: '10m', peak: 100 }], diurnal: { amplitude: 0.3 } } } },
    ];
    const [a, b, c] = load(raw).workloads.map((w) => w.traffic);
    expect(a).toEqual({
      kind: 'trace',
      path: '/fixtures/traces/a.csv', // resolved against the scenario file's folder
      displayPath: 'traces/a.csv',
      format: 'csv',
      interpolate: 'step',
      scale: 1,
      speedup: 1,
      loop: false,
      offsetSec: 0,
    });
    expect(b).toMatchObject({ format: 'prometheus' }); // by extension
    expect(c).toEqual({
      kind: 'generator',
      generator: {
        base: 0,
        bursts: [{ atSec: 600, peak: 100, riseSec: 0, holdSec: 0, fallSec: 0 }],
        diurnal: { amplitude: 0.3, periodSec: 86400, phaseSec: 0 },
        noise: 0,
      },
    });
  });

  it('fills routing defaults: weight 1 per cluster, shift ramp 60s, outage detection 30s and shift 60s', () => {
    const raw = minimal();
    raw.clusters = ['az-a', 'az-b', 'az-c'];
    raw.routing = {
      weights: { 'az-a': 2 },
      shifts: [{ at: '20m', restore: 'az-b' }, { at: '10m', drain: 'az-b' }],
      outages: [{ at: '30m', cluster: 'az-c', for: '5m' }],
    };
    expect(load(raw).routing).toEqual({
      weights: { 'az-a': 2, 'az-b': 1, 'az-c': 1 },
      // sorted by time
      shifts: [
        { atSec: 600, cluster: 'az-b', action: 'drain', overSec: 60 },
        { atSec: 1200, cluster: 'az-b', action: 'restore', overSec: 60 },
      ],
      outages: [{ atSec: 1800, cluster: 'az-c', forSec: 300, autoShift: false, detectionDelaySec: 30, shiftOverSec: 60, restoreDelaySec: 0 }],
    });
  });

  it('takes the seed from the options over the file', () => {
    const raw = { ...minimal(), seed: 5 };
    expect(load(raw).seed).toBe(5);
    expect(load(raw, { seed: 99 }).seed).toBe(99);
  });
});
