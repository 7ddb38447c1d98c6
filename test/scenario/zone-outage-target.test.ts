/** routing.outages[].zone: the same line takes a zone's own cluster, or that zone of the cluster spanning it. */
import { describe, expect, it } from 'vitest';
import { scenarioFromYaml } from '../helpers/scenario.ts';
import { smallFleet } from '../helpers/scenario.ts';

const outage = '{at: 5m, zone: az-b, for: 10m, autoShift: true}';

describe('an outage by zone', () => {
  it('in a fleet of single-zone clusters: the zone is its cluster, which goes down whole', () => {
    const s = scenarioFromYaml(smallFleet({ clusters: '[az-a, az-b]' }), [`routing.outages=[${outage}]`]);
    expect(s.routing.outages.map((o) => [o.cluster, o.zone])).toEqual([['az-b', undefined]]);
  });
  it('in one cluster over the zones: that zone of the cluster', () => {
    const s = scenarioFromYaml(smallFleet({ clusters: '[{name: fleet, zones: [az-a, az-b]}]' }), [`routing.outages=[${outage}]`]);
    expect(s.routing.outages.map((o) => [o.cluster, o.zone])).toEqual([['fleet', 'az-b']]);
  });
});
