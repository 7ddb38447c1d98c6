import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyPolicy, baselineApplied, pinUsageSets, standsFor } from '../../src/rightsize/apply-policy.ts';
import { rightsizedYaml } from '../../src/rightsize/rightsized-yaml.ts';
import { inputKind, splitInputs } from '../../src/rightsize/input-kind.ts';
import type { PolicyResources } from '../../src/decisions/rightsize/policies.ts';
import type { WorkloadPolicies } from '../../src/rightsize/workload-policies.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

const MI = 2 ** 20;
const yaml = smallFleet({ hpa: 'hpa: {min: 2, max: 40, targetCPUUtilization: 50}' }).replace('requests: {cpu: 500m, memory: 512Mi}\n    replicasPerCluster', 'requests: {cpu: 1, memory: 1Gi}\n    replicasPerCluster');
const scenario = scenarioFromYaml(yaml);
const raw = parse(yaml);

function policies(p: Partial<PolicyResources['requests']>, limits: Partial<PolicyResources['limits']> = {}): WorkloadPolicies {
  const r: PolicyResources = { requests: { cpuMilli: p.cpuMilli ?? null, memoryBytes: p.memoryBytes ?? null }, limits: { cpuMilli: limits.cpuMilli ?? null, memoryBytes: limits.memoryBytes ?? null } };
  return new Map([['web', { vpa: r, 'goldilocks-guaranteed': r, 'goldilocks-burstable': r, krr: r }]]);
}

describe('a policy written into the scenario', () => {
  it('new requests, the HPA target that keeps the replica counts, placeholders that follow, usage written down', () => {
    // web: 500m at 50% -> 250m; 50 × 500 / 250 = 100%. Memory rounds up to a whole MiB.
    const a = applyPolicy(scenario, raw, 'goldilocks-guaranteed', policies({ cpuMilli: 250, memoryBytes: 300 * MI + 1 }, { cpuMilli: 250, memoryBytes: 300 * MI + 1 }), { keepTargets: false });
    expect(a.requests.web).toEqual({ cpuMilli: 250, memoryBytes: 301 * MI });
    expect(a.hpaTargets.web).toEqual({ percent: 100, keepsReplicas: 100 });
    // the placeholder (1 cpu, 1Gi) is two web pods: two of the new ones
    expect(a.placeholders).toEqual([{ name: 'headroom', workload: 'web', pods: 2, requests: { cpuMilli: 500, memoryBytes: 602 * MI } }]);
    // a pod at full load (4 / 50 ms = 80 req/s) used 500m: 500m × 50 ms / 4 = 6.25 ms a request
    expect(a.sets).toEqual([
      'workloads.0.usage.cpuPerRequest=0.00625',
      'workloads.0.usage.memory=512Mi',
      'workloads.0.requests.cpu=250m',
      'workloads.0.requests.memory=301Mi',
      'workloads.0.limits={cpu: 250m, memory: 301Mi}',
      'workloads.0.hpa.targetCPUUtilization=100',
      'overprovisioner.0.requests.cpu=500m',
      'overprovisioner.0.requests.memory=602Mi',
    ]);
    // and the scenario loads with them
    const s = scenarioFromYaml(yaml, a.sets);
    expect(s.workloads[0].requests).toEqual({ cpuMilli: 250, memoryBytes: 301 * MI });
    expect(s.workloads[0].usage?.cpuSecPerRequest).toBeCloseTo(0.00625, 12);
    expect(s.workloads[0].hpa?.targetCPUUtilization).toBe(100);
    expect(s.clusters[0].overprovisioner[0].requests).toEqual({ cpuMilli: 500, memoryBytes: 602 * MI });
  });

  it('a target is never set above what the cpu limit lets the pods read', () => {
    // 500m at 50% -> 200m keeps the replicas at 125%, but a 200m limit caps the reading at 100%
    const a = applyPolicy(scenario, raw, 'goldilocks-guaranteed', policies({ cpuMilli: 200 }, { cpuMilli: 200 }), { keepTargets: false });
    expect(a.hpaTargets.web).toEqual({ percent: 100, keepsReplicas: 125 });
  });

  it('--keep-targets keeps the target and still says which would keep the replicas', () => {
    const a = applyPolicy(scenario, raw, 'vpa', policies({ cpuMilli: 250 }), { keepTargets: true });
    expect(a.hpaTargets.web).toEqual({ percent: 50, keepsReplicas: 100 });
    expect(a.sets.some((s) => s.includes('targetCPUUtilization'))).toBe(false);
  });

  it('a resource the policy leaves unset keeps today\'s request; the VPA sets no limit where there was none', () => {
    const a = applyPolicy(scenario, raw, 'vpa', policies({ cpuMilli: 400 }), { keepTargets: false });
    expect(a.requests.web).toEqual({ cpuMilli: 400, memoryBytes: 512 * MI });
    expect(a.sets.some((s) => s.includes('limits'))).toBe(false);
  });

  it("the VPA scales today's limits with the request (GetProportionalLimit)", () => {
    const withLimits = yaml.replace('concurrency: 4', 'concurrency: 4\n    limits: {cpu: 1, memory: 1Gi}');
    const s = scenarioFromYaml(withLimits);
    const a = applyPolicy(s, parse(withLimits), 'vpa', policies({ cpuMilli: 250, memoryBytes: 256 * MI }), { keepTargets: false });
    // 1 core × 250 / 500 = 500m; 1Gi × 256 / 512 = 512Mi
    expect(a.limits.web).toEqual({ cpuMilli: 500, memoryBytes: 512 * MI });
  });

  it('usage the file gives is left as it is; today reads the same usage', () => {
    const given = yaml.replace('concurrency: 4', 'concurrency: 4\n    usage: {cpuPerRequest: 2ms, memory: 200Mi}');
    expect(pinUsageSets(scenarioFromYaml(given), parse(given))).toEqual([]);
    expect(baselineApplied(scenario, raw).sets).toEqual(['workloads.0.usage.cpuPerRequest=0.00625', 'workloads.0.usage.memory=512Mi']);
  });

  it.each([
    // exactly 3 pods of a
    [{ cpuMilli: 1500, memoryBytes: 3 * MI }, 'a', 3],
    // cpu says 3 pods, memory 2: nobody's
    [{ cpuMilli: 1500, memoryBytes: 2 * MI }, null, 0],
    // 1 pod of a or 2 of b: the fewest pods wins
    [{ cpuMilli: 500, memoryBytes: 1 * MI }, 'a', 1],
  ])('placeholder %j stands for %s', (req, who, pods) => {
    const w = (name: string, cpuMilli: number, memoryBytes: number) => ({ name, requests: { cpuMilli, memoryBytes } }) as never;
    const r = standsFor(req, [w('a', 500, MI), w('b', 250, MI / 2)]);
    expect(r?.workload.name ?? null).toBe(who);
    if (r) expect(r.pods).toBe(pods);
  });

  it('rightsized.yaml is the file with the sets, its comments kept and its name marked', () => {
    const a = applyPolicy(scenario, raw, 'krr', policies({ cpuMilli: 250 }), { keepTargets: false });
    const { text, outside } = rightsizedYaml(`# ours\n${yaml}`, ['seed=9'], a, 'the header');
    expect(outside).toEqual([]);
    expect(text).toMatch(/^# the header\n/);
    expect(text).toContain('# ours\n');
    const s = scenarioFromYaml(text);
    expect(s.name).toBe('small-rightsized');
    expect(s.seed).toBe(9);
    expect(s.workloads[0].requests.cpuMilli).toBe(250);
    expect(s.workloads[0].hpa?.targetCPUUtilization).toBe(100);
  });

  it('file paths are rewritten for the folder rightsized.yaml goes to, and those outside it named', () => {
    const withTrace = yaml.replace(/traffic: \{generator: \{[^\n]*\}\}/, 'traffic: {trace: traces/web.csv}');
    const { text, outside } = rightsizedYaml(withTrace, [], null, 'h', { fromDir: '/fleet/scenarios', toDir: '/fleet/reports/rs' });
    expect(parse(text).workloads[0].traffic.trace).toBe('../../scenarios/traces/web.csv');
    expect(outside).toEqual(['../../scenarios/traces/web.csv']);
    // a folder below the scenario's: one step up
    expect(parse(rightsizedYaml(withTrace, [], null, 'h', { fromDir: '/fleet/scenarios', toDir: '/fleet/scenarios/rs' }).text).workloads[0].traffic.trace).toBe('../traces/web.csv');
  });
});

describe('rightsize inputs', () => {
  it.each([
    ['s.yaml', '', 'scenario'],
    ['s.yml', '', 'scenario'],
    ['u.json', '', 'export'],
    ['u.csv', '', 'export'],
    ['u.txt', '{"status":"success"}', 'export'],
    ['u.txt', 'timestamp,pod,container,metric,value\n', 'export'],
    ['s.txt', '# a fleet\nname: x\nworkloads: []\n', 'scenario'],
  ])('%s (%j) is a %s', (file, head, kind) => {
    expect(inputKind(file, () => head)).toBe(kind);
  });

  it('one that is neither is named in one line', () => {
    expect(() => inputKind('notes.txt', () => 'hello')).toThrow(/^notes\.txt: neither a scenario \(\.yaml, \.yml\) nor a usage export/);
  });

  it('a scenario takes its export through --usage, and only one scenario', () => {
    expect(() => splitInputs(['s.yaml', 'u.json'], ['scenario', 'export'])).toThrow(/--usage u\.json/);
    expect(() => splitInputs(['a.yaml', 'b.yaml'], ['scenario', 'scenario'])).toThrow(/one scenario, got 2/);
    expect(splitInputs(['u.json', 'm.json'], ['export', 'export'])).toEqual({ exports: ['u.json', 'm.json'] });
  });
});
