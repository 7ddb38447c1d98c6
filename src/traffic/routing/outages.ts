import type { OutageSpec, RoutingSpec } from '../../scenario/types.ts';

export interface OutageWindow {
  cluster: string;
  startSec: number;
  endSec: number;
  autoShift: boolean;
  detectionDelaySec: number;
  shiftOverSec: number;
  restoreDelaySec: number;
}

/**
 * The zone outages per cluster, overlapping ones of the same cluster merged into one window
 * (the earliest outage's detection and shift settings apply; autoShift if any of them has it).
 * The simulation takes the cluster's nodes away for each window; routing shifts traffic away.
 */
export function outageWindows(routing: RoutingSpec): Map<string, OutageWindow[]> {
  const byCluster = new Map<string, OutageSpec[]>();
  for (const o of routing.outages) {
    // one zone of a cluster over several: the cluster keeps its traffic (its Service drops the zone's pods)
    if (o.zone !== undefined) continue;
    const list = byCluster.get(o.cluster) ?? [];
    list.push(o);
    byCluster.set(o.cluster, list);
  }
  const windows = new Map<string, OutageWindow[]>();
  for (const [cluster, outages] of byCluster) {
    const sorted = [...outages].sort((a, b) => a.atSec - b.atSec);
    const merged: OutageWindow[] = [];
    for (const o of sorted) {
      const last = merged[merged.length - 1];
      const endSec = o.atSec + o.forSec;
      if (last && o.atSec <= last.endSec) {
        last.endSec = Math.max(last.endSec, endSec);
        last.autoShift ||= o.autoShift;
      } else {
        merged.push({
          cluster,
          startSec: o.atSec,
          endSec,
          autoShift: o.autoShift,
          detectionDelaySec: o.detectionDelaySec,
          shiftOverSec: o.shiftOverSec,
          restoreDelaySec: o.restoreDelaySec ?? 0,
        });
      }
    }
    windows.set(cluster, merged);
  }
  return windows;
}

/** Whether `cluster` is in an outage at `timeSec` (windows are [start, end)). */
export function inOutage(windows: Map<string, OutageWindow[]>, cluster: string, timeSec: number): boolean {
  return (windows.get(cluster) ?? []).some((w) => timeSec >= w.startSec && timeSec < w.endSec);
}
