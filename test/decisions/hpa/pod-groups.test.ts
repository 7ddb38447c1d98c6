/**
 * groupPod against the cases of Kubernetes' TestGroupPods (cpu metric), in our terms: a sample is
 * taken now over the metric window; ages are seconds before now.
 */
import { describe, expect, it } from 'vitest';
import { countPods, groupPod } from '../../../src/decisions/hpa/pod-groups.ts';
import type { HpaPod, HpaPodGroup, PodGroupOptions } from '../../../src/decisions/hpa/types.ts';
import { pod } from './fixtures.ts';

// init 120 s, delay 10 s: the flags Kubernetes' own table uses
const k8sTestFlags: PodGroupOptions = { cpuInitializationPeriodSec: 120, initialReadinessDelaySec: 10 };

const cases: { name: string; pod: HpaPod; opts?: PodGroupOptions; want: HpaPodGroup }[] = [
  {
    // started 60 s ago (within 120 s), Ready for 30 s, window 30 s: readySinceAgo 30 is not < 30
    name: 'counts a Ready pod with a fresh sample during the initialization period',
    pod: pod('a').use(1).started(60, 30, true).obj(),
    opts: { ...k8sTestFlags, metricWindowSec: 30 },
    want: 'ready',
  },
  {
    // same pod, 60 s window: Ready for 30 s < 60 s, the window still covers start-up
    name: 'distrusts a Ready pod whose sample window reaches back before readiness',
    pod: pod('a').use(1).started(60, 30, true).obj(),
    opts: { ...k8sTestFlags, metricWindowSec: 60 },
    want: 'unready',
  },
  {
    // started 10 s ago, not Ready yet
    name: 'distrusts a pod that is not Ready during the initialization period',
    pod: pod('a').use(1).started(10, 10, false).obj(),
    opts: k8sTestFlags,
    want: 'unready',
  },
  {
    // started 180 s ago (past 120 s), Ready for 180 s
    name: 'counts a Ready pod after the initialization period whatever the window',
    pod: pod('a').use(1).started(180, 180, true).obj(),
    opts: { ...k8sTestFlags, metricWindowSec: 600 },
    want: 'ready',
  },
  {
    // started 600 s ago, unready for 540 s: Ready condition changed 60 s after start (≥ 10 s):
    // it had been Ready, so its sample counts
    name: 'counts an unready pod that had been Ready, after the initialization period',
    pod: pod('a').use(1).started(600, 540, false).obj(),
    opts: k8sTestFlags,
    want: 'ready',
  },
  {
    // started 600 s ago, unready since 594 s ago: changed 6 s after start (< 10 s): never Ready
    name: 'distrusts a pod that has never been Ready, after the initialization period',
    pod: pod('a').use(1).started(600, 594, false).obj(),
    opts: k8sTestFlags,
    want: 'unready',
  },
  {
    // changed 10 s after start: not < 10 s, so taken as having been Ready
    name: 'the initial readiness delay boundary counts as having been Ready',
    pod: pod('a').use(1).started(600, 590, false).obj(),
    opts: k8sTestFlags,
    want: 'ready',
  },
  {
    name: 'a running pod without a sample is missing',
    pod: pod('a').started(180, 180, true).obj(),
    opts: k8sTestFlags,
    want: 'missing',
  },
  {
    name: 'a pending pod is unready, sample or not',
    pod: pod('a').use(5).pending().obj(),
    want: 'unready',
  },
  {
    name: 'a terminating pod is ignored, even pending',
    pod: pod('a').use(5).pending().deleting().obj(),
    want: 'ignored',
  },
  {
    name: 'a failed pod is ignored',
    pod: pod('a').use(5).failed().obj(),
    want: 'ignored',
  },
  {
    // Succeeded pods are not special-cased by the controller
    name: 'a succeeded pod with a sample counts',
    pod: { ...pod('a').use(5).obj(), phase: 'Succeeded' },
    want: 'ready',
  },
  {
    // default flags: 300 s initialization, so a pod started 200 s ago and Ready for 20 s is hot
    name: 'default flags: Ready for less than the 30 s window inside the 300 s period is unready',
    pod: pod('a').use(5).started(200, 20, true).obj(),
    want: 'unready',
  },
];

describe('groupPod', () => {
  it.each(cases)('$name', ({ pod: p, opts, want }) => {
    expect(groupPod(p, opts)).toBe(want);
  });
});

describe('countPods', () => {
  it('sums requests and usage per group', () => {
    const pods = [
      pod('r0').req(500).use(200).obj(),
      pod('r1').req(700).use(100).obj(),
      pod('u0').req(300).use(900).neverReady().obj(),
      pod('m0').req(333).obj(),
      pod('i0').req(999).failed().obj(),
    ];
    // target 150: missing fallback floor(333·150/100) = floor(499.5) = 499
    expect(countPods(pods, 4, 150)).toEqual({
      currentReplicas: 4,
      target: 150,
      tolerance: undefined,
      readyCount: 2,
      readyUsageMilliTotal: 300,
      readyRequestMilliTotal: 1200,
      unreadyCount: 1,
      unreadyRequestMilliTotal: 300,
      missingCount: 1,
      missingRequestMilliTotal: 333,
      missingFallbackUsageMilliTotal: 499,
      ignoredCount: 1,
    });
  });
});
