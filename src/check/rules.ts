/**
 * What "worse" means for each key number, and how much worse is still noise. One row per entry of
 * KEY_NUMBERS; the same rule applies to the fleet's number and to each cluster's.
 *
 * Latency, errors, SLO seconds, pending pods, cost and node hours: higher is worse. Bin-packing
 * shares: lower is worse (requested capacity sitting idle). Counts that only describe how the
 * fleet moved (requests, scale-ups, scale-downs, preemptions, peak nodes) are neutral: reported,
 * never failing unless a tolerance is given for them on the command line.
 */
import { KEY_NUMBERS, type KeyNumber } from '../metrics/summary-types.ts';

/** `eitherIsWorse`: any change beyond the tolerance fails (a neutral number given a tolerance). */
export type Direction = 'higherIsWorse' | 'lowerIsWorse' | 'eitherIsWorse' | 'neutral';

/** How a number reads: picks its formatting and whether `pp` tolerances make sense for it. */
export type Unit = 'ms' | 'fraction' | 'count' | 'seconds' | 'podSeconds' | 'hours' | 'money';

/**
 * How far a number may move in its worse direction: the larger of `relative` × |baseline| and
 * `absolute` (in the number's own unit; a fraction for rates and shares). Either may be left out.
 */
export interface Tolerance {
  relative?: number;
  absolute?: number;
}

/** The baseline's numbers (one cluster's or the fleet's), for tolerances that scale with them. */
export type NumberMap = Readonly<Record<string, number>>;

export interface NumberRule {
  direction: Direction;
  unit: Unit;
  /** a function when the allowance depends on another baseline number */
  tolerance: Tolerance | ((baseline: NumberMap) => Tolerance);
  /** the default, in words, for help texts and docs */
  describe: string;
}

const latency: NumberRule = {
  direction: 'higherIsWorse',
  unit: 'ms',
  // 1 ms floor: a 3 ms p50 moving by 0.4 ms is the latency sketch's rounding, not a regression
  tolerance: { relative: 0.1, absolute: 1 },
  describe: '+10%, at least 1 ms',
};
const neutral = (unit: Unit): NumberRule => ({ direction: 'neutral', unit, tolerance: {}, describe: 'not checked' });

/** Error-rate slack: 0.05 percentage points. */
export const ERROR_RATE_SLACK = 0.0005;

export const RULES: Readonly<Record<KeyNumber, NumberRule>> = {
  'latencyMs.mean': latency,
  'latencyMs.p50': latency,
  'latencyMs.p95': latency,
  'latencyMs.p99': latency,
  'latencyMs.max': latency,
  'requests.total': neutral('count'),
  'requests.failed': {
    direction: 'higherIsWorse',
    unit: 'count',
    // the same slack as the error rate, counted in requests, so the two agree on small numbers
    tolerance: (b) => ({ relative: 0.1, absolute: ERROR_RATE_SLACK * (b['requests.total'] ?? 0) }),
    describe: '+10%, at least 0.05% of the requests',
  },
  'requests.errorRate': {
    direction: 'higherIsWorse',
    unit: 'fraction',
    tolerance: { absolute: ERROR_RATE_SLACK },
    describe: '+0.05 pp',
  },
  sloViolationSeconds: {
    direction: 'higherIsWorse',
    unit: 'seconds',
    tolerance: { relative: 0.1, absolute: 60 },
    describe: '+10%, at least 60 s',
  },
  'pods.pendingSecondsTotal': {
    direction: 'higherIsWorse',
    unit: 'podSeconds',
    tolerance: { relative: 0.1, absolute: 60 },
    describe: '+10%, at least 60 pod-seconds',
  },
  'pods.maxPending': {
    direction: 'higherIsWorse',
    unit: 'count',
    tolerance: { relative: 0.1, absolute: 2 },
    describe: '+10%, at least 2 pods',
  },
  'pods.preemptions': neutral('count'),
  'pods.scheduleToReadyP95S': {
    direction: 'higherIsWorse',
    unit: 'seconds',
    tolerance: { relative: 0.1, absolute: 5 },
    describe: '+10%, at least 5 s',
  },
  'nodes.peak': neutral('count'),
  'nodes.nodeHours': {
    direction: 'higherIsWorse',
    unit: 'hours',
    tolerance: { relative: 0.02 },
    describe: '+2%',
  },
  'nodes.scaleUps': neutral('count'),
  'nodes.scaleDowns': neutral('count'),
  'cost.total': {
    direction: 'higherIsWorse',
    unit: 'money',
    tolerance: { relative: 0.02 },
    describe: '+2%',
  },
  'cost.headroom': {
    direction: 'higherIsWorse',
    unit: 'money',
    // a cent of floor: a headroom cost of zero stays comparable
    tolerance: { relative: 0.02, absolute: 0.01 },
    describe: '+2%, at least 0.01',
  },
  // Placeholders count in these two, so fewer placeholders would read as worse packing: the
  // workload-only shares below are the ones checked.
  'binPacking.cpuRequestedShare': neutral('fraction'),
  'binPacking.memoryRequestedShare': neutral('fraction'),
  'binPacking.workloadCpuRequestedShare': {
    direction: 'lowerIsWorse',
    unit: 'fraction',
    tolerance: { absolute: 0.02 },
    describe: '-2 pp',
  },
  'binPacking.workloadMemoryRequestedShare': {
    direction: 'lowerIsWorse',
    unit: 'fraction',
    tolerance: { absolute: 0.02 },
    describe: '-2 pp',
  },
};

export function isKeyNumber(key: string): key is KeyNumber {
  return (KEY_NUMBERS as readonly string[]).includes(key);
}

export function resolveTolerance(rule: NumberRule, baseline: NumberMap): Tolerance {
  return typeof rule.tolerance === 'function' ? rule.tolerance(baseline) : rule.tolerance;
}

/** The change allowed in the worse direction for a baseline value (never negative). */
export function allowance(tolerance: Tolerance, baselineValue: number): number {
  return Math.max(0, (tolerance.relative ?? 0) * Math.abs(baselineValue), tolerance.absolute ?? 0);
}
