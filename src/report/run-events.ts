/**
 * A run's events as the report sees them: every event counted by its reason per cluster, and
 * all but the per-pod ones kept for the marks and the timeline. The same tally reads
 * events.jsonl's lines (from the file, or from a run in memory) and annotations.json's objects.
 */
import { HeadroomError } from '../errors.ts';
import { eventType, isPerPodName } from './event-types.ts';
import type { RunEvent } from './types.ts';

/** A lenient view of one event object; undefined if it has no time or neither kind nor reason. */
export function toRunEvent(o: Record<string, unknown>): RunEvent | undefined {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const timeSec = typeof o.time_s === 'number' ? o.time_s : Number(o.time_s);
  const reason = str(o.reason);
  const kind = str(o.kind) ?? reason;
  if (!Number.isFinite(timeSec) || !kind) return undefined;
  return { timeSec, kind, cluster: str(o.cluster), reason, message: str(o.message), type: eventType(kind, reason) };
}

/** The name an event is counted and listed under: its reason, else its kind. */
export function eventLabel(e: { kind: string; reason?: string }): string {
  return e.reason ?? e.kind;
}

const REASON_IN_LINE = /"reason"\s*:\s*"([^"\\]*)"/;
const KIND_IN_LINE = /"kind"\s*:\s*"([^"\\]*)"/;
const CLUSTER_IN_LINE = /"cluster"\s*:\s*"((?:[^"\\]|\\.)*)"/;

export class EventTally {
  /** notable events, oldest first once finished */
  readonly events: RunEvent[] = [];
  /** per cluster ('' for fleet-wide): how many events of each reason (or kind) */
  readonly counts: Record<string, Record<string, number>> = {};

  /** One event object (of annotations.json, or a parsed line). */
  take(o: unknown): void {
    if (o === null || typeof o !== 'object') return;
    const ev = toRunEvent(o as Record<string, unknown>);
    if (!ev) return;
    this.count(ev.cluster ?? '', eventLabel(ev));
    if (ev.type !== 'perPod') this.events.push(ev);
  }

  /** One line of events.jsonl; `where` names it in the error a bad line raises. */
  line(text: string, where: { file?: string; line?: number } = {}): void {
    if (text.trim() === '') return;
    // Per-pod events can be most of a long run's file: count them without a full parse.
    const reason = REASON_IN_LINE.exec(text)?.[1];
    const name = reason ?? KIND_IN_LINE.exec(text)?.[1];
    if (name !== undefined && isPerPodName(name)) {
      const cluster = CLUSTER_IN_LINE.exec(text)?.[1];
      this.count(cluster ? (JSON.parse(`"${cluster}"`) as string) : '', name);
      return;
    }
    let o: unknown;
    try {
      o = JSON.parse(text);
    } catch (e) {
      throw new HeadroomError('input', `not valid JSON: ${(e as Error).message}`, where);
    }
    this.take(o);
  }

  finish(): this {
    this.events.sort((a, b) => a.timeSec - b.timeSec);
    return this;
  }

  private count(cluster: string, label: string): void {
    const c = (this.counts[cluster] ??= {});
    c[label] = (c[label] ?? 0) + 1;
  }
}
