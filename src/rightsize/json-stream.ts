/**
 * An incremental JSON reader for documents too large to hold: text is written in chunks of any
 * size and a container whose path the caller marks as streamed is never built; its children are
 * handed over one at a time as each completes (a child of a streamed container is built unless
 * it is streamed too). A Prometheus range answer streams its root, `data`, `data.result`, each
 * series and its `values`, so at most one sample pair or one label set is built at a time.
 *
 * The frames live in flat arrays reused by depth, and the path is one array updated in place:
 * a sample costs its pair and its value string, nothing per bracket.
 */

export type JsonPath = (string | number)[];

export interface JsonStreamEvents {
  /** Whether the container opening at `path` (its parents all streamed) is streamed rather than built. */
  streams(path: readonly (string | number)[], isArray: boolean): boolean;
  /** A complete child of a streamed container, or the whole document when the root is built; `path` ends with its key or index. Valid during the call only. */
  onValue(path: readonly (string | number)[], value: unknown): void;
  /** A streamed container has closed. */
  onClose(path: readonly (string | number)[]): void;
}

export class JsonSyntaxError extends Error {}

const enum Expect {
  Value,
  /** a value or, first in an array, `]` */
  ValueOrClose,
  /** a key or, first in an object, `}` */
  KeyOrClose,
  Key,
  Colon,
  CommaOrClose,
  Done,
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

export class JsonStreamReader {
  private rest = '';
  /** characters of the document before `rest` */
  private consumed = 0;
  private expect = Expect.Value;
  private depth = 0;
  private readonly isArray: boolean[] = [];
  private readonly streamed: boolean[] = [];
  /** the container being built at each depth (undefined when streamed) */
  private readonly built: unknown[] = [];
  /** path[d] is the key or index of the current child of the container at depth d */
  private readonly path: JsonPath = [];

  constructor(private readonly events: JsonStreamEvents) {}

  write(chunk: string): void {
    this.scan(this.rest.length ? this.rest + chunk : chunk, false);
  }

  end(): void {
    this.scan(this.rest, true);
    if (this.expect !== Expect.Done) throw new JsonSyntaxError('unexpected end of the file');
  }

  private fail(what: string, at: number): never {
    throw new JsonSyntaxError(`${what} at character ${this.consumed + at + 1}`);
  }

  private scan(buf: string, final: boolean): void {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const c = buf.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      const e = this.expect;
      if (e === Expect.Done) this.fail(`unexpected ${JSON.stringify(buf[i])} after the document`, i);
      if (e === Expect.Colon) {
        if (c !== 0x3a) this.fail(`expected ":", got ${JSON.stringify(buf[i])}`, i);
        this.expect = Expect.Value;
        i++;
        continue;
      }
      if (e === Expect.CommaOrClose) {
        if (c === 0x2c) {
          if (this.isArray[this.depth - 1]) {
            (this.path[this.depth - 1] as number)++;
            this.expect = Expect.Value;
          } else this.expect = Expect.Key;
          i++;
        } else if (c === (this.isArray[this.depth - 1] ? 0x5d : 0x7d)) {
          this.close();
          i++;
        } else this.fail(`expected "," or a closing bracket, got ${JSON.stringify(buf[i])}`, i);
        continue;
      }
      if (e === Expect.KeyOrClose || e === Expect.Key) {
        if (c === 0x7d && e === Expect.KeyOrClose) {
          this.close();
          i++;
          continue;
        }
        if (c !== 0x22) this.fail(`expected a key, got ${JSON.stringify(buf[i])}`, i);
        const end = stringEnd(buf, i);
        if (end < 0) break;
        this.path[this.depth - 1] = decodeString(buf, i, end, (m) => this.fail(m, i));
        this.expect = Expect.Colon;
        i = end + 1;
        continue;
      }
      // a value
      if (c === 0x5d && e === Expect.ValueOrClose) {
        this.path[this.depth - 1] = 0;
        this.close();
        i++;
      } else if (c === 0x7b || c === 0x5b) {
        this.open(c === 0x5b);
        i++;
      } else if (c === 0x22) {
        const end = stringEnd(buf, i);
        if (end < 0) break;
        this.value(decodeString(buf, i, end, (m) => this.fail(m, i)));
        i = end + 1;
      } else if (isNumberChar(c)) {
        let j = i + 1;
        while (j < n && isNumberChar(buf.charCodeAt(j))) j++;
        if (j === n && !final) break;
        const text = buf.slice(i, j);
        if (!NUMBER.test(text)) this.fail(`${text} is not a number`, i);
        this.value(Number(text));
        i = j;
      } else {
        const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : '';
        if (word === '') this.fail(`unexpected ${JSON.stringify(buf[i])}`, i);
        if (n - i < word.length && !final) break;
        if (buf.slice(i, i + word.length) !== word) this.fail(`unexpected ${JSON.stringify(buf.slice(i, i + word.length))}`, i);
        this.value(word === 'true' ? true : word === 'false' ? false : null);
        i += word.length;
      }
    }
    this.consumed += i;
    this.rest = buf.slice(i);
    if (final && this.rest.length) this.fail('unexpected end of the file', this.rest.length);
  }

  private open(isArray: boolean): void {
    const d = this.depth;
    const parentStreamed = d === 0 || this.streamed[d - 1];
    // path holds the d keys leading here
    const streamed = parentStreamed && this.events.streams(this.path, isArray);
    this.isArray[d] = isArray;
    this.streamed[d] = streamed;
    this.built[d] = streamed ? undefined : isArray ? [] : {};
    this.path[d] = isArray ? 0 : '';
    this.depth = d + 1;
    this.path.length = this.depth;
    this.expect = isArray ? Expect.ValueOrClose : Expect.KeyOrClose;
  }

  private close(): void {
    const d = this.depth - 1;
    this.depth = d;
    this.path.length = d;
    const container = this.built[d];
    this.built[d] = undefined;
    if (this.streamed[d]) {
      this.events.onClose(this.path);
      this.after();
    } else this.value(container);
  }

  /** A complete value at the current position. */
  private value(v: unknown): void {
    const d = this.depth;
    if (d === 0) this.events.onValue(this.path, v);
    else if (this.streamed[d - 1]) this.events.onValue(this.path, v);
    else if (this.isArray[d - 1]) (this.built[d - 1] as unknown[]).push(v);
    else (this.built[d - 1] as Record<string, unknown>)[this.path[d - 1] as string] = v;
    this.after();
  }

  private after(): void {
    this.expect = this.depth === 0 ? Expect.Done : Expect.CommaOrClose;
  }
}

/** The index of the quote closing the string opened at `start`, or −1 when the buffer ends first. */
function stringEnd(buf: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = buf.indexOf('"', j);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let k = q - 1; k > start && buf.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
    j = q + 1;
  }
}

function decodeString(buf: string, start: number, end: number, fail: (m: string) => never): string {
  const raw = buf.slice(start + 1, end);
  if (raw.indexOf('\\') < 0) {
    for (let k = 0; k < raw.length; k++) if (raw.charCodeAt(k) < 0x20) fail('a control character in a string');
    return raw;
  }
  try {
    return JSON.parse(buf.slice(start, end + 1)) as string;
  } catch {
    return fail('a bad escape in a string');
  }
}
