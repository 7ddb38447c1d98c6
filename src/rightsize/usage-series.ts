/**
 * The samples read from usage exports, one entry per pod and container, and the check every
 * sample passes on its way in, whichever format it came in.
 */
import type { ContainerHistory } from '../decisions/vpa/aggregate.ts';
import type { HeadroomError } from '../errors.ts';
import { TimeColumn, ValueColumn } from './sample-columns.ts';

export const CPU_METRIC = 'container_cpu_usage_seconds_total';
export const MEMORY_METRIC = 'container_memory_working_set_bytes';

/**
 * One pod's container: its labels and its samples, kept in columns (sample-columns.ts), about
 * 8 bytes a sample. The plain-array getters copy; the recommenders read `history()`.
 */
export class ContainerSeries {
  readonly cpuTimes = new TimeColumn();
  readonly cpu = new ValueColumn();
  readonly memoryTimes = new TimeColumn();
  readonly memory = new ValueColumn();

  constructor(
    readonly pod: string,
    readonly container: string,
    readonly labels: Record<string, string>,
  ) {}

  get cpuTimesSec(): number[] {
    return Array.from(this.cpuTimes.toArray());
  }
  get cpuCores(): number[] {
    return Array.from(this.cpu.toArray());
  }
  get memoryTimesSec(): number[] {
    return Array.from(this.memoryTimes.toArray());
  }
  get memoryBytes(): number[] {
    return Array.from(this.memory.toArray());
  }

  /** The samples as the recommenders take them; an export says nothing of requests, so 0. */
  history(): ContainerHistory {
    return { cpuTimesSec: this.cpuTimes.toArray(), cpuCores: this.cpu.toArray(), cpuRequestCores: 0, memoryTimesSec: this.memoryTimes.toArray(), memoryBytes: this.memory.toArray() };
  }
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
    s = new ContainerSeries(pod, container, labels);
    all.set(k, s);
  }
  return s;
}

/** One sample, checked: a finite time after the series' last, a finite value of at least 0. */
export function pushSample(times: TimeColumn, values: ValueColumn, t: number, x: number, fail: (m: string) => HeadroomError): void {
  if (!Number.isFinite(t)) throw fail('the timestamp is not a number');
  if (!Number.isFinite(x)) throw fail('the value is not a finite number (NaN or missing)');
  if (x < 0) throw fail(`the value ${x} is negative`);
  if (times.length && !(t > times.last)) throw fail(`time does not increase: ${t} comes after ${times.last}`);
  times.push(t);
  values.push(x);
}
