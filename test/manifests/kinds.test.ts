import { describe, expect, it } from 'vitest';
import { deployment, FILE, read } from './fixture.ts';

const Mi = 2 ** 20;

const hpa = (target: string, body = '') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${target}-hpa
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 2
  maxReplicas: 10
${body}`;

describe('Deployment', () => {
  it('reads replicas, requests, priority class, grace, pod labels and headroom annotations', () => {
    const { set, errors } = read(
      deployment('web', {
        replicas: 3,
        cpu: '250m',
        memory: '1Gi',
        podSpec: '      priorityClassName: high\n      terminationGracePeriodSeconds: 60\n',
        annotations: '    headroom/service-time: 40ms\n    headroom/concurrency: "6"\n    headroom/startup-delay: "{fixed: 15s}"\n    headroom/timeout: 3s',
      }),
    );
    expect(errors).toEqual([]);
    const d = set.deployments[0];
    expect(d).toMatchObject({
      name: 'web',
      replicas: 3,
      requests: { cpuMilli: 250, memoryBytes: 1024 * Mi },
      priorityClassName: 'high',
      terminationGracePeriodSec: 60,
      labels: { app: 'web' },
    });
    expect(d.annotations.serviceTime?.value).toBe('40ms');
    expect(d.annotations.concurrency?.value).toBe(6);
    expect(d.annotations.startupDelay?.value).toEqual({ fixed: '15s' });
    expect(d.annotations.timeout?.value).toBe('3s');
  });

  it('leaves replicas unset when the manifest does (Kubernetes then runs 1)', () => {
    expect(read(deployment('web')).set.deployments[0].replicas).toBeUndefined();
  });

  it('an unknown headroom/ annotation is a warning with a suggestion', () => {
    const { warnings } = read(deployment('web', { annotations: '    headroom/servicetime: 40ms' }));
    expect(warnings).toEqual([
      `${FILE}:6:27: document 1 (Deployment web): metadata.annotations["headroom/servicetime"]: unknown annotation headroom/servicetime (did you mean "headroom/service-time"?); headroom reads headroom/service-time, headroom/concurrency, headroom/startup-delay, headroom/timeout`,
    ]);
  });

  it('pause containers make a placeholder deployment, not a workload', () => {
    const text = deployment('spare', { replicas: 5, cpu: '1', memory: '1Gi', podSpec: '      priorityClassName: overprovisioning\n' }).replace('example/spare:1', 'registry.k8s.io/pause:3.9');
    const { set } = read(text);
    expect(set.deployments).toEqual([]);
    expect(set.placeholders).toMatchObject([{ name: 'spare', replicas: 5, requests: { cpuMilli: 1000, memoryBytes: 1024 * Mi }, priorityClassName: 'overprovisioning' }]);
  });

  it('the cluster-autoscaler Deployment gives its flags, not a workload', () => {
    const text = deployment('cluster-autoscaler')
      .replace('example/cluster-autoscaler:1', 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.30.2')
      .replace('          resources:', '          command: [./cluster-autoscaler, --scan-interval=20s]\n          args: [--nodes=1:10:general]\n          resources:');
    const { set } = read(text);
    expect(set.deployments).toEqual([]);
    expect(set.clusterAutoscalers.map((c) => c.flags)).toEqual([['--scan-interval=20s', '--nodes=1:10:general']]);
  });

  it('placement fields are read as written; inter-pod affinity is named as not simulated', () => {
    const spread = '      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}\n';
    const { set, warnings } = read(deployment('web', { podSpec: `      nodeSelector: {pool: big}\n      tolerations: [{key: dedicated, operator: Exists}]\n${spread}` }));
    expect(warnings).toEqual([]);
    expect(set.deployments[0].placement).toEqual({
      nodeSelector: { pool: 'big' },
      tolerations: [{ key: 'dedicated', operator: 'Exists' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    });
    const anti = read(deployment('web', { podSpec: '      affinity:\n        podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname}]}\n' }));
    expect(anti.warnings[0]).toMatch(/spec\.template\.spec\.affinity\.podAntiAffinity: podAntiAffinity not simulated/);
    expect(anti.set.deployments[0].placement).toBeUndefined();
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('reads min, max, the cpu target and behavior in full', () => {
    const { set, errors } = read(`${deployment('web')}---
${hpa(
  'web',
  `  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 65}}
  behavior:
    scaleUp:
      stabilizationWindowSeconds: 30
      selectPolicy: Min
      policies: [{type: Pods, value: 8, periodSeconds: 20}]
    scaleDown:
      selectPolicy: Disabled
`,
)}`);
    expect(errors).toEqual([]);
    expect(set.hpas[0]).toMatchObject({
      target: 'web',
      minReplicas: 2,
      maxReplicas: 10,
      targetCPUUtilization: 65,
      behavior: {
        scaleUp: { stabilizationWindowSec: 30, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 8, periodSec: 20 }] },
        scaleDown: { selectPolicy: 'Disabled' },
      },
    });
  });

  it('metrics other than cpu Utilization are named in a warning', () => {
    const { warnings } = read(`${deployment('web')}---
${hpa('web', '  metrics:\n    - type: Pods\n      pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: "100"}}\n')}`);
    expect(warnings).toEqual([
      `${FILE}:27:7: document 2 (HorizontalPodAutoscaler web-hpa): spec.metrics[0]: metrics not simulated: Pods (the simulated HPA follows cpu utilization only); with no cpu Utilization target it scales on cpu at the default 80%`,
    ]);
  });

  it('an HPA pointing at a missing Deployment is an error naming the file, document and line', () => {
    const { errors } = read(`${deployment('web')}---
${hpa('wbe')}`);
    expect(errors).toEqual([
      `${FILE}:23:65: document 2 (HorizontalPodAutoscaler wbe-hpa): spec.scaleTargetRef.name: scales Deployment "wbe", which is not among the included manifests (did you mean "web"?); the included Deployments are web`,
    ]);
  });

  it('two HPAs on one Deployment are refused', () => {
    const second = hpa('web').replace('web-hpa', 'web-hpa-2');
    const { errors } = read(`${deployment('web')}---\n${hpa('web')}---\n${second}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/document 3 \(HorizontalPodAutoscaler web-hpa-2\).*already scaled by HPA "web-hpa"/);
  });

  it('maxReplicas below minReplicas is refused', () => {
    const { errors } = read(`${deployment('web')}---\n${hpa('web').replace('maxReplicas: 10', 'maxReplicas: 1')}`);
    expect(errors[0]).toMatch(/spec\.maxReplicas: maxReplicas \(1\) must be at least minReplicas \(2\)/);
  });

  it('an HPA of a StatefulSet is skipped with a warning', () => {
    const { set, warnings, errors } = read(hpa('db').replace('kind: Deployment', 'kind: StatefulSet'));
    expect(errors).toEqual([]);
    expect(set.hpas).toEqual([]);
    expect(warnings[0]).toMatch(/scales a apps\/v1 StatefulSet; headroom simulates apps\/v1 Deployments only/);
  });
});

describe('PriorityClass and PodDisruptionBudget', () => {
  it('reads value, preemptionPolicy and globalDefault', () => {
    const { set } = read(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: batch}
value: 100
preemptionPolicy: Never
globalDefault: true
`);
    expect(set.priorityClasses).toMatchObject([{ name: 'batch', value: 100, preemptionPolicy: 'Never', globalDefault: true }]);
  });

  it.each([
    ['minAvailable: 2', { minAvailable: { kind: 'count', value: 2 } }],
    ['minAvailable: "80%"', { minAvailable: { kind: 'percent', value: 80 } }],
    ['maxUnavailable: 1', { maxUnavailable: { kind: 'count', value: 1 } }],
    ['maxUnavailable: "25%"', { maxUnavailable: { kind: 'percent', value: 25 } }],
  ])('PDB %s', (line, want) => {
    const { set, errors } = read(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  ${line}
  selector:
    matchLabels: {app: web}
`);
    expect(errors).toEqual([]);
    expect(set.pdbs).toEqual([expect.objectContaining({ name: 'web', matchLabels: { app: 'web' }, ...want })]);
  });

  it.each([
    ['both minAvailable and maxUnavailable', 'minAvailable: 1\n  maxUnavailable: 1', /spec\.maxUnavailable: minAvailable and maxUnavailable cannot both be set/],
    ['a fractional percentage', 'minAvailable: "50.5%"', /spec\.minAvailable: expected a count or a whole percentage such as "50%", got "50.5%"/],
    ['a percentage over 100', 'maxUnavailable: "150%"', /a percentage is at most 100%/],
    ['matchExpressions', 'minAvailable: 1\n  selector:\n    matchExpressions: [{key: app, operator: In, values: [web]}]', /only selector\.matchLabels is supported/],
  ])('refuses %s', (_what, body, want) => {
    const { errors } = read(`apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  ${body}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(want);
  });
});

describe('invalid manifests get errors naming the file, document and line', () => {
  it.each([
    ['a wrong apiVersion for a kind', deployment('web').replace('apps/v1', 'extensions/v1beta1'), `${FILE}:1:13: document 1 (Deployment web): apiVersion: Deployment is read as apiVersion apps/v1, got extensions/v1beta1; convert it (kubectl convert) or write it as apps/v1`],
    ['an autoscaling/v1 HPA', `${deployment('web')}---\n${hpa('web').replace('autoscaling/v2', 'autoscaling/v1')}`, `${FILE}:18:13: document 2 (HorizontalPodAutoscaler web-hpa): apiVersion: HorizontalPodAutoscaler is read as apiVersion autoscaling/v2, got autoscaling/v1; convert it (kubectl convert) or write it as autoscaling/v2`],
    ['a quantity like 5 cores', deployment('web', { cpu: '5 cores' }), `${FILE}:16:29: document 1 (Deployment web): spec.template.spec.containers[0].resources.requests.cpu: cpu "5 cores" is not a Kubernetes quantity (examples: 500m, 2, 1.5, 512Mi, 2Gi, 1e9)`],
    ['a bad memory quantity', deployment('web', { memory: '2GB' }), `${FILE}:16:43: document 1 (Deployment web): spec.template.spec.containers[0].resources.requests.memory: memory "2GB" is not a Kubernetes quantity (examples: 500m, 2, 1.5, 512Mi, 2Gi, 1e9)`],
    ['replicas that are not a whole number', deployment('web', { replicas: 2.5 }), `${FILE}:6:13: document 1 (Deployment web): spec.replicas: expected a whole number, got 2.5`],
    ['no containers', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: []\n`, `${FILE}:7:19: document 1 (Deployment web): spec.template.spec.containers: needs at least 1 item`],
    ['no name', `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {}\nvalue: 1\n`, `${FILE}:3:11: document 1 (PriorityClass): metadata.name: is required`],
  ])('%s', (_what, text, want) => {
    expect(read(text).errors).toEqual([want]);
  });

  it('a YAML error names the document it is in', () => {
    const text = `${deployment('web')}---\nkind: Service\nmetadata: {name: [x\n`;
    const { errors } = read(text);
    expect(errors[0]).toMatch(new RegExp(`^${FILE}:\\d+:\\d+: document 2: YAML: `));
  });

  // The second document starts on line 18 (a Deployment here is 16 lines, then `---`).
  it('two Deployments of one name are refused (namespaces are not simulated)', () => {
    const { errors } = read(`${deployment('web')}---\n${deployment('web')}`);
    expect(errors).toEqual([
      `${FILE}:21:9: document 2 (Deployment web): metadata.name: Deployment "web" is already defined in ${FILE}, document 1 (namespaces are not simulated: names must be unique)`,
    ]);
  });

  it('every problem of a file is reported, not just the first', () => {
    const { errors } = read(`${deployment('a', { cpu: 'lots' })}---\n${deployment('b', { memory: 'heaps' })}`);
    expect(errors).toHaveLength(2);
  });
});

describe('kinds headroom does not read', () => {
  it('are listed in one warning and skipped', () => {
    const { set, warnings, errors } = read(`apiVersion: v1
kind: Service
metadata: {name: web}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config}
---
apiVersion: v1
kind: Service
metadata: {name: api}
---
${deployment('web')}`);
    expect(errors).toEqual([]);
    expect(set.deployments).toHaveLength(1);
    expect(warnings).toEqual(['skipped kinds headroom does not read: Service (web, api); ConfigMap (web-config)']);
  });

  it('a document that is not a Kubernetes object is set aside with a warning', () => {
    const { warnings } = read('replicaCount: 3\n');
    expect(warnings).toEqual([`${FILE}: document 1: not a Kubernetes object (no apiVersion and kind): skipped`]);
  });

  it('a kind: List stands for its items', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers: [{name: app, resources: {requests: {cpu: 5 cores}}}]
`;
    const { errors } = read(text);
    // the item's field is located inside the List
    expect(errors).toEqual([`${FILE}:10:64: document 1 (Deployment web): spec.template.spec.containers[0].resources.requests.cpu: cpu "5 cores" is not a Kubernetes quantity (examples: 500m, 2, 1.5, 512Mi, 2Gi, 1e9)`]);
  });
});
