/**
 * A streaming reader for the run's CSV files. They can be large (a day at 1 s steps is 86,400
 * rows per cluster, more per workload), so rows are handed over one at a time and never held as
 * a whole. Fields follow RFC 4180: a field with a comma, quote or newline is quoted and its
 * quotes doubled. The common row has no quote at all and takes the fast path (split).
 */
import { createReadStream } from 'node:fs';

/** Split one CSV record (already joined if a quoted field spanned lines). */
export function parseCsvRecord(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

/** True while a record has an odd number of quotes: its last field goes on past the line end. */
function opensQuote(text: string): boolean {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n % 2 === 1;
}

/** Every line of a text file, without its line ending, read in chunks. */
export async function* readLines(file: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield text.slice(start, end);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/**
 * The header, then every record of a CSV file; `onRow` gets the fields of one record. Blank
 * lines are skipped. The header's names are trimmed; fields are not (the caller parses them).
 */
export async function readCsv(
  file: string,
  onHeader: (names: string[]) => void,
  onRow: (fields: string[]) => void,
): Promise<void> {
  let header = true;
  let pending = '';
  for await (const line of readLines(file)) {
    const record = pending ? `${pending}\n${line}` : line;
    if (opensQuote(record)) {
      pending = record;
      continue;
    }
    pending = '';
    if (record.length === 0) continue;
    const fields = parseCsvRecord(record);
    if (header) {
      onHeader(fields.map((f) => f.trim()));
      header = false;
    } else {
      onRow(fields);
    }
  }
  if (pending) onRow(parseCsvRecord(pending));
}

/** Quote a field for CSV when it needs it. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
