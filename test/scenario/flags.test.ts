import { describe, expect, it } from 'vitest';
import { parseScenarioResult } from '../../src/scenario/index.ts';
import { readClusterAutoscalerFlags } from '../../src/scenario/include/flags.ts';
import { formatWarning } from '../../src/input/warnings.ts';
import { FILE, load, minimal, problems, problemsOf } from './fixture.ts';

const withFlags = (flags: string[], ca: Record<string, unknown> = {}) => {
  const raw = minimal();
  raw.clusterAutoscaler = { ...ca, flags };
  return raw;
};
const ca = (flags: string[], extra: Record<string, unknown> = {}) => load(withFlags(flags, extra)).clusters[0].clusterAutoscaler;

describe('clusterAutoscaler.flags: each flag the simulation follows, with its scenario setting', () => {
  it.each([
    [['--scan-interval=30s'], { scanIntervalSec: 30 }],
    [['--expander=priority,least-waste'], { expanders: ['priority', 'least-waste'] }],
    [['--scale-down-enabled=false'], { scaleDownEnabled: false }],
    [['--scale-down-unneeded-time=5m'], { scaleDownUnneededTimeSec: 300 }],
    [['--scale-down-utilization-threshold=0.65'], { scaleDownUtilizationThreshold: 0.65 }],
    [['--scale-down-delay-after-add=2m30s'], { scaleDownDelayAfterAddSec: 150 }],
    [['--scale-down-delay-after-delete=1m'], { scaleDownDelayAfterDeleteSec: 60 }],
    [['--scale-down-delay-after-failure=5m'], { scaleDownDelayAfterFailureSec: 300 }],
    [['--max-node-provision-time=20m'], { maxNodeProvisionTimeSec: 1200 }],
    [['--max-nodes-total=300'], { maxNodesTotal: 300 }],
    [['--max-nodes-per-scaleup=50'], { maxNodesPerScaleUp: 50 }],
    [['--max-empty-bulk-delete=5'], { maxEmptyBulkDelete: 5 }],
    [['--max-scale-down-parallelism=20'], { maxEmptyBulkDelete: 20 }],
    [['--expendable-pods-priority-cutoff=-5'], { expendablePodsPriorityCutoff: -5 }],
    [['--new-pod-scale-up-delay=30s'], { newPodScaleUpDelaySec: 30 }],
  ])('%j', (flags, want) => {
    expect(ca(flags)).toMatchObject(want);
  });
});

describe('flags are parsed as the binary\'s Go flag package reads them', () => {
  it.each([
    ['one dash', ['-scan-interval=30s'], { scanIntervalSec: 30 }],
    ['the value as the next item', ['--scan-interval', '30s'], { scanIntervalSec: 30 }],
    ['a bare boolean is true', ['--scale-down-enabled'], { scaleDownEnabled: true }],
    ['Go booleans: F, 0, FALSE', ['--scale-down-enabled=F'], { scaleDownEnabled: false }],
    ['a repeated flag: the last wins', ['--scan-interval=30s', '--scan-interval=20s'], { scanIntervalSec: 20 }],
    ['0 needs no unit', ['--new-pod-scale-up-delay=0'], { newPodScaleUpDelaySec: 0 }],
  ])('%s', (_what, flags, want) => {
    expect(ca(flags)).toMatchObject(want);
  });

  it('splits --nodes into min, max and the name (which may hold colons)', () => {
    expect(readClusterAutoscalerFlags(['--nodes=1:10:k8s:pool-a']).nodes).toEqual([{ text: '--nodes=1:10:k8s:pool-a', index: 0, min: 1, max: 10, name: 'k8s:pool-a' }]);
  });
});

describe('defaults', () => {
  it('with no flags, the scenario defaults (random expander, as DESIGN.md)', () => {
    expect(load(minimal()).clusters[0].clusterAutoscaler.expanders).toEqual(['random']);
  });

  it('a flags list stands for the whole command line: an absent --expander is the binary\'s least-waste', () => {
    expect(ca(['--scan-interval=10s'])).toMatchObject({
      expanders: ['least-waste'],
      scanIntervalSec: 10,
      scaleDownUnneededTimeSec: 600,
      scaleDownUtilizationThreshold: 0.5,
      scaleDownDelayAfterAddSec: 600,
      scaleDownDelayAfterFailureSec: 180,
      maxNodeProvisionTimeSec: 900,
      maxNodesPerScaleUp: 1000,
      expendablePodsPriorityCutoff: -10,
      newPodScaleUpDelaySec: 0,
    });
  });

  it('an explicit expander key stands in for the flag', () => {
    expect(ca(['--scan-interval=10s'], { expander: 'price' }).expanders).toEqual(['price']);
  });
});

describe('flags and keys of the scenario: the flags are the team\'s real configuration', () => {
  it('a key that disagrees with a flag is an error at the key', () => {
    const text = `nodeGroups:
  - {name: general, allocatable: {cpu: 4, memory: 16Gi}, pricePerHour: 0.2, max: 10, initial: 2, provisioningDelay: 60s}
clusterAutoscaler:
  scanInterval: 20s
  flags:
    - --scan-interval=10s
`;
    expect(problems(text)).toEqual([
      `${FILE}:4:17: clusterAutoscaler.scanInterval: conflicts with the flag --scan-interval=10s (clusterAutoscaler.flags.0): the flags are the autoscaler's real configuration; drop this key or change the flag`,
    ]);
  });

  it('the same value written both ways is fine (10m and 600s)', () => {
    expect(ca(['--scale-down-unneeded-time=10m'], { scaleDownUnneededTime: '600s' }).scaleDownUnneededTimeSec).toBe(600);
    expect(ca(['--expander=priority, least-waste'], { expander: 'priority,least-waste' }).expanders).toEqual(['priority', 'least-waste']);
  });

  it('a --set on the key wins over the flag (a what-if or a sweep)', () => {
    expect(load(withFlags(['--scan-interval=10s']), { sets: ['clusterAutoscaler.scanInterval=30s'] }).clusters[0].clusterAutoscaler.scanIntervalSec).toBe(30);
  });

  it('a --set may also change the flag itself', () => {
    expect(load(withFlags(['--scan-interval=10s']), { sets: ['clusterAutoscaler.flags.0=--scan-interval=45s'] }).clusters[0].clusterAutoscaler.scanIntervalSec).toBe(45);
  });
});

describe('--nodes=min:max:name', () => {
  const raw = (flags: string[], group: Record<string, unknown> = {}) => {
    const r = withFlags(flags);
    delete r.nodeGroups[0].max;
    delete r.nodeGroups[0].initial;
    Object.assign(r.nodeGroups[0], group);
    return r;
  };

  it('gives a node group its min and max (and so its initial size)', () => {
    expect(load(raw(['--nodes=2:40:general'])).clusters[0].nodeGroups[0]).toMatchObject({ min: 2, max: 40, initial: 2 });
  });

  it('a group the flags name but nodeGroups does not define is an error at the flag', () => {
    expect(problemsOf(raw(['--nodes=2:40:general', '--nodes=0:10:gpu']), {})).toEqual([
      expect.stringMatching(/clusterAutoscaler\.flags\.1: --nodes=0:10:gpu names node group "gpu", which nodeGroups does not define; add \{name: gpu, allocatable, pricePerHour, provisioningDelay\} under nodeGroups/),
    ]);
  });

  it('a max in nodeGroups that disagrees with the flag is an error', () => {
    expect(problemsOf(raw(['--nodes=2:40:general'], { max: 30 }))).toEqual([
      expect.stringMatching(/nodeGroups\.0\.max: conflicts with the flag --nodes=2:40:general \(clusterAutoscaler\.flags\.0\), which gives max 40/),
    ]);
  });

  it('min above max is reported at the flag', () => {
    expect(problemsOf(raw(['--nodes=5:3:general']))).toEqual([expect.stringMatching(/clusterAutoscaler\.flags\.0: max \(3\) must be at least min \(5\)/)]);
  });

  it('the same group twice is an error', () => {
    expect(problemsOf(raw(['--nodes=1:4:general', '--nodes=1:5:general']))).toEqual([
      expect.stringMatching(/clusterAutoscaler\.flags\.1: node group "general" is already given by the --nodes flag at item 0/),
    ]);
  });
});

describe('bad flag values are errors at the flag', () => {
  it.each([
    ['--scan-interval=10', 'clusterAutoscaler.flags.0: --scan-interval=10: "10" has no unit (Go durations: 10s, 10m, 1h30m)'],
    ['--scan-interval=soon', 'clusterAutoscaler.flags.0: --scan-interval=soon: --scan-interval "soon" is not a duration (examples: 90s, 10m, 1h30m, 250ms, or a number of seconds)'],
    ['--max-nodes-total=lots', 'clusterAutoscaler.flags.0: --max-nodes-total=lots: --max-nodes-total takes a whole number'],
    ['--scale-down-enabled=maybe', 'clusterAutoscaler.flags.0: --scale-down-enabled=maybe: --scale-down-enabled takes true or false'],
    ['--nodes=3:many:general', 'clusterAutoscaler.flags.0: --nodes=3:many:general: --nodes takes <min>:<max>:<node group name>, e.g. --nodes=3:200:general'],
    ['scan-interval=10s', 'clusterAutoscaler.flags.0: "scan-interval=10s" is not a flag (write --name=value)'],
    ['--expander=least-wast', 'clusterAutoscaler.flags.0: unknown expander "least-wast" (did you mean "least-waste"?); expanders: random, least-waste, most-pods, price, priority'],
    ['--scale-down-utilization-threshold=1.5', 'clusterAutoscaler.flags.0: must be a fraction between 0 and 1, got 1.5'],
  ])('%s', (flag, want) => {
    expect(problemsOf(withFlags([flag]))).toEqual([expect.stringContaining(want)]);
  });
});

describe('flags headroom does not follow', () => {
  const warnings = (flags: string[]) => {
    const text = `nodeGroups:
  - {name: general, allocatable: {cpu: 4, memory: 16Gi}, pricePerHour: 0.2, max: 10, initial: 2, provisioningDelay: 60s}
clusterAutoscaler:
  flags: ${JSON.stringify(flags)}
`;
    // the fleet has no workloads, which is a warning of its own
    return parseScenarioResult(text, FILE, { checkFiles: false }).warnings.map(formatWarning).filter((w) => !w.includes('has no workloads'));
  };

  it('an unknown flag is named in a warning, with the real flag it is closest to', () => {
    expect(warnings(['--scan-intervall=10s', '--frobnicate'])).toEqual([
      `${FILE}:4:11: clusterAutoscaler.flags.0: unknown cluster-autoscaler flag --scan-intervall (did you mean --scan-interval?): ignored`,
      `${FILE}:4:34: clusterAutoscaler.flags.1: unknown cluster-autoscaler flag --frobnicate: ignored`,
    ]);
  });

  it('real flags the simulation does not model are listed once', () => {
    expect(warnings(['--v=4', '--cloud-provider=aws', '--balance-similar-node-groups', '--skip-nodes-with-local-storage=false'])).toEqual([
      `${FILE}:4:11: clusterAutoscaler.flags.0: not simulated, so without effect here: --v, --cloud-provider, --balance-similar-node-groups, --skip-nodes-with-local-storage`,
    ]);
  });
});

describe('a cluster\'s own flags', () => {
  it('change only what they name, for that cluster', () => {
    const raw = withFlags(['--scan-interval=10s', '--expander=price']);
    raw.clusters = ['az-a', { name: 'az-b', overrides: { clusterAutoscaler: { flags: ['--scan-interval=30s', '--nodes=1:20:general'] } } }];
    const s = load(raw);
    expect(s.clusters.map((c) => [c.clusterAutoscaler.scanIntervalSec, c.clusterAutoscaler.expanders, c.nodeGroups[0].min, c.nodeGroups[0].max])).toEqual([
      [10, ['price'], 0, 10],
      [30, ['price'], 1, 20],
    ]);
  });

  it('a --nodes for a group the fleet lacks is an error at the cluster\'s flag', () => {
    const raw = minimal();
    raw.clusters = [{ name: 'az-a', overrides: { clusterAutoscaler: { flags: ['--nodes=1:20:genral'] } } }];
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/clusters\.0\.overrides\.clusterAutoscaler\.flags\.0: --nodes=1:20:genral names node group "genral", which nodeGroups does not define \(did you mean "general"\?\)/)]);
  });
});
