import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../../src/errors.ts';
import {
  applySets,
  checkScenarioPath,
  isScenarioPath,
  listScenarioPaths,
  parseSet,
} from '../../src/scenario/index.ts';
import { load, minimal, problemsOf } from './fixture.ts';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof HeadroomError) return e.message;
    throw e;
  }
  throw new Error('expected a HeadroomError');
}

describe('parseSet', () => {
  it.each([
    ['overprovisioner.0.replicasPerCluster=80', ['overprovisioner', '0', 'replicasPerCluster'], 80],
    ['clusterAutoscaler.expander=price', ['clusterAutoscaler', 'expander'], 'price'],
    ['workloads.1.hpa.max=300', ['workloads', '1', 'hpa', 'max'], 300],
    ['slo.errorRate=0.1%', ['slo', 'errorRate'], '0.1%'],
    ['clusterAutoscaler.scaleDownEnabled=false', ['clusterAutoscaler', 'scaleDownEnabled'], false],
    ['clusters=[az-a, az-b]', ['clusters'], ['az-a', 'az-b']],
    ['routing.weights.az-b=0', ['routing', 'weights', 'az-b'], 0],
    ['name=a=b', ['name'], 'a=b'], // only the first = splits
    ['name=', ['name'], ''],
  ])('%s', (text, path, value) => {
    expect(parseSet(text)).toEqual({ text, path, value, flag: '--set' });
  });

  it.each([
    ['no equals sign', 'seed', '--set seed: expected path=value, e.g. overprovisioner.0.replicasPerCluster=80'],
    ['an unknown key, with a suggestion', 'overprovisioner.0.replicasPerClutser=1', '--set overprovisioner.0.replicasPerClutser=1: overprovisioner.0.replicasPerClutser is not a key of the scenario format: overprovisioner.0 has no key "replicasPerClutser" (did you mean "replicasPerCluster"?)'],
    ['a top-level typo', 'clusterAutoscalr.expander=price', '--set clusterAutoscalr.expander=price: clusterAutoscalr.expander is not a key of the scenario format: the scenario has no key "clusterAutoscalr" (did you mean "clusterAutoscaler"?)'],
    ['a key on a list', 'workloads.hpa.max=3', '--set workloads.hpa.max=3: workloads.hpa.max is not a key of the scenario format: workloads is a list: expected an index such as workloads.0, got "hpa"'],
    ['a key below a value', 'seed.x=1', '--set seed.x=1: seed.x is not a key of the scenario format: seed is a single value, it has no key "x"'],
    ['an empty segment', 'workloads..name=x', '--set workloads..name=x: "workloads..name" is not a key path (write it like workloads.0.hpa.max)'],
  ])('refuses %s', (_what, text, want) => {
    expect(message(() => parseSet(text))).toBe(want);
  });
});

describe('applySets', () => {
  const raw = () => ({
    clusters: ['az-a', 'az-b'],
    workloads: [{ name: 'web', hpa: { max: 10 } }, { name: 'api' }],
    overprovisioner: [{ name: 'headroom', replicasPerCluster: 50 }],
  });

  it('sets values without touching the input', () => {
    const before = raw();
    const after = applySets(before, ['overprovisioner.0.replicasPerCluster=80', 'workloads.0.hpa.max=300', 'clusterAutoscaler.expander=price']);
    expect(after).toEqual({
      ...raw(),
      workloads: [{ name: 'web', hpa: { max: 300 } }, { name: 'api' }],
      overprovisioner: [{ name: 'headroom', replicasPerCluster: 80 }],
      clusterAutoscaler: { expander: 'price' }, // missing maps are created
    });
    expect(before).toEqual(raw());
  });

  it('creates missing maps inside an existing element', () => {
    expect(applySets(raw(), ['workloads.1.hpa.max=5']).workloads[1]).toEqual({ name: 'api', hpa: { max: 5 } });
  });

  it('widens a cluster given by name to {name} to set a key inside it', () => {
    expect(applySets(raw(), ['clusters.1.overrides.scheduler.scoring=MostAllocated']).clusters).toEqual([
      'az-a',
      { name: 'az-b', overrides: { scheduler: { scoring: 'MostAllocated' } } },
    ]);
  });

  it('applies sets in order: the last one wins', () => {
    expect(applySets(raw(), ['seed=1', 'seed=2'])).toMatchObject({ seed: 2 });
  });

  it.each([
    ['a list element that does not exist', 'workloads.5.hpa.max=3', 'workloads has 2 elements, so there is no element 5'],
    ['an element of a list the scenario lacks', 'priorityClasses.0.value=3', 'priorityClasses is not in the scenario, so it has no element 0'],
    ['a key inside a value', 'workloads.0.name.x=3', 'no key "x"'],
  ])('refuses %s', (_what, set, want) => {
    expect(message(() => applySets(raw(), [set]))).toContain(want);
  });

  it('refuses a key inside a value written in its short form', () => {
    const r = { workloads: [{ name: 'web', serviceTime: '50ms' }] };
    expect(message(() => applySets(r, ['workloads.0.serviceTime.p99=1s']))).toBe(
      '--set workloads.0.serviceTime.p99=1s: workloads.0.serviceTime is "50ms" in the scenario, not a map: set the whole value instead',
    );
  });
});

describe('--set through loading', () => {
  it('validates the set value like the file, and says where it came from', () => {
    const [p] = problemsOf(minimal(), { sets: ['workloads.0.timeout=-5s'] });
    expect(p).toMatch(/workloads\.0\.timeout: duration must not be negative, got "-5s" \(from --set workloads\.0\.timeout=-5s\)$/);
  });

  it('overrides a key of the file', () => {
    const s = load(minimal(), { sets: ['workloads.0.replicas=4', 'nodeGroups.0.initial=3', 'clusterAutoscaler.expander=priority,least-waste'] });
    expect(s.workloads[0].replicas).toBe(4);
    expect(s.clusters[0].nodeGroups[0].initial).toBe(3);
    expect(s.clusters[0].clusterAutoscaler.expanders).toEqual(['priority', 'least-waste']);
  });

  it('refuses a bad path with one message naming it', () => {
    expect(problemsOf(minimal(), { sets: ['workloads.0.hpa.maxx=3'] })).toEqual([
      '--set workloads.0.hpa.maxx=3: workloads.0.hpa.maxx is not a key of the scenario format: workloads.0.hpa has no key "maxx" (did you mean "max"?)',
    ]);
  });
});

describe('the paths of the format', () => {
  const paths = listScenarioPaths();

  it('lists leaf paths with * for indexes and free-form keys', () => {
    for (const p of [
      'overprovisioner.*.replicasPerCluster',
      'clusterAutoscaler.expander',
      'workloads.*.hpa.max',
      'workloads.*.hpa.behavior.scaleUp.policies.*.value',
      'workloads.*.traffic.generator.bursts.*.peak',
      'routing.weights.*',
      'clusters.*',
      'clusters.*.overrides.nodeGroups.*.initial',
      'nodeGroups.*.provisioningDelay', // the short form
      'nodeGroups.*.provisioningDelay.median', // and the map form
      'slo.errorRate',
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths).not.toContain('workloads.*.hpa');
  });

  it('every listed path is a path of the format once * is filled in', () => {
    for (const p of paths) {
      const concrete = p.replace(/\*/g, '0');
      expect(isScenarioPath(concrete), concrete).toBe(true);
      expect(() => checkScenarioPath(concrete)).not.toThrow();
    }
  });

  it.each([
    ['workloads.0.hpa.max', true],
    ['workloads.0.hpa', true],
    ['workloads', true],
    ['workloads.x', false],
    ['workloads.0.hpa.maxx', false],
    ['', false],
  ])('isScenarioPath(%s) is %s', (p, ok) => expect(isScenarioPath(p)).toBe(ok));

  it('property: setting a number at any listed numeric path reads back the same value', () => {
    const numeric = ['seed', 'nodeGroups.0.max', 'nodeGroups.0.pricePerHour', 'workloads.0.concurrency', 'workloads.0.replicas'];
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.integer({ min: 0, max: 1e6 }), (path, n) => {
        const after = applySets(minimal(), [`${path}=${n}`]);
        let v: any = after;
        for (const seg of path.split('.')) v = v[seg];
        return v === n;
      }),
      { seed: 4242, numRuns: 100 },
    );
  });
});
