/**
 * A team's usage export, read into one sample list per pod and container: Prometheus
 * `/api/v1/query_range` answers (JSON) of `rate(container_cpu_usage_seconds_total[..])` and
 * `container_memory_working_set_bytes`, or CSV with the columns
 * `timestamp,pod,container,metric,value` (metric `cpu` or `memory`, or the Prometheus names).
 * rate() drops the metric name, so a JSON series without `__name__` is cpu; a raw
 * `container_cpu_usage_seconds_total` series is a counter and is refused (its resets and
 * restarts are rate()'s to handle, not ours). Every problem names the file and the series.
 *
 * A file is read in chunks and each sample checked as it arrives (usage-export-json.ts,
 * usage-export-csv.ts): memory holds the samples as numbers, never the file's text, 8 bytes a
 * value and next to nothing for times of a fixed step (sample-columns.ts). The values are kept,
 * not folded into the recommenders' histograms as they arrive, because KRR takes an exact
 * percentile of each pod's cpu, and the VPA's history window ends at the newest sample of a
 * workload and its memory intervals start at the first sample inside it, both known only once
 * every file is read; kept, they are also summed in the very order a simulated run's are.
 */
import { StringDecoder } from 'node:string_decoder';
import { closeSync, readSync } from 'node:fs';
import { HeadroomError } from '../errors.ts';
import { formatBytes, openRegularFile, type ReadLimits } from '../input/files.ts';
import type { ExportReader, UsageSeries } from './usage-series.ts';
import { prometheusReader } from './usage-export-json.ts';
import { csvReader } from './usage-export-csv.ts';

export { CPU_METRIC, MEMORY_METRIC, type ContainerSeries, type ExportReader, type UsageSeries } from './usage-series.ts';

/** A JSON answer starts with `{`; anything else is CSV. */
export function exportReader(head: string, file: string, all: UsageSeries): ExportReader {
  return head.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? prometheusReader(file, all) : csvReader(file, all);
}

/** Adds one file's series to `all`, from its whole text. */
export function readUsageExport(text: string, file: string, all: UsageSeries): void {
  const r = exportReader(text, file, all);
  r.write(text);
  r.end();
}

const CHUNK_BYTES = 1 << 20;

/** Adds one file's series to `all`, reading it a MiB at a time (`chunkBytes`: the tests' smaller reads). */
export function readUsageExportFile(path: string, display: string, all: UsageSeries, limits: ReadLimits, chunkBytes = CHUNK_BYTES): void {
  const { fd } = openRegularFile(path, display, limits);
  try {
    const buf = Buffer.alloc(chunkBytes);
    const decoder = new StringDecoder('utf8');
    let reader: ExportReader | undefined;
    let head = '';
    let bytes = 0;
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      bytes += got;
      // A file that grows while it is read is read to the cap and refused past it.
      if (bytes > limits.maxBytes) {
        throw new HeadroomError(limits.code ?? 'io', `cannot read ${limits.what ?? 'the file'}: it grew past the ${formatBytes(limits.maxBytes)} read at most while it was read`, { file: display });
      }
      const text = decoder.write(buf.subarray(0, got));
      if (!reader) {
        head += text;
        if (head.trim() === '') continue;
        reader = exportReader(head, display, all);
        reader.write(head);
      } else reader.write(text);
    }
    if (!reader) {
      reader = exportReader(head, display, all);
      reader.write(head);
    }
    reader.write(decoder.end());
    reader.end();
  } finally {
    closeSync(fd);
  }
}
