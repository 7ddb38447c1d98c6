/**
 * rightsize.json and rightsize.md for `headroom rightsize SCENARIO`: the comparison as data (the
 * contract: `{baseline: R, policies: [{name, ...R}], recommended}`, keys added, never renamed)
 * and as a readable page. No clock readings: the same scenario gives the same bytes.
 */
import type { RightsizeRow, ScenarioRightsize } from './scenario-rightsize.ts';
import { hpaTable, limitsTable, outcomeTable, requestsTable, type Table } from './comparison-tables.ts';

function figuresOf(row: RightsizeRow) {
  const { applied: a, figures: f } = row;
  return {
    requests: a.requests,
    limits: a.limits,
    hpaTargets: a.hpaTargets,
    placeholders: a.placeholders,
    cost: f.cost,
    costPerMonth: f.costPerMonth,
    p99Ms: f.p99Ms,
    errorRate: f.errorRate,
    oomKills: f.oomKills,
    evictions: f.evictions,
    throttledShare: f.throttledShare,
    cpuSharedShare: f.cpuSharedShare,
    peakNodes: f.peakNodes,
    meanNodes: f.meanNodes,
    binPacking: f.binPacking,
    hpaReplicas: f.hpaReplicas,
    sloViolationSeconds: f.sloViolationSeconds,
    meetsSlo: row.misses.length === 0,
    misses: row.misses,
  };
}

export function scenarioRightsizeJson(r: ScenarioRightsize): string {
  const doc = {
    scenario: r.scenario.name,
    seed: r.scenario.seed,
    source: r.source,
    ...(r.unmatched.length ? { unmatchedWorkloads: r.unmatched } : {}),
    keepTargets: r.keepTargets,
    slo: { latencyP99Ms: r.scenario.slo.latencyP99Sec * 1000, errorRate: r.scenario.slo.errorRate },
    currency: r.baseline.figures.currency,
    baseline: figuresOf(r.baseline),
    policies: r.policies.map((p) => ({ name: p.name, policy: p.policy, targets: p.targets, ...figuresOf(p) })),
    recommended: r.recommended,
    reason: r.reason,
  };
  return `${JSON.stringify(doc, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

const cell = (t: string) => t.replace(/\|/g, '\\|');

function markdownTable(title: string, t: Table): string[] {
  return [
    `## ${title}`,
    '',
    `| ${t.head.map(cell).join(' | ')} |`,
    `| --- |${t.head.slice(1).map(() => ' ---: |').join('')}`,
    ...t.rows.map((row) => `| ${row.cells.map((c, i) => cell(i === 0 && row.kind === 'recommended' ? `**${c}**` : c)).join(' | ')} |`),
    '',
    t.note,
    '',
  ];
}

export function sourceSentence(r: ScenarioRightsize): string {
  return r.source === 'export'
    ? "Samples: the team's usage export, matched to the scenario's workloads by name" + (r.unmatched.length ? ` (not in the scenario: ${r.unmatched.join(', ')})` : '') + '.'
    : `Samples: a simulated run of the scenario with today's requests (every ${r.scenario.stepSec} s, every cluster).`;
}

export function scenarioRightsizeMarkdown(r: ScenarioRightsize): string {
  const limits = limitsTable(r);
  const hpa = hpaTable(r);
  return [
    `# Right-sized requests: ${r.scenario.name}`,
    '',
    r.reason,
    '',
    `${sourceSentence(r)} Policies: ${r.policies.map((p) => p.name).join(', ')}, each re-simulated with its requests.`,
    '',
    ...markdownTable('Today and each policy', outcomeTable(r)),
    ...markdownTable('Requests', requestsTable(r)),
    ...(limits ? markdownTable('Limits', limits) : []),
    ...(hpa ? markdownTable('HPA targets and replicas', hpa) : []),
  ].join('\n');
}
