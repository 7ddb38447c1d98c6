import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseNumberAt } from '../../src/report/csv.ts';
import { decimalValue, formatDecimal } from '../../src/report/decimal.ts';
import { buildReport } from '../../src/report/index.ts';
import { writeRunOutputs } from '../../src/report/outputs.ts';
import { readRun } from '../../src/report/read-run.ts';
import { runDataOf } from '../../src/report/run-data.ts';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';

const XSS = fileURLToPath(new URL('../fixtures/scenarios/xss.yaml', import.meta.url));

describe('decimalValue', () => {
  it.each([
    [0.1234, 3, '0.123'],
    // 2.5 rounds up, -2.5 rounds towards +∞ (Math.round), and -0.0004 is written 0, not -0
    [2.0005, 3, '2.001'],
    [-2.5, 0, '-2'],
    [-0.0004, 3, '0'],
    [NaN, 3, ''],
    [Infinity, 3, ''],
    [1234567.891234, 4, '1234567.8912'],
  ])('%d to %d decimals is written %j and read back as decimalValue', (x, digits, text) => {
    expect(formatDecimal(x, digits)).toBe(text);
    expect(Object.is(decimalValue(x, digits), parseNumberAt(text, 0, text.length))).toBe(true);
  });

  it('is, for any double, exactly the number the CSV reader gets from the written text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.double({ min: -1e6, max: 1e6 }), fc.integer().map((n) => n / 1000)), fc.constantFrom(0, 1, 3, 4), (x, digits) => {
        const text = formatDecimal(x, digits);
        expect(Object.is(decimalValue(x, digits), parseNumberAt(text, 0, text.length))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('a run in memory and the same run read back from its folder', () => {
  it.each([
    ['with events.jsonl', true],
    ['with annotations.json only', false],
  ])('give the same numbers and the same page (%s)', { timeout: 60_000 }, async (_, recordEvents) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'headroom-run-data-')), 'run');
    const result = await runScenario(loadScenario(XSS), { recordEvents });
    await writeRunOutputs(dir, result, { wallSec: 1, report: true });
    const fromFiles = await readRun(dir);
    expect(await runDataOf(result, dir)).toEqual(fromFiles);
    expect(fromFiles.eventsSource).toBe(recordEvents ? 'events.jsonl' : 'annotations.json');
    const rebuilt = await buildReport(dir, { outFile: join(dir, 'rebuilt.html') });
    expect(readFileSync(rebuilt, 'utf8')).toBe(readFileSync(join(dir, 'report.html'), 'utf8'));
  });
});
