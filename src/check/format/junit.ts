/**
 * JUnit XML for CI test reporters, valid against the common schema (Jenkins/xunit junit-10.xsd,
 * which Surefire, GitLab and the GitHub test-report actions read): <testsuites> holding one
 * <testsuite> per scenario, one <testcase> per checked number (classname = scenario, name = the
 * number's path) plus `slo` and `baseline`. A regression is a <failure>, a neutral or missing
 * number <skipped/>. Every time is 0: the check measures no wall time, so the file is the same
 * on every machine.
 */
import type { CheckReport, ScenarioCheck } from '../check.ts';
import type { NumberCheck } from '../compare.ts';
import { sloLabel } from './order.ts';
import { describeVerdict, formatChange, formatValue } from './values.ts';

/** Characters XML 1.0 cannot carry at all are dropped; the rest escaped for text and attributes. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

interface Case {
  name: string;
  failure?: { type: string; message: string; detail: string };
  skipped?: string;
  out?: string;
}

function numberCase(n: NumberCheck, currency: string): Case {
  const verdict = describeVerdict(n, currency);
  if (n.verdict === 'neutral') return { name: n.name, skipped: 'neutral: reported, not checked' };
  if (n.verdict === 'missing') return { name: n.name, skipped: verdict };
  if (n.verdict !== 'regressed') return { name: n.name };
  const detail = [
    `baseline: ${formatValue(n.unit, n.baseline, currency)}`,
    `now: ${formatValue(n.unit, n.now, currency)}`,
    `change: ${formatChange(n.unit, n.change, n.baseline, currency)}`,
    `tolerance: ${n.tolerance}`,
  ].join('\n');
  return { name: n.name, failure: { type: 'regression', message: `${n.name} ${verdict}`, detail } };
}

function cases(s: ScenarioCheck): Case[] {
  const slo: Case = s.slo.broken
    ? { name: 'slo', failure: { type: 'slo', message: `${sloLabel(s)} broken: ${s.slo.reasons.join('; ')}`, detail: s.slo.reasons.join('\n') } }
    : { name: 'slo' };
  let baseline: Case = { name: 'baseline' };
  if (s.stale.stale && !s.stale.allowed) {
    baseline = { name: 'baseline', failure: { type: 'stale', message: s.stale.message ?? 'stale baseline', detail: s.stale.message ?? '' } };
  } else if (s.stale.stale) baseline = { name: 'baseline', out: s.stale.message };
  return [slo, baseline, ...s.numbers.map((n) => numberCase(n, s.currency))];
}

function testcase(scenario: string, c: Case): string {
  const open = `<testcase${attrs({ classname: scenario, name: c.name, time: 0 })}`;
  if (c.failure) {
    return `    ${open}>\n      <failure${attrs({ message: c.failure.message, type: c.failure.type })}>${xmlEscape(c.failure.detail)}</failure>\n    </testcase>`;
  }
  if (c.skipped !== undefined) return `    ${open}>\n      <skipped${attrs({ message: c.skipped })}/>\n    </testcase>`;
  if (c.out !== undefined) return `    ${open}>\n      <system-out>${xmlEscape(c.out)}</system-out>\n    </testcase>`;
  return `    ${open}/>`;
}

function suite(s: ScenarioCheck): { xml: string; tests: number; failures: number } {
  const all = cases(s);
  const failures = all.filter((c) => c.failure).length;
  const skipped = all.filter((c) => c.skipped !== undefined).length;
  const properties = [
    ['scenarioFile', s.file],
    ['baselineFile', s.baselineFile],
    ['seeds', s.seeds.join(',')],
    ['baselineSeeds', s.baseline.runs.map((r) => r.seed).join(',')],
    ['baselineHeadroomVersion', s.baseline.headroomVersion],
  ]
    .map(([name, value]) => `      <property${attrs({ name, value })}/>`)
    .join('\n');
  const lines = [
    `  <testsuite${attrs({ name: s.scenario, tests: all.length, failures, errors: 0, skipped, time: 0 })}>`,
    `    <properties>\n${properties}\n    </properties>`,
    ...all.map((c) => testcase(s.scenario, c)),
  ];
  if (s.notes.length > 0) lines.push(`    <system-out>${xmlEscape(s.notes.join('\n'))}</system-out>`);
  lines.push('  </testsuite>');
  return { xml: lines.join('\n'), tests: all.length, failures };
}

export function checkJunit(report: CheckReport): string {
  const suites = report.scenarios.map(suite);
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'headroom check', tests, failures, errors: 0, time: 0 })}>`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
