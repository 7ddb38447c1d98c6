import { describe, it, expect } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

// A CapacityBuffer keeps room free without placeholder pods: the autoscaler adds nodes for its
// virtual pods at start, so a later burst schedules at once, as with placeholders, and nothing is
// preempted.
const burst = '[{at: 15m, peak: 1500, rise: 10s, hold: 5m, fall: 1m}]';
const base = {
  duration: '30m',
  rate: 100,
  replicas: 4,
  nodes: 1,
  hpa: 'hpa: {min: 4, max: 40, targetCPUUtilization: 60}',
  bursts: burst,
};

describe('CapacityBuffers', () => {
  it('make the autoscaler keep room ahead of a burst, with no placeholders and no preemption', async () => {
    const none = await runScenario(scenarioFromYaml(smallFleet(base)));
    const buffered = await runScenario(
      scenarioFromYaml(
        smallFleet({
          ...base,
          extra: 'buffers:\n  - {name: room, podTemplate: {requests: {cpu: 500m, memory: 512Mi}}, replicas: 24}',
        }),
      ),
    );
    // 24 × 500m = 12 cores of room: three more 4-core nodes, asked for at the first scan
    expect(buffered.summary.nodes.nodesAdded).toBeGreaterThanOrEqual(3);
    expect(buffered.summary.pods.preemptions).toBe(0);
    // the burst's pods no longer wait for nodes
    expect(buffered.summary.pods.scheduleToReadyP95S).toBeLessThan(none.summary.pods.scheduleToReadyP95S);
    expect(buffered.summary.pods.pendingSecondsTotal).toBeLessThan(none.summary.pods.pendingSecondsTotal / 4);
    expect(buffered.summary.cost.total).toBeGreaterThan(none.summary.cost.total);
    // the room is kept: the idle nodes are not scaled away before the burst
    expect(buffered.summary.requests.errorRate).toBeLessThanOrEqual(none.summary.requests.errorRate);
  });
});
