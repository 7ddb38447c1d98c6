import { closeSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HeadroomError, formatError } from '../../../src/errors.ts';
import { loadRates } from '../../../src/traffic/load.ts';
import { scratch, traceSpec } from '../fixtures.ts';

const tmp = scratch();
afterAll(() => tmp.cleanup());

async function failure(path: string, over: Parameters<typeof traceSpec>[1] = {}): Promise<HeadroomError> {
  try {
    await loadRates(traceSpec(path, { displayPath: 'traces/bad.csv', ...over }), { durationSec: 3600, stepSec: 10 });
  } catch (e) {
    expect(e).toBeInstanceOf(HeadroomError);
    return e as HeadroomError;
  }
  throw new Error('expected the trace to be refused');
}

describe('bad CSV traces name the file and the line', () => {
  it.each([
    ['no header', '0,5\n60,6\n', 1, /no header: the first line is 2 numbers/],
    ['unknown rate column', 'timestamp_s,rps\n0,5\n', 1, /no rate column "requests_per_s": the trace has columns "timestamp_s", "rps"; name the rate column with column:/],
    ['no time column', 'time,requests_per_s\n0,5\n', 1, /no time column "timestamp_s" or "timestamp": the trace has columns "time", "requests_per_s"/],
    ['time going back', 'timestamp_s,requests_per_s\n0,5\n60,6\n30,7\n', 4, /time does not increase: 30 comes after 60 on line 3/],
    ['a repeated time', 'timestamp_s,requests_per_s\n0,5\n60,6\n60,7\n', 4, /time does not increase: 60 comes after 60/],
    ['a negative rate', 'timestamp_s,requests_per_s\n0,5\n60,-2\n', 3, /rate "-2" is negative/],
    ['a non-numeric rate', 'timestamp_s,requests_per_s\n0,5\n\n60,lots\n', 4, /rate "lots" is not a number/],
    ['an empty rate', 'timestamp_s,requests_per_s\n0,5\n60,\n', 3, /rate "" is not a number/],
    ['a bad time', 'timestamp,requests_per_s\n2024-01-01T00:00:00Z,5\nyesterday,6\n', 3, /time "yesterday" is not a number of seconds or an ISO-8601 date-time/],
    ['a row with an extra field', 'timestamp_s,requests_per_s\n0,5\n60,6,7\n', 3, /the row has 3 fields, unlike the header/],
    ['an unclosed quote', 'timestamp_s,requests_per_s\n0,5\n60,"6\n', 3, /malformed CSV: Quote Not Closed/],
    ['an empty file', '', 1, /the trace file is empty/],
    ['only blank lines', '\n\n\n', 1, /the trace file is empty/],
    ['a header and no rows', 'timestamp_s,requests_per_s\n', 2, /the trace has a header but no rows/],
    ['a single row', 'timestamp_s,requests_per_s\n0,5\n', 2, /a single row; at least two are needed/],
  ])('%s', async (_name, text, line, message) => {
    const err = await failure(tmp.write('bad.csv', text));
    expect(err.code).toBe('trace');
    expect(err.file).toBe('traces/bad.csv');
    expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
    expect(formatError(err)).toMatch(new RegExp(`^traces/bad\\.csv:${line}: `));
  });

  it('names the column the user asked for and the columns there are', async () => {
    const err = await failure(tmp.write('bad.csv', 'timestamp_s,requests_per_s\n0,5\n'), { column: 'rps' });
    expect(err.message).toBe('no rate column "rps": the trace has columns "timestamp_s", "requests_per_s"');
    expect(err.line).toBe(1);
  });

  it('a missing file', async () => {
    const err = await failure(join(tmp.dir, 'nope.csv'));
    expect(formatError(err)).toBe('traces/bad.csv: cannot read the trace: no such file');
  });
});

describe('a huge file that is not a CSV fails at once', () => {
  it('a sparse 2 GiB file of NUL bytes', async () => {
    const path = join(tmp.dir, 'huge.bin');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 2 ** 31);
    closeSync(fd);
    const started = performance.now();
    const err = await failure(path);
    expect(performance.now() - started).toBeLessThan(500);
    expect(err.message).toBe('not a text trace: binary byte 0x00 at offset 0');
    expect(err.line).toBe(1);
  });

  it('a few MB of random bytes after a text-looking start', async () => {
    const bytes = Buffer.alloc(4 * 2 ** 20);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = x >> 16;
    }
    bytes.write('timestamp_s,requests_per_s\n0,1\n', 0);
    const started = performance.now();
    const err = await failure(tmp.write('random.bin', bytes));
    expect(performance.now() - started).toBeLessThan(500);
    expect(err.message).toMatch(/^not a text trace: binary byte 0x[0-9a-f]{2} at offset \d+$/);
    expect(err.line).toBeGreaterThanOrEqual(3);
  });

  it('a 3 MB first line', async () => {
    const path = join(tmp.dir, 'oneline.txt');
    const fd = openSync(path, 'w');
    writeSync(fd, 'x'.repeat(3 * 2 ** 20));
    closeSync(fd);
    const err = await failure(path);
    expect(err.message).toBe('not a trace: the first line is longer than 64 KiB');
    expect(err.line).toBe(1);
  });

  it('a line of more than 64 KiB further down', async () => {
    const err = await failure(tmp.write('longline.csv', `timestamp_s,requests_per_s\n0,5\n60,${'9'.repeat(70_000)}\n`));
    expect(err.message).toBe('not a trace: a line longer than 64 KiB');
    expect(err.line).toBe(3);
  });
});

describe('bad Prometheus answers', () => {
  const prom = (body: unknown) => tmp.write('bad.json', typeof body === 'string' ? body : JSON.stringify(body));
  const matrix = (result: unknown[]) => ({ status: 'success', data: { resultType: 'matrix', result } });
  it.each([
    ['not JSON at all', 'timestamp_s,requests_per_s\n', /does not start with "\{"/, undefined],
    ['broken JSON', '{\n  "status": "success",\n  "data": {\n    "resultType" "matrix"\n}}', /^not valid JSON/, undefined],
    ['an error answer', { status: 'error', errorType: 'bad_data', error: 'parse error at char 4' }, /the query did not succeed \(status "error"\): parse error at char 4/, 'status'],
    ['an instant query', { status: 'success', data: { resultType: 'vector', result: [] } }, /resultType "matrix"\) is needed, got "vector"/, 'data.resultType'],
    ['no series', matrix([]), /the answer has no series/, 'data.result'],
    [
      'several series without sum',
      matrix([{ metric: { pod: 'a' }, values: [[1, '1']] }, { metric: { pod: 'b' }, values: [[1, '1']] }]),
      /the answer has 2 series \(\{pod="a"\}, \{pod="b"\}\); set aggregate: sum/,
      'data.result',
    ],
    ['a NaN value', matrix([{ metric: {}, values: [[1, '1'], [2, 'NaN']] }]), /value "NaN" is not a finite number/, 'data.result.0.values.1'],
    ['a negative value', matrix([{ metric: {}, values: [[1, '-1']] }]), /value -1 is negative/, 'data.result.0.values.0'],
    ['time going back', matrix([{ metric: {}, values: [[2, '1'], [1, '1']] }]), /time does not increase: 1 comes after 2/, 'data.result.0.values.1'],
    ['a single sample', matrix([{ metric: {}, values: [[1, '1']] }]), /a single row/, 'data.result.0.values.0'],
  ])('%s', async (_name, body, message, path) => {
    const err = await failure(prom(body), { format: 'prometheus', displayPath: 'traces/bad.json' });
    expect(err.file).toBe('traces/bad.json');
    expect(err.message).toMatch(message);
    expect(err.path).toBe(path);
  });

  it('a JSON syntax error names its line', async () => {
    const err = await failure(prom('{\n  "status": "success",\n  "data": {\n    "resultType" "matrix"\n}}'), { format: 'prometheus', displayPath: 'q.json' });
    expect(err.line).toBe(4);
  });
});
