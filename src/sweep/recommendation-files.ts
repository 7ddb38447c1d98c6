/**
 * recommendation.json and recommendation.md: the decision as data and as a readable page. Like
 * the sweep files they hold no clock readings, so the same sweep gives the same bytes.
 */
import { axisNames, type Grid } from './grid.ts';
import type { Candidate, Recommendation } from './recommend.ts';

export interface RecommendationInfo {
  scenario: string;
  scenarioHash: string;
  grid: Grid;
  currency: string;
}

/** The four numbers that name a choice; `candidates` add the seed counts and p99 statistics. */
function brief(c: Candidate | null) {
  return c && { values: c.values, attainment: c.attainment, costMean: c.costMean, costP95: c.costP95 };
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
    candidates: rec.candidates.map((c) => ({
      ...brief(c),
      seeds: c.seeds,
      seedsMet: c.seedsMet,
      meets: c.qualifies,
      p99: c.p99,
    })),
  };
  // NaN (a number the summary lacked) becomes null rather than breaking the JSON.
  return `${JSON.stringify(doc, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

export function recommendationMarkdown(rec: Recommendation, info: RecommendationInfo): string {
  const names = axisNames(info.grid);
  const lines: string[] = [
    `# Sizing recommendation: ${info.scenario}`,
    '',
    rec.answer,
    '',
    ...rec.reasons.flatMap((r) => [r, '']),
    `SLOs: ${rec.slos.map((s) => `\`${s.text}\``).join(', ') || 'none'}; required attainment ${pct(rec.confidence)} ` +
      `over ${info.grid.seeds.length} seed${info.grid.seeds.length === 1 ? '' : 's'} per candidate; cost is the mean total node cost per run (${info.currency}).`,
    '',
  ];
  const header = [...names, 'attainment', 'seeds met', 'cost mean', 'cost p95', 'p99 mean', 'p99 p95', 'p99 max', 'verdict'];
  lines.push(`| ${header.map(cell).join(' | ')} |`);
  lines.push(`|${header.map((_, i) => (i < names.length ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const c of rec.candidates) {
    const mark = c === rec.recommended ? '**recommended**' : c === rec.runnerUp ? 'runner-up' : c === rec.closest ? 'closest' : c.qualifies ? 'meets' : '';
    const row = [
      ...Object.values(c.values).map((v) => String(v)),
      pct(c.attainment),
      `${c.seedsMet}/${c.seeds}`,
      num(c.costMean, 2),
      num(c.costP95, 2),
      num(c.p99.mean, 1),
      num(c.p99.p95, 1),
      num(c.p99.max, 1),
      mark,
    ];
    lines.push(`| ${row.map(cell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

function pct(share: number): string {
  return `${Number((share * 100).toPrecision(4))}%`;
}

function num(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}

/** A table cell: pipes escaped so a value cannot split the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
