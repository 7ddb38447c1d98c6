import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioResult } from '../../src/scenario/index.ts';
import { deployment, docs, folder, loadIn, NODE_GROUP, problemsIn } from './include-fixture.ts';

const FLEET = resolve('test/fixtures/manifests/scenario.yaml');
const Mi = 2 ** 20;

describe('a folder of real-shaped manifests becomes a scenario', () => {
  const { scenario: s, warnings } = loadScenarioResult(FLEET);
  const w = (name: string) => s.workloads.find((x) => x.name === name)!;
  const az = s.clusters[0];

  it('loads, with every Deployment a workload: the file\'s first, then the rest in file order', () => {
    expect(s.workloads.map((x) => x.name)).toEqual(['backend-a', 'frontend', 'backend-b', 'report-worker']);
    expect(s.clusters.map((c) => c.name)).toEqual(['az-a', 'az-b']);
  });

  it('Deployment replicas reach each cluster\'s start (moved into the HPA range when outside it)', () => {
    expect(az.replicas).toEqual({ 'backend-a': 20, frontend: 8, 'backend-b': 6, 'report-worker': 2 });
    expect(w('frontend').replicas).toBe(8);
    // report-worker gives no replicas: its HPA's minReplicas (2)
    expect(w('report-worker').replicas).toBe(2);
  });

  it('requests: containers summed, init containers and sidecars combined as kube-scheduler does', () => {
    // backend-a: app 500m + envoy 100m + log-shipper sidecar 50m = 650m, but the migrate init
    // container runs beside the sidecar: 1000m + 50m = 1050m; memory 512 + 128 + 64 = 704Mi
    expect(w('backend-a').requests).toEqual({ cpuMilli: 1050, memoryBytes: 704 * Mi });
    // backend-b: limits-only app (1 cpu, 2Gi) + 250m/256Mi + 20m/32Mi
    expect(w('backend-b').requests).toEqual({ cpuMilli: 1270, memoryBytes: (2048 + 256 + 32) * Mi });
  });

  it('priorityClassName, terminationGracePeriodSeconds and pod labels', () => {
    expect(w('backend-a')).toMatchObject({ priorityClass: 'business-critical', priority: 100000, preemptionPolicy: 'PreemptLowerPriority', terminationGracePeriodSec: 45 });
    expect(w('report-worker')).toMatchObject({ priorityClass: 'batch', priority: 100, preemptionPolicy: 'Never', terminationGracePeriodSec: 120 });
    // no class named and no globalDefault class: priority 0
    expect(w('frontend')).toMatchObject({ priorityClass: '', priority: 0, terminationGracePeriodSec: 30 });
    expect(w('backend-a').labels).toEqual({ app: 'backend-a', tier: 'api' });
  });

  it('headroom annotations: service time, concurrency, startup delay, timeout', () => {
    expect(w('backend-a')).toMatchObject({
      serviceTime: { meanSec: 0.05, dist: 'exponential' },
      concurrency: 4,
      startupDelay: { kind: 'uniform', minSec: 20, maxSec: 40 },
      timeoutSec: 2,
    });
    // a map in one annotation, on the pod template
    expect(w('backend-b').serviceTime).toEqual({ meanSec: 0.12, dist: 'lognormal', p99Sec: 0.9 });
  });

  it('a scenario workload of the same name completes and overrides the Deployment', () => {
    // frontend's annotation says concurrency 16; the scenario says 12 and adds traffic
    expect(w('frontend').concurrency).toBe(12);
    expect(w('frontend').traffic).toEqual({ kind: 'generator', generator: { base: 3000, bursts: [], noise: 0 } });
    expect(w('backend-b').traffic).toEqual({ kind: 'none' });
  });

  it('HPA: min, max, cpu target and behavior in full (unset fields keep the autoscaling/v2 defaults)', () => {
    expect(w('backend-a').hpa).toMatchObject({
      minReplicas: 20,
      maxReplicas: 500,
      targetCPUUtilization: 60,
      scaleUp: { stabilizationWindowSec: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSec: 15 }, { type: 'Pods', value: 50, periodSec: 15 }] },
      scaleDown: { stabilizationWindowSec: 600, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 10, periodSec: 60 }, { type: 'Pods', value: 5, periodSec: 60 }] },
    });
    // backend-b: only scaleUp policies given; stabilization 0 and Max are the defaults, scaleDown all default
    expect(w('backend-b').hpa).toMatchObject({
      minReplicas: 6,
      maxReplicas: 60,
      targetCPUUtilization: 70,
      scaleUp: { stabilizationWindowSec: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSec: 30 }] },
      scaleDown: { stabilizationWindowSec: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSec: 15 }] },
    });
    expect(w('frontend').hpa).toBeUndefined();
  });

  it('HPA: whether a behavior is given survives the import (none: the controller\'s older path)', () => {
    expect(w('backend-a').hpa!.behaviorGiven).toBe(true);
    expect(w('backend-b').hpa!.behaviorGiven).toBe(true);
    // report-worker's HPA has no behavior block
    expect(w('report-worker').hpa).toMatchObject({ minReplicas: 2, maxReplicas: 40, behaviorGiven: false });
  });

  it('PriorityClasses: value, preemptionPolicy, globalDefault, plus the chart\'s class', () => {
    expect(s.priorityClasses).toEqual([
      { name: 'business-critical', value: 100000, preemptionPolicy: 'PreemptLowerPriority', globalDefault: false },
      { name: 'standard', value: 1000, preemptionPolicy: 'PreemptLowerPriority', globalDefault: false },
      { name: 'batch', value: 100, preemptionPolicy: 'Never', globalDefault: false },
      { name: 'overprovisioning', value: -1, preemptionPolicy: 'PreemptLowerPriority', globalDefault: false },
    ]);
  });

  it('PodDisruptionBudgets: int and percent, minAvailable and maxUnavailable, with their selectors', () => {
    expect(s.podDisruptionBudgets).toEqual([
      { name: 'backend-a', matchLabels: { app: 'backend-a' }, minAvailable: { kind: 'percent', value: 80 } },
      { name: 'backend-b', matchLabels: { app: 'backend-b' }, maxUnavailable: { kind: 'count', value: 1 } },
      { name: 'frontend', matchLabels: { app: 'frontend' }, maxUnavailable: { kind: 'percent', value: 25 } },
      // the chart's deployments[0].pdb, over its pods
      { name: 'headroom-cluster-overprovisioner-large', matchLabels: { app: 'headroom-cluster-overprovisioner-large' }, maxUnavailable: { kind: 'percent', value: 50 } },
    ]);
  });

  it('the chart\'s values: one over-provisioner per deployment, in the overprovision class', () => {
    expect(az.overprovisioner).toEqual([
      { name: 'headroom-cluster-overprovisioner-large', requests: { cpuMilli: 2000, memoryBytes: 2048 * Mi }, priorityClass: 'overprovisioning', priority: -1, terminationGracePeriodSec: 0, sizing: { kind: 'fixed', replicasPerCluster: 10 } },
      // limits only: they are the requests
      { name: 'headroom-cluster-overprovisioner-small', requests: { cpuMilli: 500, memoryBytes: 512 * Mi }, priorityClass: 'overprovisioning', priority: -1, terminationGracePeriodSec: 0, sizing: { kind: 'fixed', replicasPerCluster: 20 } },
    ]);
  });

  it('the included cluster-autoscaler Deployment\'s flags set the autoscaler and the node group size', () => {
    expect(az.clusterAutoscaler).toMatchObject({ expanders: ['priority', 'least-waste'], scanIntervalSec: 10, scaleDownUnneededTimeSec: 600, scaleDownDelayAfterAddSec: 300 });
    expect(az.nodeGroups[0]).toMatchObject({ name: 'general', min: 3, max: 200, initial: 14 });
  });

  it('buffers reach every cluster with the workload\'s pod', () => {
    expect(s.clusters.map((c) => c.buffers)).toEqual([0, 1].map(() => [
      { name: 'burst-room', requests: { cpuMilli: 1050, memoryBytes: 704 * Mi }, priorityClass: 'business-critical', priority: 100000, labels: {}, percentOf: { workload: 'backend-a', percent: 10 } },
    ]));
  });

  it('what was skipped or not simulated is said in warnings', () => {
    const text = warnings.map((x) => `${x.file ?? ''} ${x.path ?? ''} ${x.message}`);
    expect(text).toEqual([
      expect.stringMatching(/skipped kinds headroom does not read: Service \(backend-a\); ConfigMap \(frontend-config\)/),
      expect.stringMatching(/backend-a\.yaml document 1 \(Deployment backend-a\): spec\.template\.spec\.containers some containers limit memory and some do not: the pod has no memory limit as a whole/),
      expect.stringMatching(/backend-b\.yaml document 1 \(Deployment backend-b\): spec\.replicas replicas 4 is outside its HPA's 6\.\.60; it starts at 6/),
      expect.stringMatching(/backend-b\.yaml document 1 \(Deployment backend-b\): spec\.template\.spec\.containers some containers limit cpu and memory and some do not/),
      expect.stringMatching(/backend-b\.yaml document 2 \(HorizontalPodAutoscaler backend-b\): spec\.metrics\[1\] metrics not simulated: memory Utilization/),
      expect.stringMatching(/cluster-autoscaler\.yaml document 1 \(Deployment cluster-autoscaler\) the cluster-autoscaler itself/),
      expect.stringMatching(/not simulated, so without effect here: --v, --cloud-provider, --skip-nodes-with-local-storage/),
    ]);
  });

  it('a --set reaches an included workload through the scenario entry of its name', () => {
    const r = loadScenarioResult(FLEET, { sets: ['workloads.0.hpa.max=300'] });
    expect(r.scenario.workloads[0].hpa).toMatchObject({ minReplicas: 20, maxReplicas: 300, targetCPUUtilization: 60 });
  });

  it('runs', async () => {
    const { runScenario } = await import('../../src/run.ts');
    const short = loadScenarioResult(FLEET, { sets: ['duration=25m'] }).scenario;
    const result = await runScenario(short);
    expect(result.summary.simulatedSeconds).toBe(1500);
    expect(result.summary.requests.total).toBeGreaterThan(0);
  });

  it('each scenario of the same files hashes the same (a sweep reads each file once)', async () => {
    const { scenarioHash } = await import('../../src/scenario/index.ts');
    expect(scenarioHash(loadScenarioResult(FLEET).scenario)).toBe(scenarioHash(s));
  });
});

describe('include: problems point at the manifest that caused them', () => {
  const scenario = (extra: Record<string, unknown> = {}) => ({ include: ['deploy'], nodeGroups: [NODE_GROUP], ...extra });

  it('a missing path is an error at the include entry', () => {
    const dir = folder({ 'scenario.yaml': scenario({ include: ['deploy', 'nope'] }), 'deploy/a.yaml': docs(deployment('a')) });
    expect(problemsIn(dir)).toEqual([expect.stringMatching(/^scenario\.yaml:3:5: include\.1: nope: no such file or folder \(looked for .*nope\)$/)]);
  });

  it('a missing Helm values file is an error at its entry; the entries after it keep their own lines', () => {
    const dir = folder({
      'scenario.yaml': { nodeGroups: [NODE_GROUP], overprovisioner: [{ helmValues: 'nope.yaml' }, { name: 'spare', requests: { cpu: '100m', memory: '1Gi' } }] },
    });
    expect(problemsIn(dir)).toEqual([
      expect.stringMatching(/^scenario\.yaml:11:17: overprovisioner\.0\.helmValues: nope\.yaml: no such file \(looked for .*nope\.yaml\)$/),
      expect.stringMatching(/^scenario\.yaml:12:5: overprovisioner\.1: needs replicasPerCluster \(fixed\) or proportional/),
    ]);
  });

  it('an HPA pointing at a missing Deployment names the file and document', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'b' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'b' }, maxReplicas: 5 } };
    const dir = folder({ 'scenario.yaml': scenario(), 'deploy/a.yaml': docs(deployment('a'), hpa) });
    expect(problemsIn(dir)).toEqual([
      expect.stringMatching(/^deploy\/a\.yaml:\d+:\d+: document 2 \(HorizontalPodAutoscaler b\): spec\.scaleTargetRef\.name: scales Deployment "b", which is not among the included manifests/),
    ]);
  });

  it('a quantity like "5 cores" in a folder\'s second file names that file, document and line', () => {
    const dir = folder({ 'scenario.yaml': scenario(), 'deploy/a.yaml': docs(deployment('a')), 'deploy/b.yaml': docs(deployment('b', { cpu: '5 cores' })) });
    expect(problemsIn(dir)).toEqual([
      'deploy/b.yaml:21:20: document 1 (Deployment b): spec.template.spec.containers[0].resources.requests.cpu: cpu "5 cores" is not a Kubernetes quantity (examples: 500m, 2, 1.5, 512Mi, 2Gi, 1e9)',
    ]);
  });

  it('a Deployment with no service time, and no scenario workload to give one, is refused at the Deployment', () => {
    const dir = folder({ 'scenario.yaml': scenario(), 'deploy/a.yaml': docs(deployment('a', { annotations: {} })) });
    expect(problemsIn(dir)).toEqual([
      'deploy/a.yaml:1:1: document 1 (Deployment a): Deployment "a" says nothing of how long a request takes: add the annotation headroom/service-time (e.g. "50ms") or a scenario workload named a with serviceTime',
    ]);
  });

  it('a scenario workload can give the service time instead', () => {
    const dir = folder({ 'scenario.yaml': scenario({ workloads: [{ name: 'a', serviceTime: '80ms' }] }), 'deploy/a.yaml': docs(deployment('a', { annotations: {} })) });
    expect(loadIn(dir).scenario.workloads[0].serviceTime.meanSec).toBe(0.08);
  });

  it('a check of the scenario on a manifest field is placed at that field (an unknown priority class)', () => {
    const dir = folder({ 'scenario.yaml': scenario(), 'deploy/a.yaml': docs(deployment('a', { podSpec: { priorityClassName: 'hihg' } })) });
    expect(problemsIn(dir)).toEqual([
      expect.stringMatching(/^deploy\/a\.yaml:\d+:\d+: document 1 \(Deployment a\): spec\.template\.spec\.priorityClassName: unknown priority class "hihg"; the scenario defines none under priorityClasses$/),
    ]);
  });

  it('a bad annotation value is placed at the annotation', () => {
    const dir = folder({ 'scenario.yaml': scenario(), 'deploy/a.yaml': docs(deployment('a', { annotations: { 'headroom/service-time': 'fast' } })) });
    expect(problemsIn(dir)).toEqual([
      'deploy/a.yaml:6:28: document 1 (Deployment a): metadata.annotations["headroom/service-time"]: duration "fast" is not a duration (examples: 90s, 10m, 1h30m, 250ms, or a number of seconds)',
    ]);
  });

  it('a scenario workload that names no Deployment says so', () => {
    const dir = folder({ 'scenario.yaml': scenario({ workloads: [{ name: 'frontnd', traffic: { generator: { base: 10 } } }] }), 'deploy/a.yaml': docs(deployment('frontend')) });
    expect(problemsIn(dir)).toEqual([
      'scenario.yaml:13:5: workloads.0.requests: is required',
      'scenario.yaml:13:5: workloads.0.serviceTime: is required',
      'scenario.yaml:13:11: workloads.0.name: no included Deployment is named "frontnd" (the included Deployments: frontend), so this workload needs requests and serviceTime of its own',
    ]);
  });

  it('a system priority class may be named without being defined', () => {
    const dir = folder({ 'scenario.yaml': scenario(), 'deploy/a.yaml': docs(deployment('a', { podSpec: { priorityClassName: 'system-cluster-critical' } })) });
    expect(loadIn(dir).scenario.workloads[0]).toMatchObject({ priorityClass: 'system-cluster-critical', priority: 2000000000 });
  });

  it('the same class defined twice with different values is refused', () => {
    const pc = (value: number) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'overprovisioning' }, value });
    const dir = folder({
      'scenario.yaml': scenario({ overprovisioner: [{ helmValues: 'values.yaml' }] }),
      'deploy/a.yaml': docs(deployment('a'), pc(-5)),
      'values.yaml': 'priorityClassDefault: {enabled: false}\n',
    });
    expect(problemsIn(dir)).toEqual([expect.stringMatching(/^values\.yaml:\d+:\d+: priorityClassOverprovision\.value: PriorityClass "overprovisioning" is defined twice with different values \(also defined at deploy\/a\.yaml:\d+\)$/)]);
  });

  it('a problem in an expanded over-provisioner is placed in the values file; later entries keep their own lines', () => {
    const dir = folder({
      'scenario.yaml': scenario({
        overprovisioner: [{ helmValues: 'values.yaml' }, { name: 'mine', requests: { cpu: '100m', memory: '1Gi' } }],
      }),
      'deploy/a.yaml': docs(deployment('a')),
      'values.yaml': 'priorityClassDefault: {enabled: false}\ndeployments:\n  - name: x\n    replicaCount: 1\n    resources: {}\n  - name: y\n    replicaCount: 2\n    resources: {requests: {cpu: 1, memory: 1Gi}}\n',
    });
    const problems = problemsIn(dir);
    expect(problems).toEqual([
      // the second entry of the file is the third after expansion, but is reported where it is written
      expect.stringMatching(/^scenario\.yaml:\d+:\d+: overprovisioner\.1: needs replicasPerCluster/),
      expect.stringMatching(/^values\.yaml:5:\d+: deployments\[0\]\.resources: placeholders that request no cpu and no memory hold no room for anyone$/),
    ]);
  });
});

describe('include: the scenario file\'s keys win over the manifests\'', () => {
  it('a scenario PriorityClass of the same name overrides the manifest\'s value', () => {
    const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };
    const dir = folder({
      'scenario.yaml': { include: ['deploy'], nodeGroups: [NODE_GROUP], priorityClasses: [{ name: 'high', value: 5000 }] },
      'deploy/a.yaml': docs(pc, deployment('a', { podSpec: { priorityClassName: 'high' } })),
    });
    const s = loadIn(dir).scenario;
    expect(s.priorityClasses).toEqual([{ name: 'high', value: 5000, preemptionPolicy: 'PreemptLowerPriority', globalDefault: false }]);
    expect(s.workloads[0].priority).toBe(5000);
  });

  it('a scenario PDB of the same name overrides the manifest\'s', () => {
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'a' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'a' } } } };
    const dir = folder({
      'scenario.yaml': { include: ['deploy'], nodeGroups: [NODE_GROUP], podDisruptionBudgets: [{ name: 'a', matchLabels: { app: 'a' }, minAvailable: 3 }] },
      'deploy/a.yaml': docs(deployment('a'), pdb),
    });
    expect(loadIn(dir).scenario.podDisruptionBudgets).toEqual([{ name: 'a', matchLabels: { app: 'a' }, minAvailable: { kind: 'count', value: 3 } }]);
  });

  it('a placeholder Deployment (pause pods) becomes an over-provisioner entry', () => {
    const pause = deployment('spare', { replicas: 7, podSpec: { priorityClassName: 'spare' } });
    ((pause.spec as any).template.spec.containers[0] as any).image = 'registry.k8s.io/pause:3.9';
    const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'spare' }, value: -1 };
    const dir = folder({ 'scenario.yaml': { include: ['deploy'], nodeGroups: [NODE_GROUP] }, 'deploy/a.yaml': docs(deployment('a'), pause, pc) });
    const s = loadIn(dir).scenario;
    expect(s.workloads.map((w) => w.name)).toEqual(['a']);
    expect(s.clusters[0].overprovisioner).toMatchObject([{ name: 'spare', priority: -1, sizing: { kind: 'fixed', replicasPerCluster: 7 } }]);
  });
});

describe('placement fields of a Deployment', () => {
  const spread = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'a' } } }];
  const withZones = { clusters: [{ name: 'one', zones: ['z1', 'z2'] }], include: ['deploy'], nodeGroups: [NODE_GROUP] };

  it('reach the workload: tolerations, nodeSelector, node affinity, topology spread', () => {
    const podSpec = { tolerations: [{ key: 'dedicated', operator: 'Exists' }], topologySpreadConstraints: spread };
    const dir = folder({ 'scenario.yaml': withZones, 'deploy/a.yaml': docs(deployment('a', { podSpec })) });
    const { scenario: s } = loadIn(dir);
    expect(s.workloads[0].placement).toEqual({ tolerations: [{ key: 'dedicated', operator: 'Exists' }], topologySpreadConstraints: spread });
  });

  it('a bad constraint is named at its line in the manifest', () => {
    const dir = folder({ 'scenario.yaml': withZones, 'deploy/a.yaml': docs(deployment('a', { podSpec: { topologySpreadConstraints: [{ ...spread[0], maxSkew: 0 }] } })) });
    expect(problemsIn(dir)).toEqual([expect.stringMatching(/^deploy\/a\.yaml:\d+:\d+: document 1 \(Deployment a\): spec\.template\.spec\.topologySpreadConstraints\[0\]\.maxSkew: /)]);
  });
});
