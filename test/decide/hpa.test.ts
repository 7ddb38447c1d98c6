/**
 * `decide hpa`: JSON in, {desiredReplicas, utilization} out; every bad input names its field.
 */
import { describe, expect, it } from 'vitest';
import { decideHpa } from '../../src/decide/hpa.ts';
import { HeadroomError } from '../../src/errors.ts';

const three = (usage: (string | number | undefined)[], extra: Record<string, unknown> = {}) =>
  usage.map((u, i) => ({ name: `web-${i}`, cpuRequest: '500m', ...(u === undefined ? {} : { cpuUsage: u }), ...extra }));

describe('decideHpa: the replica calculator', () => {
  it.each([
    {
      // 750m of 1500m = 50%, ratio 50/40 = 1.25, ceil(3.75) = 4
      name: 'scale up',
      input: { currentReplicas: 3, targetCPUUtilization: 40, pods: three(['200m', '250m', 0.3]) },
      want: { desiredReplicas: 4, utilization: 50 },
    },
    {
      // 300m of 1500m = 20%, ratio 0.5, ceil(1.5) = 2
      name: 'scale down',
      input: { currentReplicas: 3, targetCPUUtilization: 40, pods: three(['100m', '100m', '100m']) },
      want: { desiredReplicas: 2, utilization: 20 },
    },
    {
      // 44% of 40: ratio 1.1, within the default tolerance
      name: 'within tolerance',
      input: { currentReplicas: 3, targetCPUUtilization: 40, pods: three(['220m', '220m', '220m']) },
      want: { desiredReplicas: 3, utilization: 44 },
    },
    {
      // with tolerance 5%: ratio 1.1 is outside → ceil(3.3) = 4
      name: 'a tighter tolerance',
      input: { currentReplicas: 3, targetCPUUtilization: 40, tolerance: '5%', pods: three(['220m', '220m', '220m']) },
      want: { desiredReplicas: 4, utilization: 44 },
    },
    {
      // the third pod has no sample: 200m of 1000m = 20%, ratio 0.5 → it counts at 100%:
      // 700/1500 = 46%, ratio 1.15 — the other direction → keep 3
      name: 'a pod without a sample on a scale-down',
      input: { currentReplicas: 3, targetCPUUtilization: 40, pods: three(['100m', '100m', undefined]) },
      want: { desiredReplicas: 3, utilization: 20 },
    },
    {
      // p2 Pending: 800m of 1000m = 80%, ratio 2 → Pending at 0%: 800/1500 = 53%, ratio 1.325,
      // ceil(3.975) = 4
      name: 'a pending pod on a scale-up counts at 0%',
      input: {
        currentReplicas: 3,
        targetCPUUtilization: 40,
        pods: [...three(['400m', '400m']), { name: 'web-2', cpuRequest: '500m', phase: 'Pending' }],
      },
      want: { desiredReplicas: 4, utilization: 80 },
    },
    {
      // web-2 started 20 s ago and is Ready for 5 s (< 30 s window): its 500m sample is distrusted
      name: 'a hot pod',
      input: {
        currentReplicas: 3,
        targetCPUUtilization: 40,
        pods: [...three(['400m', '400m']), { name: 'web-2', cpuRequest: '500m', cpuUsage: '500m', startedAgo: '20s', readySinceAgo: 5 }],
      },
      want: { desiredReplicas: 4, utilization: 80 },
    },
    {
      // with a 5 s metric window the same sample is trusted (Ready for 5 s is not less than 5 s): 1300/1500 = 86%, ratio 2.15, ceil(6.45) = 7
      name: 'a shorter metric window trusts the same pod',
      input: {
        currentReplicas: 3,
        targetCPUUtilization: 40,
        metricWindow: '5s',
        pods: [...three(['400m', '400m']), { name: 'web-2', cpuRequest: '500m', cpuUsage: '500m', startedAgo: '20s', readySinceAgo: 5 }],
      },
      want: { desiredReplicas: 7, utilization: 86 },
    },
    {
      // a pod saying only ready: false has never been Ready: left out on a scale-down
      name: 'an unready pod on a scale-down',
      input: {
        currentReplicas: 3,
        targetCPUUtilization: 40,
        pods: [...three(['100m', '100m']), { name: 'web-2', cpuRequest: '500m', cpuUsage: '500m', ready: false }],
      },
      want: { desiredReplicas: 1, utilization: 20 },
    },
    {
      // terminating and failed pods are ignored: 400/500 = 80%, ratio 2, ceil(2) = 2
      name: 'terminating and failed pods',
      input: {
        currentReplicas: 1,
        targetCPUUtilization: 40,
        pods: [
          ...three(['400m']),
          { name: 'old', cpuRequest: '500m', cpuUsage: '0', deleting: true },
          { name: 'crashed', cpuRequest: '500m', phase: 'Failed' },
        ],
      },
      want: { desiredReplicas: 2, utilization: 80 },
    },
  ])('$name', ({ input, want }) => {
    expect(decideHpa(input)).toEqual(want);
  });
});

describe('decideHpa: with behaviour', () => {
  const pods = (n: number, usage: string) => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, cpuRequest: 1, cpuUsage: usage }));
  // calculator: 5 pods at 30% of a 50% target -> ceil(0.6·5) = 3; 8 was recommended a minute ago
  const fallingFromEight = {
    currentReplicas: 5,
    targetCPUUtilization: 50,
    pods: pods(5, '300m'),
    maxReplicas: 20,
    history: { recommendations: [{ replicas: 8, ago: '1m' }] },
  };

  it('limits a burst: without behavior by max(2 × current, 4), with one by the default policies', () => {
    // 4 pods at 200% of a 50% target: calculator says 16; the older path allows max(2·4, 4) = 8
    expect(decideHpa({ currentReplicas: 4, targetCPUUtilization: 50, pods: pods(4, '2'), maxReplicas: 100 })).toEqual({
      desiredReplicas: 8,
      utilization: 200,
    });
    // 3 pods at 10 times a 10% target: calculator says 30; older path max(6, 4) = 6,
    // autoscaling/v2 defaults max(3 + 100%, 3 + 4 pods) = 7
    const three = { currentReplicas: 3, targetCPUUtilization: 10, pods: pods(3, '1'), maxReplicas: 1000 };
    expect(decideHpa(three).desiredReplicas).toBe(6);
    expect(decideHpa({ ...three, behavior: {} }).desiredReplicas).toBe(7);
  });

  it('without behavior a recent higher recommendation lifts the replicas above current', () => {
    const input = fallingFromEight;
    // the older path takes the highest recent recommendation as it is: 8
    expect(decideHpa(input)).toEqual({ desiredReplicas: 8, utilization: 30 });
    // autoscaling/v2 holds the stabilized answer between the windows, starting from current: 5
    expect(decideHpa({ ...input, behavior: {} })).toEqual({ desiredReplicas: 5, utilization: 30 });
    // a shorter downscale-stabilization flag lets it fall
    expect(decideHpa({ ...input, downscaleStabilization: '30s' })).toEqual({ desiredReplicas: 3, utilization: 30 });
  });

  it('the downscale-stabilization flag fills a behavior\'s scale-down window when it gives none', () => {
    // autoscaling/v2 holds at current (5) within the window, and lets it fall to 3 once the window
    // is shorter than a minute
    const input = fallingFromEight;
    expect(decideHpa({ ...input, behavior: {}, downscaleStabilization: '30s' }).desiredReplicas).toBe(3);
    // the behavior's own window wins over the flag
    const own = { scaleDown: { stabilizationWindowSeconds: 120 } };
    expect(decideHpa({ ...input, behavior: own, downscaleStabilization: '30s' }).desiredReplicas).toBe(5);
    // the flag alone asks for one whole sync, as minReplicas or history do, so maxReplicas is needed
    const { maxReplicas: _max, history: _history, ...calculatorOnly } = input;
    expect(() => decideHpa({ ...calculatorOnly, downscaleStabilization: '30s' })).toThrow(/needs maxReplicas/);
  });

  it('clamps to maxReplicas', () => {
    expect(decideHpa({ currentReplicas: 4, targetCPUUtilization: 50, pods: pods(4, '2'), maxReplicas: 6 })).toEqual({
      desiredReplicas: 6,
      utilization: 200,
    });
  });

  it('holds a scale-down at the highest recommendation of the window', () => {
    // calculator: 10% of 50% → ceil(0.2·10) = 2; a recommendation of 9 given 2 minutes ago holds it at 9
    const input = {
      currentReplicas: 10,
      targetCPUUtilization: 50,
      pods: pods(10, '100m'),
      minReplicas: 1,
      maxReplicas: 20,
      history: { recommendations: [{ replicas: 9, ago: '2m' }] },
    };
    expect(decideHpa(input)).toEqual({ desiredReplicas: 9, utilization: 10 });
    // with a 60 s window it is too old to count
    expect(decideHpa({ ...input, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } })).toEqual({ desiredReplicas: 2, utilization: 10 });
  });

  it('applies given policies and earlier rescales', () => {
    // scale-down: at most 2 pods per minute (Pods policy), 1 removed 30 s ago → start 11 → 9
    expect(
      decideHpa({
        currentReplicas: 10,
        targetCPUUtilization: 50,
        pods: pods(10, '100m'),
        maxReplicas: 20,
        behavior: { scaleDown: { stabilizationWindow: '0s', policies: [{ type: 'Pods', value: 2, period: '1m' }] } },
        history: { scaleDowns: [{ pods: 1, ago: 30 }] },
      }),
    ).toEqual({ desiredReplicas: 9, utilization: 10 });
  });

  it('selectPolicy Disabled keeps the scale', () => {
    expect(
      decideHpa({
        currentReplicas: 4,
        targetCPUUtilization: 50,
        pods: pods(4, '2'),
        maxReplicas: 100,
        behavior: { scaleUp: { selectPolicy: 'Disabled' } },
      }),
    ).toEqual({ desiredReplicas: 4, utilization: 200 });
  });

  it('brings a target above maxReplicas down to max even without samples', () => {
    expect(
      decideHpa({ currentReplicas: 30, targetCPUUtilization: 50, pods: [{ name: 'a', cpuRequest: 1, phase: 'Pending' }], maxReplicas: 10 }),
    ).toEqual({ desiredReplicas: 10, utilization: 0 });
  });
});

describe('decideHpa: errors name the field', () => {
  const base = { currentReplicas: 3, targetCPUUtilization: 40, pods: three(['200m', '250m', '300m']) };
  it.each([
    { name: 'not an object', input: [], path: undefined, message: /expected an object/ },
    { name: 'missing currentReplicas', input: { ...base, currentReplicas: undefined }, path: 'currentReplicas', message: /missing/ },
    { name: 'fractional currentReplicas', input: { ...base, currentReplicas: 2.5 }, path: 'currentReplicas', message: /whole number/ },
    { name: 'missing target', input: { ...base, targetCPUUtilization: undefined }, path: 'targetCPUUtilization', message: /missing/ },
    { name: 'zero target', input: { ...base, targetCPUUtilization: 0 }, path: 'targetCPUUtilization', message: /above 0/ },
    { name: 'unknown key', input: { ...base, replicas: 3 }, path: 'replicas', message: /unknown key/ },
    { name: 'missing pods', input: { ...base, pods: undefined }, path: 'pods', message: /missing/ },
    { name: 'no pods', input: { ...base, pods: [] }, path: 'pods', message: /no pods returned by selector/ },
    { name: 'malformed request', input: { ...base, pods: [{ name: 'a', cpuRequest: '500x' }] }, path: 'pods.0.cpuRequest', message: /not a Kubernetes quantity/ },
    { name: 'a pod without a request', input: { ...base, pods: [{ name: 'a', cpuUsage: '1' }] }, path: 'pods.0.cpuRequest', message: /missing/ },
    { name: 'malformed usage', input: { ...base, pods: [{ name: 'a', cpuRequest: 1, cpuUsage: 'lots' }] }, path: 'pods.0.cpuUsage', message: /not a Kubernetes quantity/ },
    { name: 'bad phase', input: { ...base, pods: [{ name: 'a', cpuRequest: 1, phase: 'Sleeping' }] }, path: 'pods.0.phase', message: /Running, Pending/ },
    { name: 'bad ready', input: { ...base, pods: [{ name: 'a', cpuRequest: 1, ready: 'yes' }] }, path: 'pods.0.ready', message: /true or false/ },
    { name: 'bad duration', input: { ...base, pods: [{ name: 'a', cpuRequest: 1, startedAgo: 'ages' }] }, path: 'pods.0.startedAgo', message: /not a duration/ },
    { name: 'duplicate names', input: { ...base, pods: [{ name: 'a', cpuRequest: 1 }, { name: 'a', cpuRequest: 1 }] }, path: 'pods.1.name', message: /two pods are named/ },
    { name: 'no trusted sample', input: { ...base, pods: [{ name: 'a', cpuRequest: 1, phase: 'Pending' }] }, path: 'pods', message: /keeps 3 replicas/ },
    { name: 'bad window', input: { ...base, metricWindow: '-5s' }, path: 'metricWindow', message: /negative/ },
    { name: 'behaviour without max', input: { ...base, minReplicas: 1 }, path: 'maxReplicas', message: /missing/ },
    {
      name: 'rescales remembered without a behavior',
      input: { ...base, maxReplicas: 5, history: { scaleUps: [{ pods: 1, ago: 5 }] } },
      path: 'history.scaleUps',
      message: /remembers no rescales/,
    },
    { name: 'bad downscale flag', input: { ...base, maxReplicas: 5, downscaleStabilization: 'soon' }, path: 'downscaleStabilization', message: /not a duration/ },
    { name: 'min above max', input: { ...base, minReplicas: 5, maxReplicas: 4 }, path: 'minReplicas', message: /above maxReplicas/ },
    { name: 'bad selectPolicy', input: { ...base, maxReplicas: 9, behavior: { scaleUp: { selectPolicy: 'Most' } } }, path: 'behavior.scaleUp.selectPolicy', message: /Max, Min, Disabled/ },
    { name: 'bad policy type', input: { ...base, maxReplicas: 9, behavior: { scaleDown: { policies: [{ type: 'Nodes', value: 1, periodSeconds: 15 }] } } }, path: 'behavior.scaleDown.policies.0.type', message: /Pods or Percent/ },
    { name: 'policy without period', input: { ...base, maxReplicas: 9, behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1 }] } } }, path: 'behavior.scaleDown.policies.0.periodSeconds', message: /missing/ },
    { name: 'history entry without ago', input: { ...base, maxReplicas: 9, history: { recommendations: [{ replicas: 3 }] } }, path: 'history.recommendations.0.ago', message: /missing/ },
  ])('$name', ({ input, path, message }) => {
    let err: unknown;
    try {
      decideHpa(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeadroomError);
    const h = err as HeadroomError;
    expect(h.code).toBe('input');
    expect(h.path).toBe(path);
    expect(h.message).toMatch(message);
    expect(h.message).not.toContain('\n');
  });
});
