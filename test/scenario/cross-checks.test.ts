import { describe, expect, it } from 'vitest';
import { minimal, problemsOf } from './fixture.ts';

type Edit = (raw: Record<string, any>) => void;

describe('cross-checks', () => {
  it.each<[string, Edit, RegExp]>([
    ['node group min <= initial <= max', (r) => Object.assign(r.nodeGroups[0], { min: 3, initial: 2 }), /nodeGroups\.0\.initial: initial \(2\) must be between min \(3\) and max \(10\)/],
    ['node group min <= max', (r) => Object.assign(r.nodeGroups[0], { min: 12 }), /nodeGroups\.0\.max: max \(10\) must be at least min \(12\)/],
    ['hpa min <= max', (r) => (r.workloads[0].hpa = { min: 5, max: 3 }), /workloads\.0\.hpa\.max: max \(3\) must be at least min \(5\)/],
    ['replicas within the hpa', (r) => Object.assign(r.workloads[0], { replicas: 1, hpa: { min: 2, max: 3 } }), /workloads\.0\.replicas: replicas \(1\) must be between hpa\.min \(2\) and hpa\.max \(3\)/],
    ['an hpa needs a cpu request', (r) => Object.assign(r.workloads[0], { requests: { cpu: 0, memory: '1Gi' }, hpa: { max: 3 } }), /workloads\.0\.requests\.cpu: a workload with an hpa needs a cpu request above 0/],
    ['step > 0', (r) => (r.step = 0), /step: step must be greater than 0/],
    ['duration > 0', (r) => (r.duration = 0), /duration: duration must be greater than 0/],
    ['step divides the duration', (r) => Object.assign(r, { duration: '1h', step: '7s' }), /step: the duration \(1h\) is not a whole number of steps of 7s \(514\.29\)/],
    ['step no longer than the duration', (r) => Object.assign(r, { duration: '1m', step: '2m' }), /step: step \(2m\) is longer than the duration \(1m\)/],
    ['lognormal p95 > median', (r) => (r.nodeGroups[0].provisioningDelay = { dist: 'lognormal', median: '90s', p95: '60s' }), /nodeGroups\.0\.provisioningDelay\.p95: p95 \(60s\) must be greater than the median \(90s\)/],
    ['uniform min <= max', (r) => (r.workloads[0].startupDelay = { dist: 'uniform', min: '40s', max: '20s' }), /workloads\.0\.startupDelay\.max: max \(20s\) must be at least min \(40s\)/],
    ['a delay key of another dist', (r) => (r.workloads[0].startupDelay = { dist: 'uniform', min: '1s', max: '2s', median: '1s' }), /workloads\.0\.startupDelay\.median: median does not apply to dist uniform \(which takes min and max\)/],
    ['a delay without its dist', (r) => (r.workloads[0].startupDelay = { min: '1s', max: '2s' }), /workloads\.0\.startupDelay: say which distribution/],
    ['lognormal service time p99 > mean', (r) => (r.workloads[0].serviceTime = { mean: '50ms', dist: 'lognormal', p99: '40ms' }), /serviceTime\.p99: p99 \(0\.04s\) must be greater than the mean \(0\.05s\)/],
    ['a lognormal p99 that no lognormal has', (r) => (r.workloads[0].serviceTime = { mean: '10ms', p99: '1s' }), /no lognormal has a p99 more than 15\.0 times its mean \(got 100\.0\)/],
    ['p99 with an exponential', (r) => (r.workloads[0].serviceTime = { mean: '10ms', dist: 'exponential', p99: '50ms' }), /serviceTime\.p99: p99 applies to dist lognormal/],
    ['duplicate workload names', (r) => r.workloads.push({ ...r.workloads[0] }), /workloads\.1\.name: workload "web" is already defined at index 0/],
    ['duplicate cluster names', (r) => (r.clusters = ['az-a', 'az-a']), /clusters\.1\.name: cluster "az-a" is already defined at index 0/],
    ['two globalDefault classes', (r) => (r.priorityClasses = [{ name: 'a', value: 1, globalDefault: true }, { name: 'b', value: 2, globalDefault: true }]), /priorityClasses\.1\.globalDefault: only one class may be globalDefault/],
    ['a burst after the end', (r) => (r.workloads[0].traffic = { generator: { bursts: [{ at: '2h', peak: 10 }] } }), /traffic\.generator\.bursts\.0\.at: the burst starts at 2h, at or after the end of the scenario \(1h\)/],
    ['trace and generator together', (r) => (r.workloads[0].traffic = { trace: 'a.csv', generator: {} }), /traffic\.generator: traffic takes either a trace or a generator, not both/],
    ['trace options without a trace', (r) => (r.workloads[0].traffic = { scale: 2 }), /traffic\.scale: scale applies to a trace; add trace: <file>/],
    ['csv options on Prometheus JSON', (r) => (r.workloads[0].traffic = { trace: 'a.json', column: 'x' }), /traffic\.column: column applies to CSV traces, not Prometheus JSON/],
    ['a pod bigger than any node', (r) => (r.workloads[0].requests.cpu = 5), /workloads\.0\.requests: a pod requesting 5 cpu and 512Mi memory fits on no node group \(largest: general, 4 cpu\)/],
    ['initial nodes hold the initial pods', (r) => (r.workloads[0].replicas = 20), /nodeGroups: cluster default: the initial replicas request more than its 2 initial nodes hold \(cpu 10 > 8 cores\)/],
    ['an unknown expander', (r) => (r.clusterAutoscaler = { expander: 'cheapest' }), /clusterAutoscaler\.expander: unknown expander "cheapest"; expanders: random, least-waste, most-pods, price, priority/],
    ['random only last in a chain', (r) => (r.clusterAutoscaler = { expander: 'random,price' }), /random picks one option, so it can only be the last expander of a chain/],
    ['slo error rate at most 100%', (r) => (r.slo = { errorRate: '150%' }), /slo\.errorRate: an error rate is at most 100%, got 1\.5/],
    ['routing to an unknown cluster', (r) => Object.assign(r, { clusters: ['az-a', 'az-b'], routing: { shifts: [{ at: '1m', drain: 'az-c' }] } }), /routing\.shifts\.0\.drain: unknown cluster "az-c" \(did you mean "az-a"\?\); clusters: az-a, az-b/],
    ['a weight for an unknown cluster', (r) => Object.assign(r, { clusters: ['az-a'], routing: { weights: { 'az-x': 1 } } }), /routing\.weights\.az-x: unknown cluster "az-x"/],
    ['all weights 0', (r) => (r.routing = { weights: { default: 0 } }), /routing\.weights: at least one cluster needs a weight above 0/],
    ['a shift with both drain and restore', (r) => (r.routing = { shifts: [{ at: '1m', drain: 'default', restore: 'default' }] }), /routing\.shifts\.0: a shift takes exactly one of drain/],
    ['an outage of an unknown cluster', (r) => (r.routing = { outages: [{ at: '1m', cluster: 'az-z', for: '1m' }] }), /routing\.outages\.0\.cluster: unknown cluster "az-z"/],
    ['an outage of an unknown zone', (r) => Object.assign(r, { clusters: [{ name: 'one', zones: ['az-a', 'az-b'] }], routing: { outages: [{ at: '1m', zone: 'az-c', for: '1m' }] } }), /routing\.outages\.0\.zone: unknown zone "az-c" \(did you mean "az-a"\?\); zones: az-a, az-b/],
    ['an outage of a zone in another cluster', (r) => Object.assign(r, { clusters: [{ name: 'one', zones: ['az-a', 'az-b'] }, 'az-c'], routing: { outages: [{ at: '1m', cluster: 'az-c', zone: 'az-a', for: '1m' }] } }), /routing\.outages\.0\.cluster: zone az-a is in cluster one, not az-c/],
    ['an outage of neither a cluster nor a zone', (r) => (r.routing = { outages: [{ at: '1m', for: '1m' }] }), /routing\.outages\.0: an outage takes cluster: <cluster> or zone: <zone>/],
    ['an outage after the end', (r) => (r.routing = { outages: [{ at: '3h', cluster: 'default', for: '1m' }] }), /routing\.outages\.0\.at: 3h is at or after the end of the scenario \(1h\)/],
  ])('%s', (_what, edit, want) => {
    const raw = minimal();
    edit(raw);
    expect(problemsOf(raw).join('\n')).toMatch(want);
  });
});

describe('placeholder priority', () => {
  const withPlaceholders = (edit: Edit) => {
    const raw = minimal();
    raw.overprovisioner = [{ name: 'headroom', requests: { cpu: '500m', memory: '512Mi' }, replicasPerCluster: 2 }];
    edit(raw);
    return problemsOf(raw).join('\n');
  };

  it('must be at or above the expendable cutoff, with the reason', () => {
    const p = withPlaceholders((r) => {
      r.priorityClasses = [{ name: 'dregs', value: -20 }];
      r.overprovisioner[0].priorityClass = 'dregs';
    });
    expect(p).toMatch(/overprovisioner\.0\.priorityClass: placeholder priority -20 is below the cluster-autoscaler's expendable cutoff \(-10\): it ignores pending pods under the cutoff, so preempted placeholders would never make it add nodes/);
  });

  it('follows a cluster-autoscaler cutoff changed for one cluster', () => {
    const p = withPlaceholders((r) => {
      r.clusters = ['az-a', { name: 'az-b', overrides: { clusterAutoscaler: { expendablePodsPriorityCutoff: 0 } } }];
    });
    expect(p).toMatch(/placeholder priority -1 is below the cluster-autoscaler's expendable cutoff \(0\)/);
  });

  it('must be below every workload', () => {
    const p = withPlaceholders((r) => {
      r.priorityClasses = [{ name: 'low', value: -5 }, { name: 'lower', value: -3 }];
      r.workloads[0].priorityClass = 'low';
      r.overprovisioner[0].priorityClass = 'lower';
    });
    expect(p).toMatch(/placeholder priority -3 is not below workload "web" \(priority -5\), which could then never preempt the placeholders/);
  });

  it('names an unknown placeholder class', () => {
    const p = withPlaceholders((r) => (r.overprovisioner[0].priorityClass = 'nope'));
    expect(p).toMatch(/overprovisioner\.0\.priorityClass: unknown priority class "nope"; the scenario defines none under priorityClasses/);
  });

  it('needs a sizing', () => {
    const p = withPlaceholders((r) => delete r.overprovisioner[0].replicasPerCluster);
    expect(p).toMatch(/overprovisioner\.0: needs replicasPerCluster \(fixed\) or proportional \(cluster-proportional\) sizing/);
  });

  it('proportional needs coresPerReplica or nodesPerReplica', () => {
    const p = withPlaceholders((r) => {
      delete r.overprovisioner[0].replicasPerCluster;
      r.overprovisioner[0].proportional = { min: 1 };
    });
    expect(p).toMatch(/overprovisioner\.0\.proportional: needs coresPerReplica or nodesPerReplica above 0/);
  });
});

describe('placeholders beyond the initial nodes', () => {
  it('are a warning, not an error: they start pending and the autoscaler adds nodes', async () => {
    const { parseScenarioResult } = await import('../../src/scenario/index.ts');
    const { stringify } = await import('yaml');
    const raw = minimal();
    raw.overprovisioner = [{ name: 'headroom', requests: { cpu: '1', memory: '512Mi' }, replicasPerCluster: 40 }];
    const { warnings } = parseScenarioResult(stringify(raw), 'w.yaml', { checkFiles: false });
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/placeholders that do not fit start pending/);
  });
});
