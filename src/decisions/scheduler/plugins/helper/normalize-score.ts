/**
 * DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go): scales raw
 * scores so the highest becomes `maxPriority`, with integer division; `reverse` turns the scale
 * round (the highest raw score gets 0). When every raw score is 0 they stay 0, or all become
 * `maxPriority` when reversed. In place.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.floor((maxPriority * scores[i]) / maxCount);
    scores[i] = reverse ? maxPriority - s : s;
  }
}
