/**
 * The samples read from usage exports, one entry per pod and container, and the check every
 * sample passes on its way in, whichever format it came in.
 */
import type { HeadroomError } from '../errors.ts';

export const CPU_METRIC = 'container_cpu_usage_seconds_total';
export const MEMORY_METRIC = 'container_memory_working_set_bytes';

export interface ContainerSeries {
  pod: string;
  container: string;
  labels: Record<string, string>;
  cpuTimesSec: number[];
  cpuCores: number[];
  memoryTimesSec: number[];
  memoryBytes: number[];
}

export type UsageSeries = Map<string, ContainerSeries>;

/** Text in, samples into the series map; `end` checks what only the whole file can show. */
export interface ExportReader {
  write(chunk: string): void;
  end(): void;
}

function keyOf(pod: string, container: string): string {
  return `${pod}\u0000${container}`;
}

export function entry(all: UsageSeries, pod: string, container: string, labels: Record<string, string>): ContainerSeries {
  const k = keyOf(pod, container);
  let s = all.get(k);
  if (!s) {
    s = { pod, container, labels, cpuTimesSec: [], cpuCores: [], memoryTimesSec: [], memoryBytes: [] };
    all.set(k, s);
  }
  return s;
}

/** One sample, checked: a finite time after the series' last, a finite value of at least 0. */
export function pushSample(times: number[], values: number[], t: number, x: number, fail: (m: string) => HeadroomError): void {
  if (!Number.isFinite(t)) throw fail('the timestamp is not a number');
  if (!Number.isFinite(x)) throw fail('the value is not a finite number (NaN or missing)');
  if (x < 0) throw fail(`the value ${x} is negative`);
  if (times.length && !(t > times[times.length - 1])) throw fail(`time does not increase: ${t} comes after ${times[times.length - 1]}`);
  times.push(t);
  values.push(x);
}
