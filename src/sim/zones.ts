/** Zone outages and traffic shifts as timed events: the world's side of routing. */
import type { Scenario } from '../scenario/types.ts';
import { installNodeLifecycle, type ZoneOutages } from './node-lifecycle.ts';
import { PRIORITY, type World } from './world.ts';

export function installZoneEvents(world: World, scenario: Scenario): void {
  const byName = new Map(world.clusters.map((c) => [c.name, c]));
  const e = world.engine;
  // one zone of a cluster over several: the node lifecycle and taint-eviction controllers act
  let inCluster: ZoneOutages | null = null;
  if (scenario.routing.outages.some((o) => o.zone !== undefined)) inCluster = installNodeLifecycle(world);
  const down = e.defineKind('ZoneDown', PRIORITY.zone, (ci, oi) => {
    const c = world.clusters[ci];
    const o = scenario.routing.outages[oi];
    if (o.zone !== undefined) {
      inCluster!.down(c, o.zone);
      world.log.add(
        { time_s: world.now, cluster: c.name, kind: 'Zone', reason: 'ZoneOutage', object: o.zone, message: `zone ${o.zone} of ${c.name} is down for ${o.forSec}s: its nodes stop reporting; the rest of the cluster carries on` },
        true,
      );
      return;
    }
    world.zoneDown(c);
    world.log.add(
      {
        time_s: world.now,
        cluster: c.name,
        kind: 'Zone',
        reason: 'ZoneOutage',
        object: c.name,
        message: `zone ${c.name} is down for ${o.forSec}s${o.autoShift ? `; traffic shifts away after ${o.detectionDelaySec}s` : '; its traffic still arrives and fails'}`,
      },
      true,
    );
  });
  const up = e.defineKind('ZoneUp', PRIORITY.zone, (ci, oi) => {
    const c = world.clusters[ci];
    const zone = scenario.routing.outages[oi].zone;
    if (zone !== undefined) {
      inCluster!.up(c, zone);
      world.log.add({ time_s: world.now, cluster: c.name, kind: 'Zone', reason: 'ZoneRecovered', object: zone, message: `zone ${zone} of ${c.name} is back` }, true);
      return;
    }
    world.zoneUp(c);
    world.log.add(
      { time_s: world.now, cluster: c.name, kind: 'Zone', reason: 'ZoneRecovered', object: c.name, message: `zone ${c.name} is back` },
      true,
    );
  });
  const shift = e.defineKind('TrafficShift', PRIORITY.zone, (ci, si) => {
    const c = world.clusters[ci];
    const s = scenario.routing.shifts[si];
    world.log.add(
      {
        time_s: world.now,
        cluster: c.name,
        kind: 'Traffic',
        reason: s.action === 'drain' ? 'TrafficDrain' : 'TrafficRestore',
        object: c.name,
        message: `${s.action === 'drain' ? 'draining' : 'restoring'} ${c.name}'s traffic over ${s.overSec}s`,
      },
      true,
    );
  });
  scenario.routing.outages.forEach((o, oi) => {
    const c = byName.get(o.cluster);
    if (!c || o.atSec >= scenario.durationSec) return;
    e.schedule(o.atSec, down, c.index, oi);
    if (o.atSec + o.forSec < scenario.durationSec) e.schedule(o.atSec + o.forSec, up, c.index, oi);
  });
  scenario.routing.shifts.forEach((s, si) => {
    const c = byName.get(s.cluster);
    if (!c || s.atSec >= scenario.durationSec) return;
    e.schedule(s.atSec, shift, c.index, si);
  });
}
