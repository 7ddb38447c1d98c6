/**
 * The latency of the requests served while a change ran: the run's sketch of a queue as it stood
 * when the change ended, less what it held when the change started. The sketch's bins only ever
 * grow, so the difference is exactly the requests added in between, and its quantiles keep the
 * sketch's relative-error bound.
 */
import { LatencySketch, type LatencySketchJson } from '../../maths/latency-sketch.ts';

/** `after` minus `before` (same sketch, read at two times), as a sketch of its own. */
export function sketchSince(before: LatencySketchJson, after: LatencySketchJson): LatencySketch {
  const counts: number[] = [];
  for (let i = 0; i < after.counts.length; i++) {
    const key = after.minKey + i;
    const j = key - before.minKey;
    const was = j >= 0 && j < before.counts.length ? before.counts[j] : 0;
    // float sums may leave a crumb below zero where nothing was added
    counts.push(Math.max(0, after.counts[i] - was));
  }
  const zeroCount = Math.max(0, after.zeroCount - before.zeroCount);
  const count = Math.max(0, counts.reduce((a, b) => a + b, 0) + zeroCount);
  return LatencySketch.fromJSON({
    relativeAccuracy: after.relativeAccuracy,
    minKey: after.minKey,
    counts,
    zeroCount,
    count,
    sum: [after.sum[0] + after.sum[1] - before.sum[0] - before.sum[1], 0],
    min: after.min,
    max: after.max,
  });
}
