/**
 * The range every number read from a user must fall in: scenario keys, trace rows, `decide`
 * input and flags. The bounds are far above any real fleet (Kubernetes' own limits are 5,000
 * nodes and 150,000 pods a cluster) and far below where the arithmetic stops being exact or
 * finite: 1e308 requests a second would be finite, but a step's requests (rate × step) would not.
 * docs/scenario.md ("Value forms") states them; a test holds the two together.
 */
export const LIMITS = {
  /** 1,000,000 cores, in millicores (a request, an allocatable) */
  cpuMilli: 1e9,
  /** 1 PiB (a request, an allocatable) */
  memoryBytes: 2 ** 50,
  /** 10 years, in seconds: durations, delays, offsets */
  durationSec: 10 * 365 * 86_400,
  /** a billion requests a second: a generator's base or peak, a trace's rate after its scale */
  rateRps: 1e9,
  /** pods, nodes, replicas, percentages and other whole numbers */
  count: 1e9,
  /** plain factors and prices: a weight, a trace's scale and speedup, a price per hour */
  factor: 1e6,
} as const;
