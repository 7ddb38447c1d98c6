/**
 * events.jsonl: what happened, one JSON object a line, in the spirit of `kubectl get events`.
 * Only kept when asked for (`--events`); counting never depends on it.
 */
export interface SimEvent {
  time_s: number;
  cluster: string;
  kind: string;
  reason: string;
  object: string;
  message: string;
  [extra: string]: unknown;
}

export class EventLog {
  readonly lines: string[] = [];
  /** the few events the report annotates its charts with, kept even without --events */
  readonly annotations: SimEvent[] = [];

  constructor(readonly enabled: boolean) {}

  add(ev: SimEvent, annotate = false): void {
    if (this.enabled) this.lines.push(JSON.stringify(ev));
    if (annotate) this.annotations.push(ev);
  }
}
