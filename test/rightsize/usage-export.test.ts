import { describe, expect, it } from 'vitest';
import { readUsageExport, type UsageSeries } from '../../src/rightsize/usage-export.ts';
import { rightsize, workloadOfPod } from '../../src/rightsize/rightsize.ts';

const answer = (result: unknown[]) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
const read = (text: string, file = 'u.json') => {
  const all: UsageSeries = new Map();
  readUsageExport(text, file, all);
  return all;
};

describe('usage exports', () => {
  it('a series without __name__ is the cpu rate; container_memory_working_set_bytes is memory', () => {
    const all = read(answer([
      { metric: { pod: 'web-1', container: 'app' }, values: [[1, '0.5'], [61, '0.25']] },
      { metric: { __name__: 'container_memory_working_set_bytes', pod: 'web-1', container: 'app' }, values: [[1, '1000']] },
    ]));
    const s = [...all.values()][0];
    expect(s.cpuCores).toEqual([0.5, 0.25]);
    expect(s.memoryBytes).toEqual([1000]);
  });

  it.each([
    [{ metric: { __name__: 'container_cpu_usage_seconds_total', pod: 'a', container: 'c' }, values: [[1, '5']] }, /raw cpu counter/],
    [{ metric: { __name__: 'kube_pod_info', pod: 'a', container: 'c' }, values: [[1, '5']] }, /metric kube_pod_info is neither/],
    [{ metric: { container: 'c' }, values: [[1, '5']] }, /has no pod label/],
    [{ metric: { pod: 'a', container: 'c' }, values: [[1, 'NaN']] }, /not a finite number/],
    [{ metric: { pod: 'a', container: 'c' }, values: [[1, '-1']] }, /negative/],
    [{ metric: { pod: 'a', container: 'c' }, values: [[5, '1'], [5, '1']] }, /time does not increase/],
  ])('refuses %j naming the series and its key', (series, message) => {
    expect(() => read(answer([series]))).toThrow(message);
    try {
      read(answer([series]));
    } catch (e) {
      expect((e as { file?: string }).file).toBe('u.json');
      expect((e as { path?: string }).path).toMatch(/^data\.result\.0/);
    }
  });

  it('CSV rows name their line', () => {
    const all = read('timestamp,pod,container,metric,value\n1,web-0,app,cpu,0.5\n1,web-0,app,memory,100\n', 'u.csv');
    expect([...all.values()][0].cpuCores).toEqual([0.5]);
    expect(() => read('timestamp,pod,container,metric,value\n1,web-0,app,cpu,0.5\n2,web-0,app,gpu,1\n', 'u.csv')).toThrow(/"gpu" is neither/);
    try {
      read('timestamp,pod,container,metric,value\n1,web-0,app,cpu,x\n', 'u.csv');
    } catch (e) {
      expect((e as { line?: number }).line).toBe(2);
    }
  });
});

describe('grouping into workloads', () => {
  it('strips ReplicaSet suffixes and StatefulSet ordinals', () => {
    expect(workloadOfPod('web-7d4b9c8f6d-x2kqp')).toBe('web');
    expect(workloadOfPod('db-0')).toBe('db');
    expect(workloadOfPod('standalone')).toBe('standalone');
  });

  it('a container with cpu but no memory samples is named', () => {
    const all = read(answer([{ metric: { pod: 'web-1', container: 'app' }, values: [[1, '0.5']] }]));
    expect(() => rightsize(all, undefined)).toThrow(/web\/app: no memory samples \(pods web-1\)/);
    expect(() => rightsize(all, 'app')).toThrow(/no label "app"/);
  });
});
