/**
 * Usage exports made up for the bench and the tests, the same on every machine for a seed:
 * `containers` pods of one container each (`app`), grouped twenty to a workload by their
 * ReplicaSet-style names, with a cpu rate sample every `cpuStepSec` and a working set every
 * `memoryStepSec` over `days`. Cpu follows a daily wave around each pod's own level with noise;
 * memory climbs slowly through the day. As a Prometheus range answer (series after series) or as
 * CSV (minute after minute, every container's rows interleaved, as a wide export comes out).
 */
import seedrandom from 'seedrandom';

export interface UsageExportShape {
  containers: number;
  days: number;
  cpuStepSec: number;
  memoryStepSec: number;
  seed: string;
}

const START_SEC = 1_700_000_000;
const DAY_SEC = 86_400;

const suffix = (i: number) => i.toString(36).padStart(5, '0').replace(/[^a-z0-9]/g, 'x');
const podOf = (i: number) => `svc${Math.floor(i / 20)}-7d4b9c8f6d-${suffix(i)}`;

function levels(shape: UsageExportShape): { cpuCores: Float64Array; memoryBytes: Float64Array; draw: () => number } {
  const draw = seedrandom.alea(`${shape.seed}\u0000bench/usage-export`);
  const cpuCores = new Float64Array(shape.containers);
  const memoryBytes = new Float64Array(shape.containers);
  for (let i = 0; i < shape.containers; i++) {
    cpuCores[i] = 0.05 + draw() * 1.5;
    memoryBytes[i] = (64 + draw() * 1024) * 2 ** 20;
  }
  return { cpuCores, memoryBytes, draw };
}

const cpuAt = (level: number, t: number, noise: number) => (level * (1 + 0.5 * Math.sin((2 * Math.PI * t) / DAY_SEC)) * (0.8 + 0.4 * noise)).toFixed(5);
const memoryAt = (level: number, t: number, noise: number) => String(Math.round(level * (1 + 0.3 * ((t % DAY_SEC) / DAY_SEC) + 0.05 * noise)));

/** Calls `emit` with the export's text, piece by piece (each under a few MiB). */
export function generateUsageExport(format: 'json' | 'csv', shape: UsageExportShape, emit: (text: string) => void): void {
  const { cpuCores, memoryBytes, draw } = levels(shape);
  const endSec = START_SEC + shape.days * DAY_SEC;
  if (format === 'csv') {
    emit('timestamp,pod,container,metric,value\n');
    for (let t = START_SEC; t < endSec; t += shape.cpuStepSec) {
      let rows = '';
      const memory = (t - START_SEC) % shape.memoryStepSec === 0;
      for (let i = 0; i < shape.containers; i++) {
        const pod = podOf(i);
        rows += `${t},${pod},app,cpu,${cpuAt(cpuCores[i], t, draw())}\n`;
        if (memory) rows += `${t},${pod},app,memory,${memoryAt(memoryBytes[i], t, draw())}\n`;
      }
      emit(rows);
    }
    return;
  }
  emit('{"status":"success","data":{"resultType":"matrix","result":[');
  for (let i = 0; i < shape.containers; i++) {
    for (const metric of ['cpu', 'memory'] as const) {
      const labels = metric === 'cpu' ? '' : '"__name__":"container_memory_working_set_bytes",';
      let text = `${i === 0 && metric === 'cpu' ? '' : ','}{"metric":{${labels}"namespace":"shop","pod":"${podOf(i)}","container":"app"},"values":[`;
      const step = metric === 'cpu' ? shape.cpuStepSec : shape.memoryStepSec;
      for (let t = START_SEC; t < endSec; t += step) {
        const v = metric === 'cpu' ? cpuAt(cpuCores[i], t, draw()) : memoryAt(memoryBytes[i], t, draw());
        text += `${t === START_SEC ? '' : ','}[${t},"${v}"]`;
      }
      emit(`${text}]}`);
    }
  }
  emit(']}}\n');
}

/** The shape `npm run bench` reads: a week of minutes for 1,000 containers (10.08 M cpu samples) and a working set every 10 minutes (1.01 M). */
export const BENCH_EXPORT: UsageExportShape = Object.freeze({ containers: 1000, days: 7, cpuStepSec: 60, memoryStepSec: 600, seed: 'bench' });
