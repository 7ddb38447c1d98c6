import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { HeadroomError } from '../../errors.ts';
import { LIMITS } from '../../limits.ts';
import { SNIFF_BYTES, ioError, sniffTextFile } from './sniff.ts';
import type { RowHandler, RowSource } from './source.ts';

export interface CsvColumns {
  /** the rate column; `requests_per_s` when not given */
  column?: string;
  /** the time column; `timestamp_s`, else `timestamp`, when not given */
  timeColumn?: string;
}

const DEFAULT_RATE_COLUMN = 'requests_per_s';
const SECONDS_COLUMN = 'timestamp_s';
const TIMESTAMP_COLUMN = 'timestamp';

/**
 * A CSV trace, streamed with csv-parse: a header, then one row per interval. The time column is
 * seconds (`timestamp_s`), or for any other time column seconds or an ISO-8601 date-time (a
 * date-time without a zone is read as UTC, so a trace means the same on every machine).
 */
export function csvSource(path: string, displayPath: string, columns: CsvColumns = {}): RowSource {
  const where = (line: number) => ({ file: displayPath, line: line > 0 ? line : undefined });
  return {
    where,
    async read(onRow: RowHandler): Promise<void> {
      await sniffTextFile(path, displayPath);
      await streamRows(path, displayPath, columns, onRow);
    },
  };
}

interface Layout {
  timeIndex: number;
  rateIndex: number;
  parseTime: (text: string) => number;
}

function streamRows(path: string, displayPath: string, columns: CsvColumns, onRow: RowHandler): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const input = createReadStream(path, { highWaterMark: SNIFF_BYTES });
    // no `info: true`: it allocates an object per record and triples the parse time; the
    // parser's running counters are read instead, which is exact while records are consumed
    // as they are pushed (checked below by the record count)
    const parser = parse({ bom: true, trim: true, skip_empty_lines: true, max_record_size: SNIFF_BYTES });
    let settled = false;
    let layout: Layout | undefined;
    let records = 0;
    let headerLine = 1;

    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      input.unpipe(parser);
      input.destroy();
      parser.destroy();
      if (err) reject(err);
      else resolve();
    };
    const currentLine = (): number => (parser.info.records === records ? parser.info.lines : 0);

    input.on('error', (e) => settle(ioError(e, displayPath)));
    parser.on('error', (e) => settle(csvParseError(e, displayPath)));
    parser.on('data', (record: string[]) => {
      if (settled) return;
      records++;
      const line = currentLine();
      const at = () => ({ file: displayPath, line: line > 0 ? line : undefined });
      try {
        if (!layout) {
          headerLine = line > 0 ? line : 1;
          layout = readHeader(record, columns, displayPath, headerLine);
          return;
        }
        const timeText = record[layout.timeIndex];
        const timeSec = layout.parseTime(timeText);
        if (Number.isNaN(timeSec)) {
          throw new HeadroomError('trace', `time ${shownCell(timeText)} is not a number of seconds or an ISO-8601 date-time`, at());
        }
        const rateText = record[layout.rateIndex];
        const rate = parseRate(rateText);
        if (Number.isNaN(rate)) throw new HeadroomError('trace', `rate ${shownCell(rateText)} is not a number`, at());
        if (rate < 0) throw new HeadroomError('trace', `rate ${shownCell(rateText)} is negative`, at());
        if (rate > LIMITS.rateRps) throw new HeadroomError('trace', `rate ${shownCell(rateText)} is more than ${LIMITS.rateRps.toLocaleString('en-US')} requests per second`, at());
        if (!onRow(timeSec, rate, line)) settle();
      } catch (e) {
        settle(e);
      }
    });
    parser.on('end', () => {
      if (!layout) settle(new HeadroomError('trace', 'the trace file is empty', { file: displayPath, line: 1 }));
      else if (records === 1) {
        settle(new HeadroomError('trace', 'the trace has a header but no rows', { file: displayPath, line: headerLine + 1 }));
      } else settle();
    });
    input.pipe(parser);
  });
}

function readHeader(header: string[], columns: CsvColumns, displayPath: string, line: number): Layout {
  const at = { file: displayPath, line };
  if (header.every((f) => f !== '' && !Number.isNaN(Number(f)))) {
    throw new HeadroomError(
      'trace',
      `no header: the first line is ${header.length === 1 ? 'a number' : `${header.length} numbers`}; start the file with a header such as ${SECONDS_COLUMN},${DEFAULT_RATE_COLUMN}`,
      at,
    );
  }
  const has = describeHeader(header);
  let timeName = columns.timeColumn;
  if (timeName === undefined) {
    timeName = header.includes(SECONDS_COLUMN) ? SECONDS_COLUMN : header.includes(TIMESTAMP_COLUMN) ? TIMESTAMP_COLUMN : undefined;
    if (timeName === undefined) {
      throw new HeadroomError('trace', `no time column "${SECONDS_COLUMN}" or "${TIMESTAMP_COLUMN}": ${has}; name one with timeColumn:`, at);
    }
  }
  const timeIndex = header.indexOf(timeName);
  if (timeIndex < 0) throw new HeadroomError('trace', `no time column "${timeName}": ${has}`, at);
  const rateName = columns.column ?? DEFAULT_RATE_COLUMN;
  const rateIndex = header.indexOf(rateName);
  if (rateIndex < 0) {
    const hint = columns.column === undefined ? '; name the rate column with column:' : '';
    throw new HeadroomError('trace', `no rate column "${rateName}": ${has}${hint}`, at);
  }
  return { timeIndex, rateIndex, parseTime: timeName === SECONDS_COLUMN ? parseSeconds : parseTimestamp };
}

/**
 * What the first line holds, for a message. Its fields are named only when the line looks like a
 * CSV header (two or more fields, each a short column name): a file that is not a trace at all
 * (a `.env`, a key) must not have its first line printed.
 */
function describeHeader(header: string[]): string {
  const nameLike = header.length >= 2 && header.every((h) => /^[A-Za-z_][\w .:/()%[\]-]{0,63}$/.test(h));
  if (nameLike) return `the trace has columns ${header.map((h) => `"${h}"`).join(', ')}`;
  return `the first line is not a CSV header (${header.length === 1 ? 'one field' : `${header.length} fields`}, not all of them column names)`;
}

/** A cell in a message: the offending token only, quoted, and cut short (a cell may be 64 KiB). */
function shownCell(text: string | undefined): string {
  const t = text ?? '';
  return JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}…` : t);
}

/** A plain decimal number; '' and 'Infinity' are not rates. */
export function parseRate(text: string): number {
  if (text === '') return NaN;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

function parseSeconds(text: string): number {
  return parseRate(text);
}

// YYYY-MM-DD, optionally THH:MM[:SS[.fff]] and a zone
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Unix seconds, or an ISO-8601 date or date-time (UTC unless it says otherwise), as seconds. */
export function parseTimestamp(text: string): number {
  const n = parseRate(text);
  if (!Number.isNaN(n)) return n;
  const m = ISO_8601.exec(text);
  if (!m) return NaN;
  let iso = text.replace(' ', 'T');
  // Date.parse reads a zone-less date-time as local time; a trace must not depend on the machine
  if (iso.includes('T') && m[1] === undefined) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? NaN : ms / 1000;
}

function csvParseError(e: unknown, displayPath: string): HeadroomError {
  if (e instanceof HeadroomError) return e;
  const err = e as { code?: string; lines?: number; record?: unknown[]; message?: string };
  const line = typeof err.lines === 'number' && err.lines > 0 ? err.lines : undefined;
  const at = { file: displayPath, line };
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return new HeadroomError('trace', `the row has ${err.record?.length ?? 'a different number of'} fields, unlike the header`, at);
    case 'CSV_MAX_RECORD_SIZE':
      return new HeadroomError('trace', `not a trace: a line longer than ${SNIFF_BYTES / 1024} KiB`, at);
    default:
      return new HeadroomError('trace', `malformed CSV: ${err.message ?? String(e)}`, at);
  }
}
