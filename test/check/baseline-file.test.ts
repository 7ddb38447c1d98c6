import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeadroomError, formatError } from '../../src/errors.ts';
import { jsonErrorPosition } from '../../src/check/json-position.ts';
import { baselineFileName, openBaseline, parseBaseline, writeBaseline } from '../../src/check/baseline-file.ts';
import type { BaselineEntry } from '../../src/check/types.ts';
import { makeRun } from '../fixtures/check/summaries.ts';

const entry = (scenario: string): BaselineEntry => ({
  scenario,
  scenarioFile: `scenarios/${scenario}.yaml`,
  scenarioHash: 'a'.repeat(64),
  headroomVersion: '0.1.0',
  sets: [],
  currency: 'USD',
  runs: [makeRun()],
});

const valid = () => ({ format: 'headroom-baseline', formatVersion: 1, scenarios: [entry('default')] });

function thrown(fn: () => unknown): HeadroomError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HeadroomError) return e;
    throw e;
  }
  throw new Error('expected a HeadroomError');
}

describe('parseBaseline: malformed baselines are clear errors', () => {
  // [what, text, message part, path, line]
  const cases: [string, string, string, string | undefined, number | undefined][] = [
    ['not JSON', '{"format": "headroom-baseline",\n  "scenarios": [\n}', 'not valid JSON', undefined, 3],
    ['empty', '', 'not valid JSON', undefined, undefined],
    ['another file', JSON.stringify({ hello: 1 }), 'is this a headroom baseline?', 'format', undefined],
    [
      'a number as a string',
      JSON.stringify({ ...valid(), scenarios: [{ ...entry('d'), runs: [{ ...makeRun(), numbers: { 'latencyMs.p99': '120' } }] }] }),
      'expected number',
      'scenarios.0.runs.0.numbers.latencyMs.p99',
      undefined,
    ],
    ['no runs', JSON.stringify({ ...valid(), scenarios: [{ ...entry('d'), runs: [] }] }), 'at least one run', 'scenarios.0.runs', undefined],
    ['a bad hash', JSON.stringify({ ...valid(), scenarios: [{ ...entry('d'), scenarioHash: 'xyz' }] }), 'sha256', 'scenarios.0.scenarioHash', undefined],
    ['a newer format', JSON.stringify({ ...valid(), formatVersion: 2 }), 'newer than this headroom reads', 'formatVersion', undefined],
    ['a scenario twice', JSON.stringify({ ...valid(), scenarios: [entry('d'), entry('d')] }), 'recorded twice', 'scenarios.1.scenario', undefined],
  ];
  it.each(cases)('%s', (_what, text, message, path, line) => {
    const err = thrown(() => parseBaseline(text, 'baseline.json'));
    expect(err.code).toBe('baseline');
    expect(err.file).toBe('baseline.json');
    expect(err.message).toContain(message);
    expect(err.path).toBe(path);
    if (line !== undefined) expect(err.line).toBe(line);
    expect(formatError(err)).toMatch(/^baseline\.json/);
  });

  it('accepts a valid file, ignoring numbers it does not know', () => {
    const text = JSON.stringify({ ...valid(), scenarios: [{ ...entry('d'), runs: [{ ...makeRun(), numbers: { future: 1 } }] }] });
    expect(parseBaseline(text, 'b.json').scenarios[0].runs[0].numbers).toEqual({ future: 1 });
  });
});

describe('baseline files and folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names folder files by scenario, without separators', () => {
    expect(baselineFileName('default')).toBe('default.json');
    expect(baselineFileName('../etc/passwd')).toBe('etc-passwd.json');
    expect(baselineFileName('a b/c')).toBe('a-b-c.json');
  });

  it('one file holds every scenario; a folder one file each', () => {
    const file = join(dir, 'baseline.json');
    expect(writeBaseline(file, [entry('a'), entry('b')])).toEqual([file]);
    expect(openBaseline(file).entryFor('b').entry.scenario).toBe('b');

    const folder = join(dir, 'baselines/');
    expect(writeBaseline(folder, [entry('a'), entry('b')])).toEqual([join(folder, 'a.json'), join(folder, 'b.json')]);
    const opened = openBaseline(folder);
    expect(opened.entryFor('a')).toMatchObject({ entry: { scenario: 'a' }, file: join(folder, 'a.json') });
    // the file ends with a newline and is stable JSON
    expect(readFileSync(join(folder, 'a.json'), 'utf8').endsWith('}\n')).toBe(true);

    // an existing folder without a trailing slash is a folder too
    mkdirSync(join(dir, 'existing'));
    expect(writeBaseline(join(dir, 'existing'), [entry('c')])).toEqual([join(dir, 'existing', 'c.json')]);
  });

  it('a scenario with no baseline is a clear error', () => {
    const file = join(dir, 'baseline.json');
    writeBaseline(file, [entry('a')]);
    const err = thrown(() => openBaseline(file).entryFor('zzz'));
    expect(err.code).toBe('baseline');
    expect(err.message).toContain('no baseline for scenario "zzz" (the file holds "a")');

    const folder = join(dir, 'baselines');
    writeBaseline(`${folder}/`, [entry('a')]);
    const inFolder = thrown(() => openBaseline(folder).entryFor('zzz'));
    expect(inFolder.message).toContain('it holds a.json');
    // named with its slash (`--baseline baselines/`), the folder is suggested with one, not two
    for (const named of [folder, `${folder}/`, `${folder}//`]) {
      expect(thrown(() => openBaseline(named).entryFor('zzz')).message, named).toMatch(new RegExp(`--out ${folder}/$`));
    }
  });

  it('a missing baseline file is a baseline error naming the file', () => {
    const err = thrown(() => openBaseline(join(dir, 'nope.json')));
    expect(err.code).toBe('baseline');
    expect(err.message).toContain('no such file');
    expect(err.file).toBe(join(dir, 'nope.json'));
  });

  it('a file in a folder that holds another scenario is an error', () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...valid(), scenarios: [entry('b')] }));
    expect(thrown(() => openBaseline(dir).entryFor('a')).message).toContain('holds no scenario named "a"');
  });
});

describe('jsonErrorPosition', () => {
  // [text, line, column]: where a reader would put the cursor
  const cases: [string, number, number][] = [
    ['{"a": 1,,}', 1, 9],
    ['{\n  "a": [1, 2\n}', 3, 1],
    ['{"a": tru}', 1, 7],
    ['{"a": "x\ny"}', 1, 9], // a raw newline inside a string
    ['', 1, 1],
    ['{} x', 1, 4],
    ['{"a": 01}', 1, 8],
  ];
  it.each(cases)('%j -> line %d, column %d', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)).toEqual({ line, column });
  });

  it('valid JSON has no error position', () => {
    for (const text of ['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]}', ' 3 ']) {
      expect(jsonErrorPosition(text)).toBeUndefined();
    }
  });
});
