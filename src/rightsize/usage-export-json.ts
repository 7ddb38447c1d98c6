/**
 * A Prometheus range answer, `{"status":"success","data":{"resultType":"matrix","result":[
 * {"metric":{...},"values":[[t,"v"],...]},...]}}`, read as it streams: each series' labels are
 * checked when they arrive and each sample goes straight into its container's lists. A series
 * whose values come before its labels keeps them until the labels are read (one series at most).
 */
import { HeadroomError } from '../errors.ts';
import { JsonStreamReader, JsonSyntaxError } from './json-stream.ts';
import type { TimeColumn, ValueColumn } from './sample-columns.ts';
import { CPU_METRIC, entry, MEMORY_METRIC, pushSample, type ExportReader, type UsageSeries } from './usage-series.ts';

function describeLabels(m: Record<string, string>): string {
  return `{${Object.entries(m).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

interface SeriesState {
  index: number;
  /** labels described, once read */
  name?: string;
  times?: TimeColumn;
  values?: ValueColumn;
  /** samples read before the labels */
  early: unknown[];
  samples: number;
}

export function prometheusReader(file: string, all: UsageSeries): ExportReader {
  const fail = (message: string, path?: string) => new HeadroomError('input', message, { file, path });
  let status: unknown;
  let resultType: unknown;
  let resultSeen = false;
  let seriesCount = 0;
  let series: SeriesState | undefined;

  const checkStatus = () => {
    if (status !== 'success') throw fail(`the query did not succeed (status ${JSON.stringify(status)})`, 'status');
  };
  const checkResultType = () => {
    if (resultType !== 'matrix') throw fail(`a range query answer (resultType "matrix") is needed, got ${JSON.stringify(resultType)}`, 'data.resultType');
  };
  const noSeries = () => fail('the answer has no series', 'data.result');

  const takeLabels = (s: SeriesState, raw: unknown) => {
    const path = `data.result.${s.index}`;
    // A copy: the labels are kept, and a string cut from the text read would keep its whole chunk.
    const metric = (raw !== null && typeof raw === 'object' ? JSON.parse(JSON.stringify(raw)) : {}) as Record<string, string>;
    const name = metric.__name__;
    const described = describeLabels(metric);
    if (name === CPU_METRIC) throw fail(`series ${described} is the raw cpu counter: export rate(${CPU_METRIC}[5m]) instead`, `${path}.metric`);
    if (name !== undefined && name !== MEMORY_METRIC) throw fail(`series ${described}: metric ${name} is neither rate(${CPU_METRIC}) nor ${MEMORY_METRIC}`, `${path}.metric.__name__`);
    const pod = metric.pod ?? metric.pod_name;
    const container = metric.container ?? metric.container_name;
    if (!pod) throw fail(`series ${described} has no pod label`, `${path}.metric`);
    if (!container) throw fail(`series ${described} has no container label`, `${path}.metric`);
    const c = entry(all, pod, container, metric);
    s.name = described;
    s.times = name === undefined ? c.cpuTimes : c.memoryTimes;
    s.values = name === undefined ? c.cpu : c.memory;
    const early = s.early;
    s.early = [];
    for (let j = 0; j < early.length; j++) takeSample(s, early[j], j);
  };

  const takeSample = (s: SeriesState, v: unknown, j: number) => {
    const at = `data.result.${s.index}.values.${j}`;
    if (!Array.isArray(v) || v.length !== 2) throw fail(`series ${s.name}: a sample must be [timestamp, "value"]`, at);
    const t = Number(v[0]);
    const x = typeof v[1] === 'string' && v[1] !== '' ? Number(v[1]) : NaN;
    pushSample(s.times!, s.values!, t, x, (m) => fail(`series ${s.name}: ${m}`, at));
    s.samples++;
  };

  const endSeries = (s: SeriesState) => {
    if (s.name === undefined) takeLabels(s, undefined);
    if (s.samples === 0) throw fail(`series ${s.name} has no samples`, `data.result.${s.index}.values`);
  };

  const json = new JsonStreamReader({
    streams(path, isArray) {
      switch (path.length) {
        case 0:
          return !isArray;
        case 1:
          return path[0] === 'data' && !isArray;
        case 2:
          return path[0] === 'data' && path[1] === 'result' && isArray;
        case 3:
          if (path[1] !== 'result' || isArray) return false;
          checkStatus();
          series = { index: path[2] as number, early: [], samples: 0 };
          return true;
        case 4:
          return path[3] === 'values' && isArray && series !== undefined;
        default:
          return false;
      }
    },
    onValue(path, v) {
      const n = path.length;
      if (n === 5) {
        const s = series!;
        if (s.name === undefined) s.early.push(v);
        else takeSample(s, v, path[4] as number);
      } else if (n === 4) {
        if (path[3] === 'metric') takeLabels(series!, v);
      } else if (n === 3) {
        // a series that is not an object: no labels, no samples
        checkStatus();
        seriesCount++;
        endSeries({ index: path[2] as number, early: [], samples: 0 });
      } else if (n === 2) {
        if (path[1] === 'resultType') {
          resultType = v;
          checkStatus();
          checkResultType();
        } else if (path[1] === 'result') {
          checkStatus();
          checkResultType();
          throw noSeries();
        }
      } else if (n === 1) {
        if (path[0] === 'status') {
          status = v;
          checkStatus();
        }
      } else checkStatus(); // the root is not an object
    },
    onClose(path) {
      const n = path.length;
      if (n === 3) {
        seriesCount++;
        endSeries(series!);
        series = undefined;
      } else if (n === 2) {
        resultSeen = true;
        checkStatus();
        checkResultType();
        if (seriesCount === 0) throw noSeries();
      } else if (n === 0) {
        checkStatus();
        checkResultType();
        if (!resultSeen) throw noSeries();
      }
    },
  });
  return {
    write(chunk) {
      try {
        json.write(chunk);
      } catch (e) {
        throw e instanceof JsonSyntaxError ? fail(`not valid JSON (${e.message})`) : e;
      }
    },
    end() {
      try {
        json.end();
      } catch (e) {
        throw e instanceof JsonSyntaxError ? fail(`not valid JSON (${e.message})`) : e;
      }
    },
  };
}
