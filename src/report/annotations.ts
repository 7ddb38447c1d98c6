/**
 * Events turned into what the charts mark on their time axes (outage windows, traffic shifts,
 * scale-ups, scale-downs, preemptions) and into the page's timeline of notable moments.
 */
import type { EventType } from './event-types.ts';
import type { RunEvent } from './types.ts';

export interface Window {
  cluster: string;
  startSec: number;
  endSec: number;
}

export interface Mark {
  timeSec: number;
  cluster: string;
  label: string;
  /** how many events this mark stands for (close events are merged) */
  count: number;
}

export interface Annotations {
  outages: Window[];
  shifts: Mark[];
  scaleUps: Mark[];
  scaleDowns: Mark[];
  preemptions: Mark[];
}

export interface TimelineRow {
  startSec: number;
  endSec: number;
  cluster: string;
  kind: string;
  count: number;
  text: string;
}


/** Merge marks of one cluster that fall within mergeSec of the first of their group. */
export function mergeMarks(marks: Mark[], mergeSec: number): Mark[] {
  const out: Mark[] = [];
  const open = new Map<string, Mark>();
  for (const m of [...marks].sort((a, b) => a.timeSec - b.timeSec)) {
    const cur = open.get(m.cluster);
    if (cur && m.timeSec - cur.timeSec <= mergeSec) {
      cur.count += m.count;
      continue;
    }
    const copy = { ...m };
    open.set(m.cluster, copy);
    out.push(copy);
  }
  return out;
}

/**
 * Annotations for a run of durationSec. Marks closer than mergeSec merge into one so a chart
 * a few hundred pixels wide never draws thousands of overlapping rules.
 */
export function buildAnnotations(events: RunEvent[], durationSec: number, mergeSec: number): Annotations {
  const outages: Window[] = [];
  const openOutage = new Map<string, number>();
  const marks = (type: EventType): Mark[] =>
    events
      .filter((e) => e.type === type)
      .map((e) => ({ timeSec: e.timeSec, cluster: e.cluster ?? '', label: e.message ?? e.reason ?? e.kind, count: 1 }));
  for (const e of events) {
    const cluster = e.cluster ?? '';
    if (e.type === 'outage' && !openOutage.has(cluster)) openOutage.set(cluster, e.timeSec);
    if (e.type === 'recovered' && openOutage.has(cluster)) {
      outages.push({ cluster, startSec: openOutage.get(cluster)!, endSec: e.timeSec });
      openOutage.delete(cluster);
    }
  }
  for (const [cluster, startSec] of openOutage) outages.push({ cluster, startSec, endSec: durationSec });
  outages.sort((a, b) => a.startSec - b.startSec);
  return {
    outages,
    shifts: marks('shift'),
    scaleUps: mergeMarks(marks('scaleUp'), mergeSec),
    scaleDowns: mergeMarks(marks('scaleDown'), mergeSec),
    preemptions: mergeMarks(marks('preempted'), mergeSec),
  };
}

const GROUP_NOUN: Partial<Record<EventType, [string, string]>> = {
  scaleUp: ['scale-up', 'scale-ups'],
  scaleDown: ['scale-down', 'scale-downs'],
  preempted: ['preemption', 'preemptions'],
  nodeReady: ['node Ready', 'nodes Ready'],
  rescale: ['HPA rescale', 'HPA rescales'],
  provisionFailed: ['node not provisioned', 'nodes not provisioned'],
  spotInterrupted: ['spot interruption', 'spot interruptions'],
  failedLaunch: ['failed launch', 'failed launches'],
  backOff: ['node-group backoff', 'node-group backoffs'],
  rollout: ['ReplicaSet scaling', 'ReplicaSet scalings'],
  consolidated: ['consolidation', 'consolidations'],
  expired: ['node expired', 'nodes expired'],
};

/** Event types that change the story: listed first, the rest goes under "more". */
const NOTABLE = new Set<EventType>([
  'outage',
  'recovered',
  'shift',
  'scaleUp',
  'scaleDown',
  'preempted',
  'provisionFailed',
  'spotInterrupted',
  'failedLaunch',
  'backOff',
  'changeStarted',
  'changeEnded',
  'rolledBack',
  'progressDeadline',
  'consolidated',
  'expired',
]);

export interface Timeline {
  notable: TimelineRow[];
  more: TimelineRow[];
  /** rows left out of `more` to keep the page small */
  moreLeftOut: number;
}

/**
 * The moments of the run, oldest first: outages, recoveries and shifts one by one; other
 * events grouped per cluster and type while they keep coming within groupSec of each other.
 * Notable types (scale-ups, preemptions, outages, ...) apart from the rest (HPA, nodes Ready).
 */
export function buildTimeline(events: RunEvent[], groupSec: number, maxMore = 300): Timeline {
  const rows: (TimelineRow & { type: EventType })[] = [];
  const open = new Map<string, TimelineRow>();
  for (const e of events) {
    const cluster = e.cluster ?? '';
    const kind = e.reason ?? e.kind;
    const text = e.message ?? '';
    // one row each: a change's start and end are the moments the page is asked to show
    if (e.type === 'outage' || e.type === 'recovered' || e.type === 'shift' || e.type === 'changeStarted' || e.type === 'changeEnded' || e.type === 'rolledBack') {
      rows.push({ startSec: e.timeSec, endSec: e.timeSec, cluster, kind, count: 1, text, type: e.type });
      continue;
    }
    const key = `${cluster}\u0000${e.type}\u0000${kind}`;
    const cur = open.get(key);
    if (cur && e.timeSec - cur.endSec <= groupSec) {
      cur.endSec = e.timeSec;
      cur.count++;
      cur.text = text || cur.text;
      continue;
    }
    const row = { startSec: e.timeSec, endSec: e.timeSec, cluster, kind, count: 1, text, type: e.type };
    open.set(key, row);
    rows.push(row);
  }
  for (const r of rows) {
    if (r.count > 1) {
      const plural = GROUP_NOUN[r.type]?.[1] ?? `${r.kind} events`;
      r.text = `${r.count} ${plural}; last: ${r.text}`;
    }
  }
  const strip = ({ type: _type, ...r }: TimelineRow & { type: EventType }): TimelineRow => r;
  const more = rows.filter((r) => !NOTABLE.has(r.type));
  return {
    notable: rows.filter((r) => NOTABLE.has(r.type)).map(strip),
    more: more.slice(0, maxMore).map(strip),
    moreLeftOut: Math.max(0, more.length - maxMore),
  };
}
