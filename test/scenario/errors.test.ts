import { describe, expect, it } from 'vitest';
import { HeadroomError, ValidationError } from '../../src/errors.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { FILE, problems, problemsOf, minimal } from './fixture.ts';

// Line numbers below count from the first line of each literal.
const BASE = `nodeGroups:
  - name: general
    allocatable: {cpu: 4, memory: 16Gi}
    pricePerHour: 0.2
    max: 10
    initial: 2
    provisioningDelay: 60s
`;

describe('error messages name file, line, column and key', () => {
  it('an unknown key, with a suggestion', () => {
    const text = `${BASE}workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    replicaz: 3
`;
    expect(problems(text)).toEqual([`${FILE}:12:5: workloads.0.replicaz: unknown key "replicaz" (did you mean "replicas"?)`]);
  });

  it('an unknown top-level key, with a suggestion across case and separators', () => {
    expect(problems(`${BASE}cluster_autoscaler: {}\n`)).toEqual([
      `${FILE}:8:1: cluster_autoscaler: unknown key "cluster_autoscaler" (did you mean "clusterAutoscaler"?)`,
    ]);
  });

  it('an unknown key with nothing close gets no suggestion', () => {
    expect(problems(`${BASE}zzz: 1\n`)).toEqual([`${FILE}:8:1: zzz: unknown key "zzz"`]);
  });

  it('a wrong type', () => {
    const text = BASE.replace('max: 10', 'max: ten');
    expect(problems(text)).toEqual([`${FILE}:5:10: nodeGroups.0.max: expected a number, got "ten"`]);
  });

  it('a missing required key points at the map that lacks it', () => {
    const text = BASE.replace('    pricePerHour: 0.2\n', '');
    expect(problems(text)).toEqual([`${FILE}:2:5: nodeGroups.0.pricePerHour: is required (or give an instanceType and its region for the on-demand price)`]);
  });

  it('a value past several bounds gets one message, the most specific', () => {
    const text = `${BASE}priorityClasses:\n  - {name: critical, value: 1e300}\n`;
    expect(problems(text)).toEqual([
      `${FILE}:9:29: priorityClasses.0.value: must be at most 1000000000 (higher values are reserved for system-cluster-critical and system-node-critical)`,
    ]);
  });

  it('a YAML syntax error is told alone, not with what it makes of the lines after it', () => {
    const text = `name:\tweb\n\t x: 1\n${BASE}`;
    expect(problems(text)).toEqual([`${FILE}:2:1: YAML: Tabs are not allowed as indentation`]);
  });

  it('a negative duration', () => {
    expect(problems(`${BASE}duration: -30m\n`)).toEqual([`${FILE}:8:11: duration: duration must not be negative, got "-30m"`]);
  });

  it('an unknown priority class, with the classes there are', () => {
    const text = `${BASE}priorityClasses:
  - {name: critical, value: 1000}
workloads:
  - name: web
    priorityClass: critcal
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
`;
    expect(problems(text)).toEqual([
      `${FILE}:12:20: workloads.0.priorityClass: unknown priority class "critcal" (did you mean "critical"?); the scenario defines critical`,
    ]);
  });

  it('a missing trace file, with where it was looked for', () => {
    const text = `${BASE}workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    traffic: {trace: traces/none.csv}
`;
    expect(problems(text, { checkFiles: true })).toEqual([
      `${FILE}:12:22: workloads.0.traffic.trace: trace file "traces/none.csv" not found (looked for /fixtures/traces/none.csv)`,
    ]);
  });

  it('an enum value, with a suggestion', () => {
    expect(problems(`${BASE}scheduler: {scoring: MostAlocated}\n`)).toEqual([
      `${FILE}:8:22: scheduler.scoring: must be one of LeastAllocated, MostAllocated, RequestedToCapacityRatio, got "MostAlocated" (did you mean "MostAllocated"?)`,
    ]);
  });

  it('YAML syntax errors, with their position', () => {
    const [p] = problems(`${BASE}workloads: [a, b\n`);
    expect(p).toMatch(/^\/fixtures\/scenario\.yaml:\d+:\d+: YAML: /);
  });

  it('a duplicate key is a YAML error', () => {
    expect(problems(`${BASE}seed: 1\nseed: 2\n`)[0]).toMatch(/^\/fixtures\/scenario\.yaml:9:1: YAML: Map keys must be unique/);
  });

  it('collects every shape problem, in file order', () => {
    const text = `seed: x
${BASE.replace('max: 10', 'max: -1')}step: 0.5q
`;
    expect(problems(text)).toEqual([
      `${FILE}:1:7: seed: expected a number, got "x"`,
      `${FILE}:6:10: nodeGroups.0.max: must be at least 0`,
      `${FILE}:9:7: step: duration "0.5q" is not a duration (examples: 90s, 10m, 1h30m, 250ms, or a number of seconds)`,
    ]);
  });

  it('throws a ValidationError of HeadroomErrors with code scenario and a location', () => {
    let err: unknown;
    try {
      parseScenario(`${BASE}bogus: 1\n`, FILE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const v = err as ValidationError;
    expect(v.issues[0]).toBeInstanceOf(HeadroomError);
    expect(v.issues[0]).toMatchObject({ code: 'scenario', file: FILE, line: 8, column: 1, path: 'bogus' });
    expect(v.message).toBe(`${FILE}:8:1: bogus: unknown key "bogus"`);
  });

  it('an empty file or a list is refused with one line', () => {
    expect(problems('')).toEqual([`${FILE}:1: the scenario is empty`]);
    expect(problems('- a\n')[0]).toMatch(/a scenario is a map of keys/);
  });

  it('an unknown key inside a cluster override names the override path', () => {
    const raw = { ...minimal(), clusters: ['az-a', { name: 'az-b', overrides: { schedular: {} } }] };
    expect(problemsOf(raw)[0]).toMatch(/clusters\.1\.overrides\.schedular: unknown key "schedular" \(did you mean "scheduler"\?\)$/);
  });

  it('a cluster given as neither a name nor a map', () => {
    const raw = { ...minimal(), clusters: [3] };
    expect(problemsOf(raw)[0]).toMatch(/clusters\.0: expected a string or a map, got 3$/);
  });

  it('a bad name', () => {
    const raw = { ...minimal(), clusters: ['AZ A'] };
    expect(problemsOf(raw)[0]).toMatch(/clusters\.0: "AZ A" is not a valid name/);
  });
});

describe('a missing key that takes several forms', () => {
  it('is reported as required, not as a wrong type', () => {
    const raw = minimal();
    delete raw.workloads[0].serviceTime;
    delete raw.workloads[0].requests.cpu;
    // each points at the map that lacks it: the workload (line 12), then its requests (line 14)
    expect(problemsOf(raw).map((p) => p.replace(/^[^ ]+ /, ''))).toEqual([
      'workloads.0.serviceTime: is required',
      'workloads.0.requests.cpu: is required',
    ]);
  });
});
