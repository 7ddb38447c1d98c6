/**
 * The classic hold benchmark: keep N events pending; each step pops the earliest and schedules a
 * new one an exponential time later. The engine (typed-array heap + kind dispatch) is measured
 * beside a bare binary heap of float64 times, the floor any event queue is compared with.
 */
import { Engine } from '../src/engine/index.ts';

const PENDING = 10_000;

/** A bare min-heap of times in one Float64Array: nothing but sift-up and sift-down. */
function bareHeapRate(ops: number): number {
  const heap = new Float64Array(PENDING + 1);
  let size = 0;
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed + 1) / 0x80000001;
  };
  const push = (t: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= t) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = t;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap[--size];
    let i = 0;
    const half = size >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      if (c + 1 < size && heap[c + 1] < heap[c]) c++;
      if (heap[c] >= last) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return top;
  };
  for (let i = 0; i < PENDING; i++) push(-Math.log(rand()));
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) {
    const now = pop();
    push(now - Math.log(rand()));
  }
  return ops / ((performance.now() - t0) / 1000);
}

function engineRate(ops: number): number {
  const e = new Engine(1);
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed + 1) / 0x80000001;
  };
  let left = ops;
  const kind = e.defineKind('hold', 0, (_a, _b, now) => {
    if (left-- > 0) e.schedule(now - Math.log(rand()), kind);
  });
  for (let i = 0; i < PENDING; i++) e.schedule(-Math.log(rand()), kind);
  const t0 = performance.now();
  while (left > 0 && e.step()) {
    /* handlers do the work */
  }
  return ops / ((performance.now() - t0) / 1000);
}

export function benchEngine(): { engineHoldEventsPerSec: number; bareHeapEventsPerSec: number; engineShareOfBareHeap: number } {
  const ops = 3_000_000;
  // warm both up, then take the better of three runs each
  bareHeapRate(200_000);
  engineRate(200_000);
  let bare = 0;
  let eng = 0;
  for (let i = 0; i < 3; i++) {
    bare = Math.max(bare, bareHeapRate(ops));
    eng = Math.max(eng, engineRate(ops));
  }
  return {
    engineHoldEventsPerSec: Math.round(eng),
    bareHeapEventsPerSec: Math.round(bare),
    engineShareOfBareHeap: Math.round((eng / bare) * 1000) / 1000,
  };
}
