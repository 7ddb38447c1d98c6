/**
 * The simulation clock: an event queue, handlers registered per event kind, and named random
 * streams. It knows nothing of what the events mean.
 */
import { EventQueue } from './event-queue.ts';
import { RandomStreams, type Rng } from './random.ts';

export type Handler = (a: number, b: number, now: number) => void;

export class Engine {
  now = 0;
  /** events handled so far (cancelled ones excluded) */
  events = 0;
  readonly queue = new EventQueue(4096);
  readonly random: RandomStreams;
  private handlers: Handler[] = [];
  private priorities: number[] = [];
  private names: string[] = [];

  constructor(seed: number | string) {
    this.random = new RandomStreams(seed);
  }

  /**
   * Registers an event kind; `priority` orders kinds that fall on the same instant (lower first).
   * Returns the kind's id to pass to schedule().
   */
  defineKind(name: string, priority: number, handler: Handler): number {
    this.handlers.push(handler);
    this.priorities.push(priority);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  kindName(kind: number): string {
    return this.names[kind];
  }

  /** Schedules an event `kind` at absolute time `at` (never in the past). Returns a cancellable id. */
  schedule(at: number, kind: number, a = 0, b = 0): number {
    if (!(at >= this.now)) throw new Error(`event ${this.names[kind]} scheduled in the past: ${at} < ${this.now}`);
    return this.queue.push(at, this.priorities[kind], kind, a, b);
  }

  cancel(id: number): void {
    this.queue.cancel(id);
  }

  rng(name: string): Rng {
    return this.random.stream(name);
  }

  /** Handles the next event; false when the queue is empty. */
  step(): boolean {
    const q = this.queue;
    if (q.size === 0) return false;
    const slot = q.pop();
    const kind = q.slotKind(slot);
    this.now = q.slotTime(slot);
    if (kind >= 0) {
      this.events++;
      this.handlers[kind](q.slotA(slot), q.slotB(slot), this.now);
    }
    return true;
  }

  /** Runs every event at or before `until`, then sets the clock to `until`. */
  run(until: number): void {
    const q = this.queue;
    const handlers = this.handlers;
    while (q.size > 0 && q.peekTime() <= until) {
      // pop, then read the slot before the handler runs (it may push and reuse the slot)
      const slot = q.pop();
      const kind = q.slotKind(slot);
      this.now = q.slotTime(slot);
      if (kind < 0) continue;
      this.events++;
      handlers[kind](q.slotA(slot), q.slotB(slot), this.now);
    }
    if (until > this.now && until !== Infinity) this.now = until;
  }
}
