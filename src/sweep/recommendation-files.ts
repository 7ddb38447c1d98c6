/**
 * recommendation.json and recommendation.md: the decision as data and as a readable page. Like
 * the sweep files they hold no clock readings, so the same sweep gives the same bytes.
 */
import type { Grid } from './grid.ts';
import { candidateColumns, pct } from './candidate-columns.ts';
import type { Candidate, Recommendation } from './recommend.ts';
import { searchedSentence } from './search-run.ts';
import { frontierColumns, frontierNote, frontierTitle } from './frontier-table.ts';

export interface RecommendationInfo {
  scenario: string;
  scenarioHash: string;
  grid: Grid;
  currency: string;
}

/** The numbers that name a choice; `candidates` add the seed counts and each SLO number's statistics. */
function brief(c: Candidate | null) {
  return c && { values: c.values, attainment: c.attainment, costMean: c.costMean, costP95: c.costP95, costPerMonthMean: c.costPerMonthMean };
}

export function recommendationJson(rec: Recommendation, info: RecommendationInfo): string {
  const doc = {
    scenario: info.scenario,
    scenarioHash: info.scenarioHash,
    slos: rec.slos.map((s) => ({ text: s.text, metric: s.metric, op: s.op, threshold: s.threshold })),
    confidence: rec.confidence,
    seeds: info.grid.seeds,
    currency: info.currency,
    recommended: brief(rec.recommended),
    runnerUp: brief(rec.runnerUp),
    closest: brief(rec.closest),
    answer: rec.answer,
    reasons: rec.reasons,
    ...(rec.searched ? { searched: rec.searched } : {}),
    ...(rec.frontier ? { frontier: rec.frontier } : {}),
    candidates: rec.candidates.map((c) => ({
      ...brief(c),
      seeds: c.seeds,
      seedsMet: c.seedsMet,
      meets: c.qualifies,
      p99: c.p99,
      errorRate: c.errorRate,
      sloViolationSeconds: c.sloViolationSeconds,
      slos: c.sloSeedsMet,
    })),
  };
  // NaN (a number the summary lacked) becomes null rather than breaking the JSON.
  return `${JSON.stringify(doc, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

export function recommendationMarkdown(rec: Recommendation, info: RecommendationInfo): string {
  const lines: string[] = [
    `# Sizing recommendation: ${info.scenario}`,
    '',
    ...(rec.searched ? [searchedSentence(rec), ''] : []),
    rec.answer,
    '',
    ...rec.reasons.flatMap((r) => [r, '']),
    `SLOs judged: ${rec.slos.map((s) => `\`${s.text}\``).join(', ') || 'none'}, each over the whole run of every seed; required attainment ${pct(rec.confidence)} ` +
      `over ${info.grid.seeds.length} seed${info.grid.seeds.length === 1 ? '' : 's'} per candidate; cost is the mean total node cost per run, and per month of 730 hours (${info.currency}).`,
    '',
  ];
  if (rec.frontier) {
    const fc = frontierColumns(rec.frontier, info.currency);
    lines.push(`## ${frontierTitle(rec.frontier)}`, '', frontierNote(rec.frontier), '');
    lines.push(`| ${fc.map((c) => cell(c.head)).join(' | ')} |`, `| --- |${fc.slice(1).map(() => ' ---: |').join('')}`);
    for (const r of rec.frontier.rows) lines.push(`| ${fc.map((c) => cell(c.cell(r))).join(' | ')} |`);
    lines.push('', '## Candidates', '');
  }
  const columns = candidateColumns(rec, info);
  lines.push(`| ${columns.map((c) => cell(c.head)).join(' | ')} |`);
  lines.push(`|${columns.map((c) => (c.key ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const c of rec.candidates) {
    lines.push(`| ${columns.map((col) => cell(c === rec.recommended && col.head === 'verdict' ? '**recommended**' : col.cell(c))).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** A table cell: pipes escaped so a value cannot split the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
