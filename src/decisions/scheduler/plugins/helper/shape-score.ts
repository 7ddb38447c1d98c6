/**
 * BuildBrokenLinearFunction (pkg/scheduler/framework/plugins/helper/shape_score.go): a function
 * made of straight segments between the shape's points; below the first point it is the first
 * score, above the last the last. Integer arithmetic as upstream's (Go's int64 division truncates
 * toward zero, so a falling segment rounds up).
 */
import type { UtilizationShapePoint } from '../../framework.ts';

/** The function's value at `p`; `shape` is non-empty with increasing utilizations. Allocation-free. */
export function brokenLinear(shape: readonly UtilizationShapePoint[], p: number): number {
  for (let i = 0; i < shape.length; i++) {
    if (p > shape[i].utilization) continue;
    if (i === 0) return shape[0].score;
    const a = shape[i - 1];
    const b = shape[i];
    return a.score + Math.trunc(((b.score - a.score) * (p - a.utilization)) / (b.utilization - a.utilization));
  }
  return shape[shape.length - 1].score;
}
