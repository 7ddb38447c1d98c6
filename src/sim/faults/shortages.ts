/**
 * When each (cluster, node group), or one type of a mixed-instances group, is short of capacity: the scenario's scheduled shortages, and the
 * random ones drawn once at the start (a Poisson process of starts, `perDay` a day on average, each
 * from its own stream `faults/shortage/<index>/<cluster>`), as windows [from, to).
 */
import { exponential, type Rng } from '../../engine/random.ts';
import { faultTargets } from '../../scenario/fault-targets.ts';
import type { Scenario } from '../../scenario/types.ts';

const DAY_SEC = 86_400;

export class CapacityShortages {
  /** by cluster, then node group: flat [from, to, from, to, ...] */
  private readonly windows: number[][][];
  /** a mixed-instances group's shortages of one type: by cluster, node group, then type index */
  private readonly typeWindows: number[][][][];

  constructor(scenario: Scenario, rng: (name: string) => Rng) {
    this.windows = scenario.clusters.map((c) => c.nodeGroups.map(() => []));
    this.typeWindows = scenario.clusters.map((c) => c.nodeGroups.map((g) => (g.instanceTypes ?? []).map(() => [])));
    (scenario.faults?.shortages ?? []).forEach((s, i) => {
      scenario.clusters.forEach((c, ci) => {
        if (s.cluster !== undefined && s.cluster !== c.name) return;
        const targets = faultTargets(c.nodeGroups, s.nodeGroup);
        if (targets.length === 0) return;
        const ws =
          s.instanceType === undefined
            ? targets.map((gi) => this.windows[ci][gi])
            : targets.flatMap((gi) => {
                const ti = (c.nodeGroups[gi].instanceTypes ?? []).findIndex((t) => t.instance.type === s.instanceType);
                return ti < 0 ? [] : [this.typeWindows[ci][gi][ti]];
              });
        if (s.kind === 'scheduled') {
          for (const w of ws) w.push(s.atSec, s.atSec + s.forSec);
          return;
        }
        if (s.perDay <= 0) return;
        const draw = rng(`faults/shortage/${i}/${c.name}`);
        for (let t = exponential(draw, DAY_SEC / s.perDay); t < scenario.durationSec; t += exponential(draw, DAY_SEC / s.perDay)) {
          for (const w of ws) w.push(t, t + s.forSec);
        }
      });
    });
  }

  /** Would a launch in this group (of this type of a mixed-instances group) fail now? */
  isShort(cluster: number, group: number, nowSec: number, typeIndex = -1): boolean {
    if (inWindow(this.windows[cluster][group], nowSec)) return true;
    return typeIndex >= 0 && inWindow(this.typeWindows[cluster][group][typeIndex], nowSec);
  }

  /** A mixed-instances group's first type that has capacity now, or -1 when every one is short. */
  firstAvailableType(cluster: number, group: number, nowSec: number): number {
    const types = this.typeWindows[cluster][group];
    for (let t = 0; t < types.length; t++) if (!this.isShort(cluster, group, nowSec, t)) return t;
    return -1;
  }
}

function inWindow(w: readonly number[], nowSec: number): boolean {
  for (let k = 0; k < w.length; k += 2) if (nowSec >= w[k] && nowSec < w[k + 1]) return true;
  return false;
}
