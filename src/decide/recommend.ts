/**
 * `headroom decide recommend`: the VPA recommender on given usage samples of one container name,
 * for explaining one number.
 *
 * Input (JSON):
 *   { pods: [{ name, cpuRequest?, cpu: [[timeSec, cores]], memory: [[timeSec, bytes]],
 *              ooms?: [{ at: timeSec, memoryRequest }] }],
 *     targetPercentile?, lowerBoundPercentile?, upperBoundPercentile?  (0..1, cpu and memory alike),
 *     safetyMargin?, containersPerPod?, minAllowed?: {cpu?, memory?}, maxAllowed?: {cpu?, memory?} }
 * cpu values are cores (a number) or a quantity ("250m"); memory bytes or a quantity ("512Mi").
 * Output: { target, lowerBound, upperBound, uncappedTarget } each {cpuMilli, memoryBytes},
 *   and confidence {cpu, memory} in confidence intervals (days).
 */
import { parseCpuMilli, parseMemoryBytes } from '../quantity.ts';
import { aggregateContainers, type ContainerHistory } from '../decisions/vpa/aggregate.ts';
import { confidence, recommendContainer, RECOMMENDER_DEFAULTS, type RecommenderOptions, type Resources, type VpaRecommendation } from '../decisions/vpa/recommender.ts';
import { atPath, expectKeys, expectList, expectName, expectObject, inputError, join, wholeNumber } from './pods.ts';

export interface RecommendDecision extends VpaRecommendation {
  confidence: { cpu: number; memory: number };
}

const INPUT_KEYS = ['pods', 'targetPercentile', 'lowerBoundPercentile', 'upperBoundPercentile', 'safetyMargin', 'containersPerPod', 'minAllowed', 'maxAllowed'];
const POD_KEYS = ['name', 'cpuRequest', 'cpu', 'memory', 'ooms'];

export function decideRecommend(input: unknown): RecommendDecision {
  const o = expectObject(input, '', 'an object with pods');
  expectKeys(o, INPUT_KEYS, '');
  if (o.pods === undefined) throw inputError('pods', 'missing: the pods of the workload, each with its cpu and memory samples');
  const pods = expectList(o.pods, 'pods').map((p, i) => parsePod(p, join('pods', i)));
  if (pods.every((p) => p.cpuTimesSec.length === 0)) throw inputError('pods', 'no cpu samples: the recommender needs at least one');
  const options: RecommenderOptions = {
    ...RECOMMENDER_DEFAULTS,
    targetPercentile: percentile(o.targetPercentile, 'targetPercentile', RECOMMENDER_DEFAULTS.targetPercentile),
    lowerBoundPercentile: percentile(o.lowerBoundPercentile, 'lowerBoundPercentile', RECOMMENDER_DEFAULTS.lowerBoundPercentile),
    upperBoundPercentile: percentile(o.upperBoundPercentile, 'upperBoundPercentile', RECOMMENDER_DEFAULTS.upperBoundPercentile),
    safetyMarginFraction: o.safetyMargin === undefined ? RECOMMENDER_DEFAULTS.safetyMarginFraction : fraction(o.safetyMargin, 'safetyMargin', 10),
    containersPerPod: o.containersPerPod === undefined ? 1 : wholeNumber(o.containersPerPod, 'containersPerPod', 1),
    minAllowed: o.minAllowed === undefined ? undefined : resources(o.minAllowed, 'minAllowed'),
    maxAllowed: o.maxAllowed === undefined ? undefined : resources(o.maxAllowed, 'maxAllowed'),
  };
  const state = aggregateContainers(pods);
  const r = recommendContainer(state, options);
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    ...r,
    confidence: { cpu: round(confidence(state, options.confidenceIntervalSec.cpu)), memory: round(confidence(state, options.confidenceIntervalSec.memory)) },
  };
}

function parsePod(raw: unknown, path: string): ContainerHistory {
  const o = expectObject(raw, path, 'a pod {name, cpu, memory}');
  expectKeys(o, POD_KEYS, path);
  expectName(o.name, join(path, 'name'));
  const cpuRequestCores = o.cpuRequest === undefined ? 0 : atPath(join(path, 'cpuRequest'), () => parseCpuMilli(o.cpuRequest, 'cpuRequest')) / 1000;
  const cpu = series(o.cpu, join(path, 'cpu'), (v, at) => (typeof v === 'number' ? nonNegative(v, at) : atPath(at, () => parseCpuMilli(v, 'cpu')) / 1000));
  const memory = series(o.memory, join(path, 'memory'), (v, at) => (typeof v === 'number' ? nonNegative(v, at) : atPath(at, () => parseMemoryBytes(v, 'memory'))));
  const ooms = o.ooms === undefined ? [] : expectList(o.ooms, join(path, 'ooms')).map((e, i) => {
    const p = join(path, 'ooms', i);
    const x = expectObject(e, p, 'an OOM kill {at, memoryRequest}');
    expectKeys(x, ['at', 'memoryRequest'], p);
    if (typeof x.at !== 'number' || !Number.isFinite(x.at)) throw inputError(join(p, 'at'), 'must be a time in seconds');
    return { timeSec: x.at, memoryRequestBytes: atPath(join(p, 'memoryRequest'), () => parseMemoryBytes(x.memoryRequest, 'memoryRequest')) };
  });
  return { cpuTimesSec: cpu.times, cpuCores: cpu.values, cpuRequestCores, memoryTimesSec: memory.times, memoryBytes: memory.values, ooms };
}

function series(raw: unknown, path: string, value: (v: unknown, at: string) => number): { times: number[]; values: number[] } {
  if (raw === undefined) return { times: [], values: [] };
  const times: number[] = [];
  const values: number[] = [];
  expectList(raw, path).forEach((s, i) => {
    const at = join(path, i);
    if (!Array.isArray(s) || s.length !== 2 || typeof s[0] !== 'number' || !Number.isFinite(s[0])) throw inputError(at, 'a sample is [timeSec, value]');
    if (i > 0 && !(s[0] > times[i - 1])) throw inputError(at, `time does not increase: ${s[0]} comes after ${times[i - 1]}`);
    times.push(s[0]);
    values.push(value(s[1], at));
  });
  return { times, values };
}

function nonNegative(v: number, at: string): number {
  if (!Number.isFinite(v) || v < 0) throw inputError(at, `must be a finite number of at least 0, got ${v}`);
  return v;
}

function fraction(raw: unknown, path: string, most: number): number {
  if (typeof raw !== 'number' || !(raw >= 0 && raw <= most)) throw inputError(path, `must be a number from 0 to ${most}`);
  return raw;
}

function percentile(raw: unknown, path: string, fallback: { cpu: number; memory: number }): { cpu: number; memory: number } {
  if (raw === undefined) return fallback;
  const p = fraction(raw, path, 1);
  return { cpu: p, memory: p };
}

function resources(raw: unknown, path: string): Partial<Resources> {
  const o = expectObject(raw, path, 'an object {cpu?, memory?}');
  expectKeys(o, ['cpu', 'memory'], path);
  const r: Partial<Resources> = {};
  if (o.cpu !== undefined) r.cpuMilli = atPath(join(path, 'cpu'), () => parseCpuMilli(o.cpu, 'cpu'));
  if (o.memory !== undefined) r.memoryBytes = atPath(join(path, 'memory'), () => parseMemoryBytes(o.memory, 'memory'));
  return r;
}
