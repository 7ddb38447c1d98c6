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

/**
 * The lines of a text file without their line endings, a chunk's worth at a time (one promise
 * per megabyte instead of one per line).
 */
export async function* readLineBatches(file: string): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 18 })) {
    const text = rest + (chunk as string);
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(text.slice(start, end));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (lines.length > 0) yield lines;
  }
  if (rest.length > 0) yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

/** Joins the lines of quoted fields that span line breaks into whole records. */
class RecordJoiner {
  private pending = '';
  /** The complete record ending with this line, or undefined while a quote is open. */
  push(line: string): string | undefined {
    const record = this.pending ? `${this.pending}\n${line}` : line;
    if (opensQuote(record)) {
      this.pending = record;
      return undefined;
    }
    this.pending = '';
    return record;
  }
  /** What is left when the file ends inside a quote. */
  rest(): string | undefined {
    return this.pending || undefined;
  }
}

/** Every record of a CSV file, quoted line breaks joined, in order. */
async function forEachRecord(file: string, take: (record: string) => void): Promise<void> {
  const joiner = new RecordJoiner();
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      const record = joiner.push(line);
      if (record !== undefined) take(record);
    }
  }
  const rest = joiner.rest();
  if (rest !== undefined) take(rest);
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
  await forEachRecord(file, (record) => {
    if (record.length === 0) return;
    const fields = parseCsvRecord(record);
    if (header) {
      onHeader(fields.map((f) => f.trim()));
      header = false;
    } else {
      onRow(fields);
    }
  });
}

/**
 * The number in text[a, b): a fast path for plain decimals (what the simulator writes), exact
 * to the last bit or within one unit of it; anything else (exponents, more than 15 digits,
 * Infinity) goes through Number(). Blank is NaN.
 */
export function parseNumberAt(text: string, a: number, b: number): number {
  while (a < b && text.charCodeAt(a) === 32) a++;
  while (b > a && text.charCodeAt(b - 1) === 32) b--;
  if (a === b) return Number.NaN;
  let i = a;
  let c = text.charCodeAt(i);
  const neg = c === 45;
  if (neg || c === 43) i++;
  let int = 0;
  let frac = 0;
  let scale = 1;
  let digits = 0;
  while (i < b && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
    int = int * 10 + (c - 48);
    i++;
    digits++;
  }
  if (i < b && text.charCodeAt(i) === 46) {
    i++;
    while (i < b && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      frac = frac * 10 + (c - 48);
      scale *= 10;
      i++;
      digits++;
    }
  }
  if (i !== b || digits === 0 || digits > 15) return Number(text.slice(a, b));
  const v = int + frac / scale;
  return neg ? -v : v;
}

/** The named text and number columns of each record, found by the header's names. */
class NumericRecords {
  private textIdx: number[] = [];
  private numIdx: number[] = [];
  private width = 0;
  private readonly numbers: Float64Array;
  private readonly texts: string[];
  /** starts[j] is where field j begins; ends[j] is one past its last character */
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private header = true;

  constructor(
    private readonly columns: { text: string[]; numbers: string[] },
    private readonly onHeader: (names: string[]) => void,
    private readonly onRow: (texts: string[], numbers: Float64Array) => void,
  ) {
    this.numbers = new Float64Array(columns.numbers.length);
    this.texts = new Array<string>(columns.text.length).fill('');
  }

  take(record: string): void {
    if (record.length === 0) return;
    if (this.header) this.takeHeader(record);
    else if (record.includes('"')) this.takeQuoted(record);
    else this.takePlain(record);
  }

  private takeHeader(record: string): void {
    const names = parseCsvRecord(record).map((f) => f.trim());
    this.onHeader(names);
    this.textIdx = this.columns.text.map((n) => names.indexOf(n));
    this.numIdx = this.columns.numbers.map((n) => names.indexOf(n));
    this.width = names.length;
    this.starts = new Int32Array(this.width + 1);
    this.ends = new Int32Array(this.width + 1);
    this.header = false;
  }

  private takeQuoted(record: string): void {
    const f = parseCsvRecord(record);
    const { textIdx, numIdx, texts, numbers } = this;
    for (let k = 0; k < textIdx.length; k++) texts[k] = textIdx[k] >= 0 ? (f[textIdx[k]] ?? '') : '';
    for (let k = 0; k < numIdx.length; k++) {
      const v = numIdx[k] >= 0 ? f[numIdx[k]] : undefined;
      numbers[k] = v === undefined ? Number.NaN : parseNumberAt(v, 0, v.length);
    }
    this.onRow(texts, numbers);
  }

  /** A record without quotes is scanned in place, without splitting. */
  private takePlain(record: string): void {
    const { textIdx, numIdx, texts, numbers, starts, ends } = this;
    let n = 0;
    starts[0] = 0;
    for (let p = record.indexOf(','); p >= 0 && n < this.width; p = record.indexOf(',', p + 1)) {
      ends[n] = p;
      starts[++n] = p + 1;
    }
    ends[n] = record.length;
    for (let k = 0; k < textIdx.length; k++) {
      const j = textIdx[k];
      texts[k] = j >= 0 && j <= n ? record.slice(starts[j], ends[j]) : '';
    }
    for (let k = 0; k < numIdx.length; k++) {
      const j = numIdx[k];
      numbers[k] = j >= 0 && j <= n ? parseNumberAt(record, starts[j], ends[j]) : Number.NaN;
    }
    this.onRow(texts, numbers);
  }
}

/**
 * Streams a CSV whose rows are mostly numbers: for every record, the named text columns as
 * strings and the named number columns parsed into `numbers` (reused between rows; a column
 * the file lacks is NaN).
 */
export async function readNumericCsv(
  file: string,
  columns: { text: string[]; numbers: string[] },
  onHeader: (names: string[]) => void,
  onRow: (texts: string[], numbers: Float64Array) => void,
): Promise<void> {
  const records = new NumericRecords(columns, onHeader, onRow);
  await forEachRecord(file, (record) => records.take(record));
}

/** Quote a field for CSV when it needs it. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
