import type { RoutingSpec } from '../../scenario/types.ts';
import { outageWindows } from './outages.ts';

export type RoutingEventReason = 'drain' | 'restore' | 'outage-start' | 'outage-shift-away' | 'outage-end' | 'outage-shift-back';

/** A change of routing, for events.jsonl: the ramp starts at `timeSec` and lasts `overSec`. */
export interface RoutingEvent {
  timeSec: number;
  cluster: string;
  reason: RoutingEventReason;
  /** the level the cluster ramps to (1 in rotation, 0 drained); absent when traffic does not move */
  toLevel?: number;
  overSec: number;
}

/**
 * Every traffic shift in time order: manual drains and restores, and for each outage its start,
 * the automatic shift away after the detection delay (only with autoShift, and only if the
 * outage outlasts the delay), its end, and the shift back.
 */
export function routingEvents(routing: RoutingSpec): RoutingEvent[] {
  const events: RoutingEvent[] = routing.shifts.map((s) => ({
    timeSec: s.atSec,
    cluster: s.cluster,
    reason: s.action,
    toLevel: s.action === 'drain' ? 0 : 1,
    overSec: s.overSec,
  }));
  for (const windows of outageWindows(routing).values()) {
    for (const w of windows) {
      events.push({ timeSec: w.startSec, cluster: w.cluster, reason: 'outage-start', overSec: 0 });
      const detectedSec = w.startSec + w.detectionDelaySec;
      const shifted = w.autoShift && detectedSec < w.endSec;
      if (shifted) {
        events.push({ timeSec: detectedSec, cluster: w.cluster, reason: 'outage-shift-away', toLevel: 0, overSec: w.shiftOverSec });
      }
      events.push({ timeSec: w.endSec, cluster: w.cluster, reason: 'outage-end', overSec: 0 });
      if (shifted) {
        events.push({ timeSec: w.endSec, cluster: w.cluster, reason: 'outage-shift-back', toLevel: 1, overSec: w.shiftOverSec });
      }
    }
  }
  // stable: same-instant events keep the order above (a drain before an outage's shift)
  return events.sort((a, b) => a.timeSec - b.timeSec);
}
