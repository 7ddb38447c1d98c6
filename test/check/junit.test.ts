import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, checkJunit, recordBaseline, writeBaseline } from '../../src/check/index.ts';
import { xmlEscape } from '../../src/check/format/junit.ts';
import { KEY_NUMBERS } from '../../src/metrics/summary-types.ts';
import { TINY, TINY_B, fakeRunner } from '../fixtures/check/summaries.ts';
import { parseXml, type XmlElement } from './xml.ts';

/**
 * The element and attribute rules of the common JUnit schema (Jenkins xunit junit-10.xsd, the one
 * Surefire writes and CI reporters read), plus the counts reporters rely on.
 */
interface ElementRule {
  required: string[];
  optional: string[];
  children: string[];
  /** text content allowed (mixed or simple content) */
  text: boolean;
}
const RERUN = ['rerunFailure', 'rerunError', 'flakyFailure', 'flakyError'];
const SCHEMA: Record<string, ElementRule> = {
  testsuites: { required: [], optional: ['name', 'time', 'tests', 'failures', 'errors'], children: ['testsuite'], text: false },
  testsuite: {
    required: ['name', 'tests', 'failures', 'errors'],
    optional: ['group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    text: false,
  },
  properties: { required: [], optional: [], children: ['property'], text: false },
  property: { required: ['name', 'value'], optional: [], children: [], text: false },
  testcase: {
    required: ['name'],
    optional: ['time', 'classname', 'group'],
    children: ['skipped', 'error', 'failure', 'system-out', 'system-err', ...RERUN],
    text: false,
  },
  failure: { required: [], optional: ['type', 'message'], children: [], text: true },
  error: { required: [], optional: ['type', 'message'], children: [], text: true },
  skipped: { required: [], optional: ['type', 'message'], children: [], text: true },
  'system-out': { required: [], optional: [], children: [], text: true },
  'system-err': { required: [], optional: [], children: [], text: true },
};
// SUREFIRE_TIME, anchored as XSD patterns are
const TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;
const COUNT = /^[0-9]+$/;

/** Every violation of the schema rules, as readable strings (empty when valid). */
function validateJunit(root: XmlElement): string[] {
  const problems: string[] = [];
  if (root.name !== 'testsuites' && root.name !== 'testsuite') problems.push(`root is <${root.name}>`);
  const visit = (el: XmlElement, where: string) => {
    const rule = SCHEMA[el.name];
    if (!rule) {
      problems.push(`${where}: unknown element <${el.name}>`);
      return;
    }
    for (const a of rule.required) if (!(a in el.attrs)) problems.push(`${where}: <${el.name}> lacks ${a}`);
    for (const a of Object.keys(el.attrs)) {
      if (!rule.required.includes(a) && !rule.optional.includes(a)) problems.push(`${where}: <${el.name}> has no attribute ${a}`);
    }
    if ('time' in el.attrs && !TIME.test(el.attrs.time)) problems.push(`${where}: time "${el.attrs.time}"`);
    if (!rule.text && el.text.trim() !== '') problems.push(`${where}: <${el.name}> holds text`);
    el.children.forEach((c, i) => {
      if (!rule.children.includes(c.name)) problems.push(`${where}: <${c.name}> inside <${el.name}>`);
      visit(c, `${where}/${c.name}[${i}]`);
    });
  };
  visit(root, root.name);
  return problems;
}

/** What reporters count on beyond the schema: the totals agree with the test cases. */
function countProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const suite of root.children.filter((c) => c.name === 'testsuite')) {
    for (const a of ['tests', 'failures', 'errors', 'skipped']) {
      if (!COUNT.test(suite.attrs[a] ?? '')) problems.push(`${suite.attrs.name}: ${a}="${suite.attrs[a]}"`);
    }
    const cases = suite.children.filter((c) => c.name === 'testcase');
    const has = (n: string) => cases.filter((c) => c.children.some((k) => k.name === n)).length;
    if (Number(suite.attrs.tests) !== cases.length) problems.push(`${suite.attrs.name}: tests ${suite.attrs.tests} != ${cases.length}`);
    if (Number(suite.attrs.failures) !== has('failure')) problems.push(`${suite.attrs.name}: failures`);
    if (Number(suite.attrs.skipped) !== has('skipped')) problems.push(`${suite.attrs.name}: skipped`);
    if (Number(suite.attrs.errors) !== has('error')) problems.push(`${suite.attrs.name}: errors`);
    tests += cases.length;
    failures += has('failure');
  }
  if (root.name === 'testsuites') {
    if (Number(root.attrs.tests) !== tests) problems.push('testsuites: tests');
    if (Number(root.attrs.failures) !== failures) problems.push('testsuites: failures');
  }
  return problems;
}

describe('the schema validator itself', () => {
  // [xml, expected problem]
  const invalid: [string, string][] = [
    ['<testsuites><testsuite name="a" tests="0" failures="0"/></testsuites>', 'lacks errors'],
    ['<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase time="0"/></testsuite></testsuites>', 'lacks name'],
    ['<testsuites skipped="1"/>', 'has no attribute skipped'],
    ['<testsuites><testsuite name="a" tests="0" failures="0" errors="0" time="1.5s"/></testsuites>', 'time "1.5s"'],
    ['<testsuites><testcase name="x"/></testsuites>', '<testcase> inside <testsuites>'],
    ['<testsuites><testsuite name="a" tests="0" failures="0" errors="0"><skipped/></testsuite></testsuites>', '<skipped> inside <testsuite>'],
  ];
  it.each(invalid)('rejects %s', (xml, problem) => {
    expect(validateJunit(parseXml(xml)).join('\n')).toContain(problem);
  });

  it('the XML reader refuses malformed XML', () => {
    for (const bad of ['<a><b></a>', '<a x=1/>', '<a x="1" x="2"/>', '<a>&nbsp;</a>', '<a>x & y</a>', '<a/><b/>']) {
      expect(() => parseXml(bad)).toThrow();
    }
  });
});

describe('checkJunit', () => {
  let dir: string;
  let xmlPass: string;
  let xmlFail: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-junit-'));
    const baseline = join(dir, 'b.json');
    writeBaseline(baseline, await recordBaseline([TINY, TINY_B], { run: fakeRunner(), headroomVersion: '0.1.0' }));
    xmlPass = checkJunit(await check([TINY, TINY_B], { baseline, run: fakeRunner(), headroomVersion: '0.1.0' }));
    xmlFail = checkJunit(
      await check([TINY, TINY_B], { baseline, run: fakeRunner(), sets: ['overprovisioner.0.replicasPerCluster=0'], headroomVersion: '0.1.0' }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is valid against the schema rules, passing or failing', () => {
    for (const xml of [xmlPass, xmlFail]) {
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
      const root = parseXml(xml);
      expect(validateJunit(root)).toEqual([]);
      expect(countProblems(root)).toEqual([]);
    }
  });

  it('has one suite per scenario and one case per number, named by scenario and number', () => {
    const root = parseXml(xmlFail);
    expect(root.children.map((s) => s.attrs.name)).toEqual(['tiny', 'tiny-b']);
    const cases = root.children[0].children.filter((c) => c.name === 'testcase');
    // slo, baseline, then every key number for the fleet and for az-a and az-b
    expect(cases).toHaveLength(2 + KEY_NUMBERS.length * 3);
    expect(cases.every((c) => c.attrs.classname === 'tiny' && c.attrs.time === '0')).toBe(true);
    expect(cases.slice(0, 3).map((c) => c.attrs.name)).toEqual(['slo', 'baseline', 'latencyMs.mean']);
    expect(cases.some((c) => c.attrs.name === 'perCluster.az-b.requests.errorRate')).toBe(true);
  });

  it('regressions are failures with a message; neutral numbers are skipped', () => {
    const cases = parseXml(xmlFail).children[0].children.filter((c) => c.name === 'testcase');
    const failed = cases.filter((c) => c.children.some((k) => k.name === 'failure')).map((c) => c.attrs.name);
    expect(failed).toEqual([
      'slo',
      'latencyMs.p99',
      'requests.failed',
      'requests.errorRate',
      'perCluster.az-a.latencyMs.p99',
      'perCluster.az-a.requests.failed',
      'perCluster.az-a.requests.errorRate',
      'perCluster.az-b.latencyMs.p99',
      'perCluster.az-b.requests.failed',
      'perCluster.az-b.requests.errorRate',
    ]);
    const p99 = cases.find((c) => c.attrs.name === 'latencyMs.p99')?.children[0];
    expect(p99?.attrs).toEqual({
      message: 'latencyMs.p99 regressed: +200 ms (+167%), allowed +12 ms (+10%, at least 1 ms)',
      type: 'regression',
    });
    expect(p99?.text).toBe('baseline: 120 ms\nnow: 320 ms\nchange: +200 ms (+167%)\ntolerance: +10%, at least 1 ms');
    const skipped = cases.filter((c) => c.children.some((k) => k.name === 'skipped')).map((c) => c.attrs.name);
    expect(skipped.filter((n) => !n.startsWith('perCluster.'))).toEqual([
      'requests.total',
      'pods.preemptions',
      'nodes.peak',
      'nodes.scaleUps',
      'nodes.scaleDowns',
      'binPacking.cpuRequestedShare',
      'binPacking.memoryRequestedShare',
    ]);
  });

  it('passing checks have no failures at all', () => {
    const root = parseXml(xmlPass);
    expect(root.attrs.failures).toBe('0');
    expect(root.attrs.time).toBe('0');
  });

  it('escapes whatever a scenario name or message holds', () => {
    const nasty = 'a<b>&"c\'\n\u0001d';
    const escaped = xmlEscape(nasty);
    expect(escaped).toBe('a&lt;b&gt;&amp;&quot;c&apos;&#10;d');
    expect(parseXml(`<x v="${escaped}">${escaped}</x>`).attrs.v).toBe('a<b>&"c\'\nd');
  });
});
