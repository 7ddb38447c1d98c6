import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.ts';
import { chartFullname, coalesce, ManifestProblems, parseOverprovisionerValues } from '../../src/manifests/index.ts';
import { formatWarning } from '../../src/input/warnings.ts';

const Mi = 2 ** 20;
const FILE = 'values.yaml';

function release(text: string, releaseName = 'cluster-overprovisioner') {
  const problems = new ManifestProblems();
  const r = parseOverprovisionerValues(text, FILE, releaseName, problems);
  return { ...r, errors: problems.errors.map(formatError), warnings: problems.warnings.map(formatWarning) };
}

describe('the cluster-overprovisioner chart\'s values', () => {
  it('an empty values file renders the chart defaults', () => {
    const r = release('');
    // deployments: [{name: default, replicaCount: 3, requests 1000m / 1000Mi}]
    expect(r.placeholders).toMatchObject([
      { name: 'cluster-overprovisioner-default', replicas: 3, requests: { cpuMilli: 1000, memoryBytes: 1000 * Mi }, priorityClassName: 'overprovisioning', terminationGracePeriodSec: 0 },
    ]);
    // priorityClassOverprovision {overprovisioning, -1}; priorityClassDefault enabled {default, 0, globalDefault}
    expect(r.priorityClasses).toMatchObject([
      { name: 'overprovisioning', value: -1, globalDefault: false },
      { name: 'default', value: 0, globalDefault: true },
    ]);
    expect(r.pdbs).toEqual([]);
  });

  it('reads every deployment, its replicaCount and requests, the classes and the grace period', () => {
    const r = release(`priorityClassOverprovision: {name: spare, value: -5}
priorityClassDefault: {enabled: false}
terminationGracePeriodSeconds: 5
deployments:
  - name: big
    replicaCount: 10
    resources: {requests: {cpu: "2", memory: 4Gi}}
  - name: small
    replicaCount: 40
    resources: {requests: {cpu: 250m, memory: 256Mi}}
`);
    expect(r.errors).toEqual([]);
    expect(r.placeholders.map((p) => [p.name, p.replicas, p.requests.cpuMilli, p.requests.memoryBytes / Mi, p.priorityClassName, p.terminationGracePeriodSec])).toEqual([
      ['cluster-overprovisioner-big', 10, 2000, 4096, 'spare', 5],
      ['cluster-overprovisioner-small', 40, 250, 256, 'spare', 5],
    ]);
    expect(r.priorityClasses.map((c) => [c.name, c.value])).toEqual([['spare', -5]]);
  });

  it('merges over the chart defaults key by key: a partial class keeps the default name', () => {
    const r = release('priorityClassOverprovision: {value: -3}\n');
    expect(r.priorityClasses[0]).toMatchObject({ name: 'overprovisioning', value: -3 });
  });

  it('a limit stands in for a missing request; a missing replicaCount is 1', () => {
    const r = release('deployments:\n  - name: x\n    resources: {limits: {cpu: 500m, memory: 512Mi}}\n');
    expect(r.placeholders[0]).toMatchObject({ replicas: 1, requests: { cpuMilli: 500, memoryBytes: 512 * Mi } });
  });

  it('a deployment\'s pdb becomes a PodDisruptionBudget over its pods', () => {
    const r = release('deployments:\n  - name: x\n    replicaCount: 4\n    resources: {requests: {cpu: 1, memory: 1Gi}}\n    pdb: {maxUnavailable: "50%"}\n');
    expect(r.pdbs).toMatchObject([{ name: 'cluster-overprovisioner-x', matchLabels: { app: 'cluster-overprovisioner-x' }, maxUnavailable: { kind: 'percent', value: 50 } }]);
  });

  it('problems are placed in the values file', () => {
    const r = release('deployments:\n  - name: x\n    replicaCount: three\n');
    expect(r.errors).toEqual([`${FILE}:3:19: deployments[0].replicaCount: expected a number, got "three"`]);
    expect(release('deployments:\n  - name: x\n    resources: {requests: {cpu: 2 cores}}\n').errors[0]).toMatch(/^values\.yaml:3:33: deployments\[0\]\.resources\.requests\.cpu: cpu "2 cores" is not a Kubernetes quantity/);
  });

  it.each([
    // release name, nameOverride, fullnameOverride -> fullname (the chart's helper)
    ['cluster-overprovisioner', '', '', 'cluster-overprovisioner'],
    ['headroom', '', '', 'headroom-cluster-overprovisioner'],
    ['my-cluster-overprovisioner', '', '', 'my-cluster-overprovisioner'],
    ['headroom', 'op', '', 'headroom-op'],
    ['headroom', 'op', 'spare', 'spare'],
    ['x', '', 'a'.repeat(70), 'a'.repeat(63)],
  ])('fullname of release %s, nameOverride "%s", fullnameOverride "%s" is %s', (rel, nameOverride, fullnameOverride, want) => {
    expect(chartFullname(rel, nameOverride, fullnameOverride)).toBe(want);
  });

  it.each([
    [{ a: 1, b: { c: 2, d: 3 } }, { b: { c: 5 } }, { a: 1, b: { c: 5, d: 3 } }],
    [{ list: [1, 2] }, { list: [3] }, { list: [3] }],
    [{ a: 1, b: 2 }, { b: null }, { a: 1 }],
  ])('Helm merges %j with %j into %j', (defaults, user, want) => {
    expect(coalesce(defaults, user)).toEqual(want);
  });
});
