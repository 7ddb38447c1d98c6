/** The work a scenario asks for, estimated from the scenario alone (src/scenario/budget.ts). */
import { describe, it, expect } from 'vitest';
import { estimateWork, judgeWork } from '../../src/scenario/budget.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

describe('the work estimate', () => {
  it('the estimate is made from the scenario alone', () => {
    const s = scenarioFromYaml(smallFleet({ duration: '1h', clusters: '[az-a, az-b]', hpa: 'hpa: {min: 4, max: 200}', placeholders: 10 }));
    const est = estimateWork(s, { runs: 3 });
    expect(est).toMatchObject({ steps: 360, clusters: 2, workloads: 1, seriesRows: 360 * 2 * 2, podsAtMaxPerCluster: 210, nodesAtMaxPerCluster: 50, runs: 3, clusterSteps: 360 * 2 * 2 * 3 });
    expect(judgeWork(est)).toEqual({ over: [], near: [] });
    expect(estimateWork(s, { summaryOnly: true }).seriesRows).toBe(0);
  });

  it('says what is past a limit and what is near one, with the figures', () => {
    const s = scenarioFromYaml(smallFleet({ duration: '1h' }), ['nodeGroups.0.max=60000', 'workloads.0.hpa={min: 4, max: 200000}']);
    const v = judgeWork(estimateWork(s));
    expect(v.over).toEqual(['60,000 nodes in a cluster with every node group at its maximum (the limit is 50,000)']);
    expect(v.near).toEqual(['200,000 pods in a cluster with every HPA and over-provisioner at its maximum (more than 150,000; the limit is 1,500,000)']);
  });
});
