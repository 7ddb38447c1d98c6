/**
 * A CSV usage export, `timestamp,pod,container,metric,value` (columns in any order), parsed by
 * csv-parse's stream parser fed and drained in step: each chunk written is parsed before the next
 * is read, so the file is read synchronously and never held whole. Each row names its line.
 */
import { parse, type Parser } from 'csv-parse';
import { HeadroomError } from '../errors.ts';
import { CPU_METRIC, entry, MEMORY_METRIC, pushSample, type ExportReader, type UsageSeries } from './usage-series.ts';

const CSV_COLUMNS = ['timestamp', 'pod', 'container', 'metric', 'value'];

export function csvReader(file: string, all: UsageSeries): ExportReader {
  // Empty lines are kept as records (and skipped below) so that record and line numbers stay in
  // step; the parser's own line counter runs ahead to the end of the chunk it has parsed.
  const parser: Parser = parse({ bom: true, trim: true, relax_column_count: true });
  parser.on('error', () => {}); // read from parser.errored, synchronously
  let line = 1;
  let col: Record<string, number> | undefined;

  const row = (cells: string[], at: number) => {
    if (!col) {
      col = Object.fromEntries(CSV_COLUMNS.map((c) => [c, cells.indexOf(c)]));
      for (const c of CSV_COLUMNS) {
        if (col[c] < 0) throw new HeadroomError('input', `the header has no "${c}" column (needs ${CSV_COLUMNS.join(',')})`, { file, line: 1 });
      }
      return;
    }
    if (cells.length === 1 && cells[0] === '') return;
    const cell = (c: string) => cells[col![c]] ?? '';
    const fail = (m: string, key: string) => new HeadroomError('input', m, { file, line: at, path: key });
    const metric = cell('metric');
    const isCpu = metric === 'cpu' || metric === `rate(${CPU_METRIC})`;
    const isMemory = metric === 'memory' || metric === MEMORY_METRIC;
    if (metric === CPU_METRIC) throw fail(`metric ${CPU_METRIC} is the raw counter: export its rate`, 'metric');
    if (!isCpu && !isMemory) throw fail(`metric "${metric}" is neither cpu nor memory`, 'metric');
    const pod = cell('pod');
    const container = cell('container');
    if (!pod) throw fail('no pod', 'pod');
    if (!container) throw fail('no container', 'container');
    const s = entry(all, pod, container, { pod, container });
    const raw = cell('timestamp');
    const t = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
    const value = cell('value');
    pushSample(isCpu ? s.cpuTimes : s.memoryTimes, isCpu ? s.cpu : s.memory, t, value === '' ? NaN : Number(value), (m) =>
      fail(`${pod}/${container} ${isCpu ? 'cpu' : 'memory'}: ${m}`, /timestamp|time/.test(m) ? 'timestamp' : 'value'),
    );
  };

  const drain = () => {
    let cells: string[] | null;
    while ((cells = parser.read() as string[] | null) !== null) {
      const at = line;
      // a quoted field may hold line breaks
      line++;
      for (const c of cells) for (let k = c.indexOf('\n'); k >= 0; k = c.indexOf('\n', k + 1)) line++;
      row(cells, at);
    }
    const e = parser.errored as (Error & { lines?: number }) | null;
    if (e) throw new HeadroomError('input', `not valid CSV (${e.message.replace(/ at line \d+/, '')})`, { file, line: e.lines });
  };

  return {
    write(chunk) {
      if (chunk === '') return;
      parser.write(chunk);
      drain();
    },
    end() {
      parser.end();
      drain();
      if (!col) throw new HeadroomError('input', `the header has no "timestamp" column (needs ${CSV_COLUMNS.join(',')})`, { file, line: 1 });
    },
  };
}
