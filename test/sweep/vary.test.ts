import { describe, expect, it } from 'vitest';
import { planSweep } from '../../src/sweep/index.ts';
import { TINY } from './fixtures/tmp.ts';
import { HeadroomError } from '../../src/errors.ts';
import { expandRange, parseVary } from '../../src/sweep/vary.ts';

const P = 'overprovisioner.0.replicasPerCluster';

describe('parseVary', () => {
  it.each([
    // start:end:step, end included: 0, 10, ..., 100 is 100 / 10 + 1 = 11 values
    [`${P}=0:100:10`, ['0', '10', '20', '30', '40', '50', '60', '70', '80', '90', '100'], [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]],
    // the end is included only when a step lands on it: 0, 30, 60, 90 (120 > 100)
    [`${P}=0:100:30`, ['0', '30', '60', '90'], [0, 30, 60, 90]],
    // step 1 by default
    [`${P}=3:5`, ['3', '4', '5'], [3, 4, 5]],
    // a list keeps the user's order
    [`${P}=50,0,20`, ['50', '0', '20'], [50, 0, 20]],
    // a single value is an axis of one
    [`${P}=40`, ['40'], [40]],
  ])('%s', (text, texts, values) => {
    const axis = parseVary(text);
    expect(axis.path).toBe(P);
    expect(axis.values.map((v) => v.text)).toEqual(texts);
    expect(axis.values.map((v) => v.value)).toEqual(values);
  });

  it('keeps durations and quantities as the strings --set would get', () => {
    expect(parseVary('clusterAutoscaler.scanInterval=10s,30s,1m').values.map((v) => v.value)).toEqual(['10s', '30s', '1m']);
    expect(parseVary('workloads.0.requests.cpu=250m,500m,1').values.map((v) => v.value)).toEqual(['250m', '500m', 1]);
    // a range in one unit: 30s, 60s, 90s, 120s
    expect(parseVary('clusterAutoscaler.scanInterval=30s:120s:30s').values.map((v) => v.text)).toEqual(['30s', '60s', '90s', '120s']);
    expect(parseVary('workloads.0.requests.memory=1Gi:3Gi:1Gi').values.map((v) => v.text)).toEqual(['1Gi', '2Gi', '3Gi']);
  });

  it('splits on | when a value holds commas (an expander chain)', () => {
    expect(parseVary('clusterAutoscaler.expander=random|priority,least-waste').values.map((v) => v.text)).toEqual(['random', 'priority,least-waste']);
  });

  it('counts decimal steps without floating-point drift', () => {
    // 0.1 + 2 x 0.1 is 0.30000000000000004 in floating point; in tenths it is 3 / 10
    expect(expandRange('0.1:0.5:0.1')).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5']);
    expect(expandRange('-10:-4:3')).toEqual(['-10', '-7', '-4']);
  });

  it.each([
    [`${P}`, /expected path=values/],
    [`${P}=`, /no values/],
    ['overprovisioner.0.replicasPerClustr=0:10:5', /not a key of the scenario format.*replicasPerCluster/],
    ['seed=1,2', /--seeds/],
    [`${P}=0:100:0`, /step .* above zero/],
    [`${P}=100:0:10`, /starts above its end/],
    [`${P}=0:10:2:1`, /start:end or start:end:step/],
    [`${P}=0:ten:1`, /"ten" .* not a number/],
    ['clusterAutoscaler.scanInterval=1m:120s:30s', /mixes units/],
    [`${P}=10,,20`, /empty value/],
    [`${P}=10,20,10`, /10 appears twice/],
    [`${P}=0:1000000:1`, /more than the 100000/],
  ])('refuses %s', (text, message) => {
    expect(() => parseVary(text)).toThrow(HeadroomError);
    expect(() => parseVary(text)).toThrow(message);
  });

  it('names the flag and the path in its errors', () => {
    try {
      parseVary('workloads.0.hpaa.max=1,2');
      expect.unreachable();
    } catch (e) {
      expect((e as HeadroomError).message).toMatch(/^--vary workloads\.0\.hpaa\.max=1,2: .*did you mean "hpa"/);
      expect((e as HeadroomError).path).toBe('workloads.0.hpaa.max');
    }
  });
});

describe('a grid point the scenario rejects', () => {
  it('is named as --vary, not --set, in the error', () => {
    const plan = () => planSweep({ file: TINY, vary: ['overprovisioner.0.replicasPerCluster=-5,0'], sets: ['workloads.0.replicas=12'] });
    expect(plan).toThrow(/with --vary replicasPerCluster=-5: .*overprovisioner\.0\.replicasPerCluster: must be at least 0 \(from --vary overprovisioner\.0\.replicasPerCluster=-5\)$/);
    // a --set still says --set
    expect(() => planSweep({ file: TINY, vary: ['overprovisioner.0.replicasPerCluster=0'], sets: ['workloads.0.replicas=-1'] })).toThrow(/\(from --set workloads\.0\.replicas=-1\)/);
  });
});
