/**
 * The replica calculator held to the cases of Kubernetes' replica_calculator_test.go, with our
 * own numbers. Flags are the controller's defaults unless a case says otherwise: tolerance 0.1,
 * cpu initialization period 300 s, initial readiness delay 30 s, metric window 30 s.
 */
import { describe, expect, it } from 'vitest';
import { countPods } from '../../../src/decisions/hpa/pod-groups.ts';
import { calculateReplicas, calculateReplicasFromCounts } from '../../../src/decisions/hpa/replica-calculator.ts';
import type { HpaPod, ReplicaCalculation } from '../../../src/decisions/hpa/types.ts';
import { pod, readyPods } from './fixtures.ts';

interface Case {
  name: string;
  current: number;
  target: number;
  pods: HpaPod[];
  want: ReplicaCalculation;
  tolerance?: number;
}

const cases: Case[] = [
  // ---- scale up ----
  {
    // util = floor(750·100/1500) = 50; ratio 50/40 = 1.25; ceil(1.25·3) = ceil(3.75) = 4
    name: 'scale up',
    current: 3,
    target: 40,
    pods: readyPods(500, 200, 250, 300),
    want: { desiredReplicas: 4, utilization: 50 },
  },
  {
    // p0 never Ready: its 500m sample is distrusted. Ready: 900/1000 = 90%, ratio 2.25 > 1 with an
    // unready pod → p0 at 0%: 900/1500 = 60%, ratio 1.5, ceil(1.5·3) = 5.
    // (Counting p0's sample would give 1400/1500 = 93%, ceil(2.325·3) = 7.)
    name: 'scale up: a never-Ready pod counts at 0%',
    current: 3,
    target: 40,
    pods: [pod('p0').req(500).use(500).neverReady().obj(), ...readyPods(500, 400, 500).map((p, i) => ({ ...p, name: `q${i}` }))],
    want: { desiredReplicas: 5, utilization: 90 },
  },
  {
    // p0 Ready for 15 s of a 30 s window, within the initialization period: same as unready → 5
    name: 'scale up: a hot pod (Ready for less than one metric window) counts at 0%',
    current: 3,
    target: 40,
    pods: [pod('p0').req(500).use(500).hot().obj(), pod('p1').req(500).use(400).obj(), pod('p2').req(500).use(500).obj()],
    want: { desiredReplicas: 5, utilization: 90 },
  },
  {
    // Ready: p0 250/500 = 50%, ratio 1.25 → p1, p2 unready at 0%: 250/1500 = 16%, ratio 0.4 < 1:
    // the rebalance points down while the ratio pointed up → keep 3
    name: 'no scale: unready pods would reverse a scale-up',
    current: 3,
    target: 40,
    pods: [pod('p0').req(500).use(250).obj(), pod('p1').req(500).use(900).neverReady().obj(), pod('p2').req(500).use(900).neverReady().obj()],
    want: { desiredReplicas: 3, utilization: 50 },
  },
  {
    // same with two hot pods: their 900m samples are left out too → keep 3
    name: 'no scale: hot pods would reverse a scale-up',
    current: 3,
    target: 40,
    pods: [pod('p0').req(500).use(250).obj(), pod('p1').req(500).use(900).hot().obj(), pod('p2').req(500).use(900).hot().obj()],
    want: { desiredReplicas: 3, utilization: 50 },
  },
  {
    // Failed pods are ignored outright: 850/1000 = 85%, ratio 1.7, ceil(1.7·2) = ceil(3.4) = 4
    name: 'scale up: failed pods ignored',
    current: 2,
    target: 50,
    pods: [...readyPods(500, 400, 450), pod('f0').req(500).failed().obj(), pod('f1').req(500).use(10).failed().obj()],
    want: { desiredReplicas: 4, utilization: 85 },
  },
  {
    // terminating pods are ignored even while they run and report usage → 4
    name: 'scale up: terminating pods ignored',
    current: 2,
    target: 50,
    pods: [...readyPods(500, 400, 450), pod('d0').req(500).use(0).deleting().obj(), pod('d1').req(500).use(0).deleting().obj()],
    want: { desiredReplicas: 4, utilization: 85 },
  },
  {
    // p1 went unready after having been Ready (started 600 s ago, unready for 200 s): counted.
    // 800/1000 = 80%, ratio 1.6, ceil(3.2) = 4
    name: 'scale up: a pod that was Ready before the initialization period ended still counts',
    current: 2,
    target: 50,
    pods: [pod('p0').req(500).use(400).obj(), pod('p1').req(500).use(400).started(600, 200, false).obj()],
    want: { desiredReplicas: 4, utilization: 80 },
  },

  // ---- scale down ----
  {
    // 500/2000 = 25%, ratio 0.5, ceil(0.5·5) = ceil(2.5) = 3
    name: 'scale down',
    current: 5,
    target: 50,
    pods: readyPods(400, 50, 150, 100, 120, 80),
    want: { desiredReplicas: 3, utilization: 25 },
  },
  {
    // unready pods are not rebalanced on a scale-down: 300/1200 = 25%, ceil(0.5·3) = 2
    name: 'scale down: unready pods left out',
    current: 5,
    target: 50,
    pods: [...readyPods(400, 100, 100, 100), pod('u0').req(400).use(300).neverReady().obj(), pod('u1').req(400).use(300).neverReady().obj()],
    want: { desiredReplicas: 2, utilization: 25 },
  },
  {
    // 100/400 = 25%, ratio 0.5, ceil(0.5·1) = 1
    name: 'scale down: pending (unscheduled) pods left out',
    current: 5,
    target: 50,
    pods: [pod('p0').req(400).use(100).obj(), ...[1, 2, 3, 4].map((i) => pod(`p${i}`).req(400).pending().obj())],
    want: { desiredReplicas: 1, utilization: 25 },
  },
  {
    // hot pods' high samples are left out: 300/1200 = 25% → 2
    name: 'scale down: hot pods left out',
    current: 5,
    target: 50,
    pods: [...readyPods(400, 100, 100, 100), pod('h0').req(400).use(400).hot().obj(), pod('h1').req(400).use(400).hot().obj()],
    want: { desiredReplicas: 2, utilization: 25 },
  },
  {
    // 500/2000 = 25% over the five running pods → 3; the two failed pods change nothing
    name: 'scale down: failed pods ignored',
    current: 5,
    target: 50,
    pods: [...readyPods(400, 50, 150, 100, 120, 80), pod('f0').req(400).failed().obj(), pod('f1').req(400).failed().obj()],
    want: { desiredReplicas: 3, utilization: 25 },
  },
  {
    // still-running terminating pods with usage are ignored → 3
    name: 'scale down: terminating pods ignored',
    current: 5,
    target: 50,
    pods: [...readyPods(400, 50, 150, 100, 120, 80), pod('d0').req(400).use(400).deleting().obj(), pod('d1').req(400).use(400).deleting().obj()],
    want: { desiredReplicas: 3, utilization: 25 },
  },

  // ---- tolerance ----
  {
    // 1560/1500 = 104%, ratio 1.04 within 1 ± 0.1 → keep 3
    name: 'within tolerance',
    current: 3,
    target: 100,
    pods: [pod('a').req(600).use(630).obj(), pod('b').req(500).use(520).obj(), pod('c').req(400).use(410).obj()],
    want: { desiredReplicas: 3, utilization: 104 },
  },
  {
    // 660/1000 = 66%, ratio 66/60 = 1.1 exactly: inside the band (1 + 0.1 is the same double) → keep 2
    name: 'tolerance: a ratio of exactly 1.1 is within',
    current: 2,
    target: 60,
    pods: readyPods(500, 330, 330),
    want: { desiredReplicas: 2, utilization: 66 },
  },
  {
    // 670/1000 = 67%, ratio 1.1167 → ceil(2.233) = 3
    name: 'tolerance: just above the band scales',
    current: 2,
    target: 60,
    pods: readyPods(500, 335, 335),
    want: { desiredReplicas: 3, utilization: 67 },
  },
  {
    // 540/1000 = 54%, ratio 0.9 exactly: inside → keep 2
    name: 'tolerance: a ratio of exactly 0.9 is within',
    current: 2,
    target: 60,
    pods: readyPods(500, 270, 270),
    want: { desiredReplicas: 2, utilization: 54 },
  },
  {
    // with tolerance 0: 101% of a 100% target → ratio 1.01, ceil(3.03) = 4
    name: 'tolerance 0 scales on any difference',
    current: 3,
    target: 100,
    tolerance: 0,
    pods: readyPods(1000, 1010, 1010, 1010),
    want: { desiredReplicas: 4, utilization: 101 },
  },
  {
    // ten pods use 150m each of ~300m (3000m in all): 1500/3000 = 50%. Target 57 (the tolerance
    // edge 1/(2·0.9) = 55.6 plus 1): ratio 50/57 = 0.877 < 0.9 → ceil(8.77) = 9
    name: 'tolerance: just outside, requests jittered around 300m',
    current: 10,
    target: 57,
    pods: [400, 200, 310, 290, 302, 298, 301, 299, 300, 300].map((r, i) => pod(`p${i}`).req(r).use(150).obj()),
    want: { desiredReplicas: 9, utilization: 50 },
  },
  {
    // target 55: ratio 50/55 = 0.909, within → keep 10
    name: 'tolerance: just inside, requests jittered around 300m',
    current: 10,
    target: 55,
    pods: [400, 200, 310, 290, 302, 298, 301, 299, 300, 300].map((r, i) => pod(`p${i}`).req(r).use(150).obj()),
    want: { desiredReplicas: 10, utilization: 50 },
  },

  // ---- missing samples ----
  {
    // sampled: 490/2000 = 24%, ratio 0.24 → the two missing pods at 100%: 2490/4000 = 62%,
    // ratio 0.62, ceil(0.62·4) = ceil(2.48) = 3
    name: 'missing samples: scale down counts them at 100%',
    current: 4,
    target: 100,
    pods: [pod('a').use(400).obj(), pod('b').use(90).obj(), pod('c').obj(), pod('d').obj()],
    want: { desiredReplicas: 3, utilization: 24 },
  },
  {
    // 500/500 = 100%, ratio exactly 1: the missing pod is left out, nothing changes → keep 2
    name: 'missing samples: no change at the target',
    current: 2,
    target: 100,
    pods: [pod('a').req(500).use(500).obj(), pod('b').req(500).obj()],
    want: { desiredReplicas: 2, utilization: 100 },
  },
  {
    // 950/500 = 190%, ratio 1.9 → missing at 0%: 950/1000 = 95%, within → keep 2
    name: 'missing samples: no change when counting them at 0% lands within tolerance',
    current: 2,
    target: 100,
    pods: [pod('a').req(500).use(950).obj(), pod('b').req(500).obj()],
    want: { desiredReplicas: 2, utilization: 190 },
  },
  {
    // 300/500 = 60%, ratio 0.6 → missing at 100%: 800/1000 = 80%, ratio 0.8, ceil(1.6) = 2 = current
    name: 'missing samples: no change when counting them at 100% rounds back to current',
    current: 2,
    target: 100,
    pods: [pod('a').req(500).use(300).obj(), pod('b').req(500).obj()],
    want: { desiredReplicas: 2, utilization: 60 },
  },
  {
    // ready: b 450/1000 = 45%, ratio 0.9 (within) but c is missing → rebalance: c at 100%
    // (unready a is not rebalanced on a scale-down): 1450/2000 = 72%, ratio 1.44 — the other
    // direction → keep 3
    name: 'missing and unready: no change when the rebalance reverses the direction',
    current: 3,
    target: 50,
    pods: [pod('a').use(100).neverReady().obj(), pod('b').use(450).obj(), pod('c').obj()],
    want: { desiredReplicas: 3, utilization: 45 },
  },
  {
    // ready: b 2000/1000 = 200%, ratio 4 → a (unready) and c (missing) at 0%: 2000/3000 = 66%,
    // ratio 1.32, ceil(1.32·3) = ceil(3.96) = 4
    name: 'missing and unready: scale up counts both at 0%',
    current: 3,
    target: 50,
    pods: [pod('a').use(100).neverReady().obj(), pod('b').use(2000).obj(), pod('c').obj()],
    want: { desiredReplicas: 4, utilization: 200 },
  },
  {
    // same with a hot instead of never-Ready → 4
    name: 'missing and hot: scale up counts both at 0%',
    current: 3,
    target: 50,
    pods: [pod('a').use(100).hot().obj(), pod('b').use(2000).obj(), pod('c').obj()],
    want: { desiredReplicas: 4, utilization: 200 },
  },
  {
    // ready: b, c 200/2000 = 10%, ratio 0.2 → d (missing) at 100%, a (unready) left out:
    // 1200/3000 = 40%, ratio 0.8, ceil(0.8·3) = ceil(2.4) = 3
    name: 'missing and unready: scale down',
    current: 4,
    target: 50,
    pods: [pod('a').use(100).neverReady().obj(), pod('b').use(100).obj(), pod('c').use(100).obj(), pod('d').obj()],
    want: { desiredReplicas: 3, utilization: 10 },
  },
  {
    // target 200%: ready b (50/500) and c (50/1000) = 100/1500 = 6%, ratio 0.03 → missing d is
    // counted at the target, floor(1000·200/100) = 2000: 2100/2500 = 84%, ratio 0.42,
    // ceil(0.42·3) = ceil(1.26) = 2
    name: 'missing samples: scale down with a target over 100% counts them at the target',
    current: 4,
    target: 200,
    pods: [pod('a').req(500).use(100).neverReady().obj(), pod('b').req(500).use(50).obj(), pod('c').req(1000).use(50).obj(), pod('d').req(1000).obj()],
    want: { desiredReplicas: 2, utilization: 6 },
  },
  {
    // a rolling update surged a third pod: 200/2000 = 10%, ratio 0.2 → the new pod at 100%:
    // 1200/3000 = 40%, ratio 0.8, ceil(2.4) = 3 — more than the 2 current on a scale-down → keep 2
    name: 'missing samples: a surge pod never turns a scale-down into a scale-up',
    current: 2,
    target: 50,
    pods: [pod('a').use(100).obj(), pod('b').use(100).obj(), pod('c').obj()],
    want: { desiredReplicas: 2, utilization: 10 },
  },

  // ---- no recommendation ----
  {
    name: 'no pods',
    current: 3,
    target: 50,
    pods: [],
    want: { desiredReplicas: 3, utilization: 0, failure: 'NoPods' },
  },
  {
    name: 'no pod with a trusted sample',
    current: 3,
    target: 50,
    pods: [pod('a').pending().obj(), pod('b').use(500).hot().obj(), pod('c').obj()],
    want: { desiredReplicas: 3, utilization: 0, failure: 'NoMetrics' },
  },
  {
    name: 'sampled pods request no cpu',
    current: 1,
    target: 50,
    pods: [pod('a').req(0).use(200).obj()],
    want: { desiredReplicas: 1, utilization: 0, failure: 'ZeroRequests' },
  },
];

describe('calculateReplicas', () => {
  it.each(cases)('$name', ({ current, target, pods, want, tolerance }) => {
    expect(calculateReplicas({ currentReplicas: current, targetUtilization: target, tolerance, pods })).toEqual(want);
  });
});

describe('calculateReplicasFromCounts agrees on the same cases', () => {
  it.each(cases)('$name', ({ current, target, pods, want, tolerance }) => {
    expect(calculateReplicasFromCounts(countPods(pods, current, target, { tolerance }))).toEqual(want);
  });
});

describe('calculateReplicasFromCounts on its own', () => {
  it('counts missing pods at max(100, target) from the total request when not told otherwise', () => {
    // ready 100/1000 = 10%, ratio 0.1; 2 missing pods of 1000m at 100%: 2100/3000 = 70%,
    // ratio 0.7, ceil(2.1) = 3
    expect(
      calculateReplicasFromCounts({
        currentReplicas: 4,
        target: 100,
        readyCount: 1,
        readyUsageMilliTotal: 100,
        readyRequestMilliTotal: 1000,
        unreadyCount: 0,
        unreadyRequestMilliTotal: 0,
        missingCount: 2,
        missingRequestMilliTotal: 2000,
        ignoredCount: 0,
      }),
    ).toEqual({ desiredReplicas: 3, utilization: 10 });
  });
});
