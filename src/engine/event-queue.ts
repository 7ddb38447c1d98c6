/**
 * A binary min-heap of events over flat typed arrays, ordered by (time, priority, sequence):
 * events at the same instant run by priority, then in the order they were scheduled, so a run is
 * reproducible. Each event carries a kind and two numeric payloads; nothing is allocated per event.
 */
const SEQ_SPAN = 2 ** 40; // sequence numbers below this; priority is folded above it

export class EventQueue {
  private cap: number;
  private time: Float64Array;
  /** priority * SEQ_SPAN + sequence: one comparison breaks both ties */
  private order: Float64Array;
  private kind: Int32Array;
  private a: Int32Array;
  private b: Float64Array;
  /** heap of slot indices */
  private heap: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  private nextSlot = 0;
  private seq = 0;
  size = 0;

  constructor(initialCapacity = 1024) {
    this.cap = initialCapacity;
    this.time = new Float64Array(initialCapacity);
    this.order = new Float64Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.a = new Int32Array(initialCapacity);
    this.b = new Float64Array(initialCapacity);
    this.heap = new Int32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
  }

  /** Adds an event; returns its slot, which stays valid until the event is popped or cancelled. */
  push(time: number, priority: number, kind: number, a = 0, b = 0): number {
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop];
    else {
      if (this.nextSlot === this.cap) this.grow();
      slot = this.nextSlot++;
    }
    this.time[slot] = time;
    this.order[slot] = priority * SEQ_SPAN + this.seq++;
    this.kind[slot] = kind;
    this.a[slot] = a;
    this.b[slot] = b;
    this.siftUp(this.size++, slot);
    return slot;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.size === 0 ? Infinity : this.time[this.heap[0]];
  }

  /**
   * Removes the next event and returns its slot. The slot's fields stay readable (slotTime, slotKind,
   * ...) until the next push.
   */
  pop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.size];
    if (this.size > 0) this.siftDown(0, last);
    this.free[this.freeTop++] = top;
    return top;
  }

  /** Marks a pending event so that it does nothing when it comes up (lazy deletion). */
  cancel(slot: number): void {
    this.kind[slot] = -1;
  }

  slotTime(slot: number): number {
    return this.time[slot];
  }
  slotKind(slot: number): number {
    return this.kind[slot];
  }
  slotA(slot: number): number {
    return this.a[slot];
  }
  slotB(slot: number): number {
    return this.b[slot];
  }

  private siftUp(pos: number, slot: number): void {
    const heap = this.heap;
    const time = this.time;
    const order = this.order;
    const t = time[slot];
    const o = order[slot];
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const parent = heap[parentPos];
      const tp = time[parent];
      if (tp < t || (tp === t && order[parent] < o)) break;
      heap[pos] = parent;
      pos = parentPos;
    }
    heap[pos] = slot;
  }

  private siftDown(pos: number, slot: number): void {
    // comparisons written out: this loop is the engine's hot path
    const heap = this.heap;
    const time = this.time;
    const order = this.order;
    const n = this.size;
    const half = n >> 1;
    const t = time[slot];
    const o = order[slot];
    while (pos < half) {
      let child = 2 * pos + 1;
      let c = heap[child];
      let tc = time[c];
      const right = child + 1;
      if (right < n) {
        const r = heap[right];
        const tr = time[r];
        if (tr < tc || (tr === tc && order[r] < order[c])) {
          child = right;
          c = r;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && o < order[c])) break;
      heap[pos] = c;
      pos = child;
    }
    heap[pos] = slot;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Float64Array | Int32Array>(arr: T, Ctor: new (n: number) => T): T => {
      const next = new Ctor(cap);
      next.set(arr);
      return next;
    };
    this.time = g(this.time, Float64Array);
    this.order = g(this.order, Float64Array);
    this.kind = g(this.kind, Int32Array);
    this.a = g(this.a, Int32Array);
    this.b = g(this.b, Float64Array);
    this.heap = g(this.heap, Int32Array);
    this.free = g(this.free, Int32Array);
    this.cap = cap;
  }
}
