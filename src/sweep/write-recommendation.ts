/** Writes recommendation.json, recommendation.md and recommendation.html, each atomically. */
import { join } from 'node:path';
import { writeFileAtomic } from '../report/write.ts';
import type { Recommendation } from './recommend.ts';
import { recommendationJson, recommendationMarkdown, type RecommendationInfo } from './recommendation-files.ts';
import { recommendationHtml } from './recommendation-html.ts';

export const RECOMMENDATION_FILES = ['recommendation.json', 'recommendation.md', 'recommendation.html'] as const;

export async function writeRecommendation(dir: string, rec: Recommendation, info: RecommendationInfo): Promise<string[]> {
  // Everything is prepared before the first file lands, so a failure leaves the old set whole.
  const files: [string, string][] = [
    ['recommendation.json', recommendationJson(rec, info)],
    ['recommendation.md', recommendationMarkdown(rec, info)],
    ['recommendation.html', await recommendationHtml(rec, info)],
  ];
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileAtomic(path, text);
    return path;
  });
}
