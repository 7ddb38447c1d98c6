import { HeadroomError } from '../../errors.ts';
import type { RoutingSpec } from '../../scenario/types.ts';
import { outageWindows } from './outages.ts';
import { LevelTrack } from './track.ts';

/**
 * Each cluster's level of being in rotation is the product of two tracks: the manual one
 * (shifts: `drain` ramps it to 0, `restore` back to 1) and the automatic one (an outage with
 * autoShift ramps it to 0 once the detection delay has passed and back to 1 when the outage
 * ends). Either one alone takes the cluster out; both must be back for it to be fully in.
 */
export class RotationLevels {
  readonly manual: LevelTrack[];
  readonly automatic: LevelTrack[];

  constructor(routing: RoutingSpec, clusterNames: string[]) {
    const index = clusterIndex(clusterNames);
    this.manual = clusterNames.map(() => new LevelTrack());
    this.automatic = clusterNames.map(() => new LevelTrack());

    const shifts = routing.shifts.map((s, i) => ({ s, i })).sort((a, b) => a.s.atSec - b.s.atSec);
    for (const { s, i } of shifts) {
      const c = lookup(index, s.cluster, `routing.shifts.${i}.cluster`);
      checkDuration(s.overSec, `routing.shifts.${i}.over`);
      this.manual[c].rampTo(s.atSec, s.action === 'drain' ? 0 : 1, s.overSec);
    }

    routing.outages.forEach((o, i) => {
      lookup(index, o.cluster, `routing.outages.${i}.cluster`);
      checkDuration(o.forSec, `routing.outages.${i}.for`);
      checkDuration(o.detectionDelaySec, `routing.outages.${i}.detectionDelay`);
      checkDuration(o.shiftOverSec, `routing.outages.${i}.shiftOver`);
    });
    for (const [cluster, windows] of outageWindows(routing)) {
      const track = this.automatic[index.get(cluster) as number];
      for (const w of windows) {
        const detectedSec = w.startSec + w.detectionDelaySec;
        // an outage over before anyone noticed moves no traffic
        if (!w.autoShift || detectedSec >= w.endSec) continue;
        track.rampTo(detectedSec, 0, w.shiftOverSec);
        track.rampTo(w.endSec + w.restoreDelaySec, 1, w.shiftOverSec);
      }
    }
  }

  /** The level of cluster `c` at `t`, in [0, 1]. */
  at(c: number, t: number): number {
    return this.manual[c].at(t) * this.automatic[c].at(t);
  }

  /** Every time a level may bend or jump, sorted. */
  knotTimes(): number[] {
    const all = new Set<number>();
    for (const track of [...this.manual, ...this.automatic]) for (const t of track.times) all.add(t);
    return [...all].sort((a, b) => a - b);
  }
}

function clusterIndex(clusterNames: string[]): Map<string, number> {
  const index = new Map<string, number>();
  clusterNames.forEach((name, i) => index.set(name, i));
  return index;
}

function lookup(index: Map<string, number>, cluster: string, path: string): number {
  const c = index.get(cluster);
  if (c === undefined) {
    throw new HeadroomError('scenario', `unknown cluster "${cluster}"; the clusters are ${[...index.keys()].join(', ')}`, { path });
  }
  return c;
}

function checkDuration(sec: number, path: string): void {
  if (!(sec >= 0) || !Number.isFinite(sec)) throw new HeadroomError('scenario', `must be a duration >= 0, got ${sec}`, { path });
}
