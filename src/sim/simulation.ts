/**
 * One run: load the traffic, build the world at time 0, install the controllers on their loops,
 * and step the serving model and the metrics at every sample step until the end.
 */
import type { ApproximationDoubt } from '../maths/mgc.ts';
import { type DoubtMet, doubtsMessage } from '../serving/approximation.ts';
import type { Scenario } from '../scenario/types.ts';
import type { RunOptions, RunResult } from '../run.ts';
import { loadRates, routeShares } from '../traffic/index.ts';
import { World, PRIORITY } from './world.ts';
import { setupWorld, proportionalDesired } from './setup.ts';
import { installScheduler } from './scheduling.ts';
import { installClusterAutoscalers } from './autoscaling.ts';
import { installHpas } from './hpa-loop.ts';
import { installZoneEvents } from './zones.ts';
import { ServingLoop } from './serving-loop.ts';
import { MetricsCollector } from '../metrics/collector.ts';
import type { ServingQueue } from '../serving/types.ts';

/** metrics-server's cpu averaging window, which the HPA reads */
export const METRICS_WINDOW_SEC = 30;

export interface TrafficTables {
  /** per workload: mean total arrival rate of each step */
  rates: Float64Array[];
  /** per cluster: share of each step's traffic */
  shares: Float64Array[];
}

export async function loadTraffic(scenario: Scenario, seedStream: (name: string) => () => number): Promise<TrafficTables> {
  const grid = { durationSec: scenario.durationSec, stepSec: scenario.stepSec };
  const rates = await Promise.all(
    scenario.workloads.map((w) => loadRates(w.traffic, { ...grid, rng: seedStream(`traffic/${w.name}`) })),
  );
  const shares = routeShares(
    scenario.routing,
    scenario.clusters.map((c) => c.name),
    scenario.durationSec,
    scenario.stepSec,
  );
  return { rates, shares };
}

export async function simulate(scenario: Scenario, opts: RunOptions): Promise<RunResult> {
  const world = new World(scenario, { recordEvents: Boolean(opts.recordEvents) });
  const traffic = await loadTraffic(scenario, (name) => world.engine.rng(name));
  const steps = Math.ceil(scenario.durationSec / scenario.stepSec);
  const stepOf = (t: number): number => Math.min(steps - 1, Math.floor(t / scenario.stepSec));
  // What the HPA's metrics show: the mean arrival rate over the metrics window that has already
  // passed, [now − window, now), as metrics-server averages cpu over a past window. (At t = 0 there
  // is no past yet: the first step stands in.)
  const arrivalRps = (ci: number, wi: number): number => {
    const now = world.now;
    const from = Math.max(0, now - METRICS_WINDOW_SEC);
    if (now <= from) {
      const k = stepOf(now);
      return traffic.rates[wi][k] * traffic.shares[ci][k];
    }
    let sum = 0;
    for (let k = stepOf(from); k * scenario.stepSec < now && k < steps; k++) {
      const lo = Math.max(from, k * scenario.stepSec);
      const hi = Math.min(now, (k + 1) * scenario.stepSec);
      if (hi > lo) sum += traffic.rates[wi][k] * traffic.shares[ci][k] * (hi - lo);
    }
    return sum / (now - from);
  };

  installScheduler(world);
  setupWorld(world, scenario);
  installZoneEvents(world, scenario);
  installClusterAutoscalers(world);
  installHpas(world, scenario, arrivalRps);
  installProportionalOverprovisioners(world);

  const metrics = new MetricsCollector(world, scenario, { summaryOnly: Boolean(opts.summaryOnly) });
  const serving = new ServingLoop(world, scenario, traffic, metrics, await queueFactory(world, scenario));
  const kSample = world.engine.defineKind('Sample', PRIORITY.sample, (k) => {
    serving.step(k);
    opts.inspect?.(world, k);
    if (k + 1 < steps) world.engine.schedule((k + 1) * scenario.stepSec, kSample, k + 1);
    if (opts.onProgress && (k & 63) === 0) opts.onProgress(k / steps);
  });
  world.engine.schedule(0, kSample, 0);
  world.engine.run(scenario.durationSec);
  serving.finish();
  opts.onProgress?.(1);
  const result = metrics.result(serving, opts.overrides);
  const doubts = doubtsMet(world, scenario, serving);
  if (doubts) result.warnings = [doubts];
  return result;
}

/** Where the fluid model met the region its M/G/c approximation is in doubt, as one message. */
function doubtsMet(world: World, scenario: Scenario, serving: ServingLoop): string | undefined {
  const met: DoubtMet[] = [];
  for (const c of world.clusters) {
    serving.queues[c.index].forEach((q, wi) => {
      const doubt = (q as { doubt?: ApproximationDoubt }).doubt;
      if (doubt) met.push({ ...doubt, workload: scenario.workloads[wi].name, cluster: c.name });
    });
  }
  return doubtsMessage(met);
}

/** The serving model's queues; the request-by-request one is loaded only when asked for. */
async function queueFactory(world: World, scenario: Scenario): Promise<(cluster: string, wi: number) => ServingQueue> {
  if (scenario.serving.model === 'requests') {
    const { RequestQueue } = await import('../serving/requests.ts');
    return (cluster, wi) => {
      const w = scenario.workloads[wi];
      return new RequestQueue(world.engine.rng(`requests/${cluster}/${w.name}`), w.serviceTime);
    };
  }
  const { FluidQueue } = await import('../serving/fluid.ts');
  if (scenario.workloads.every((w) => w.serviceTime.dist === 'exponential')) return () => new FluidQueue();
  // a law other than the exponential: its CDF (and the special functions behind it) is needed
  const { serviceLawOf } = await import('../serving/service-law.ts');
  const laws = scenario.workloads.map((w) => serviceLawOf(w.serviceTime));
  return (_cluster, wi) => new FluidQueue(laws[wi]);
}

function installProportionalOverprovisioners(world: World): void {
  const e = world.engine;
  const kind = e.defineKind('ProportionalPoll', PRIORITY.controller, (ci, oi, now) => {
    const c = world.clusters[ci];
    const op = c.spec.overprovisioner[oi];
    if (op.sizing.kind !== 'proportional') return;
    if (!c.down) {
      const dep = c.placeholders[oi];
      const want = proportionalDesired(c, op);
      if (want !== dep.desired) {
        world.log.add({
          time_s: now,
          cluster: c.name,
          kind: 'Deployment',
          reason: 'ProportionalResize',
          object: dep.name,
          message: `cluster-proportional-autoscaler: ${dep.name} replicas ${dep.desired} -> ${want}`,
        });
        dep.desired = want;
        world.reconcile(dep);
      }
    }
    e.schedule(now + op.sizing.pollPeriodSec, kind, ci, oi);
  });
  for (const c of world.clusters) {
    c.spec.overprovisioner.forEach((op, oi) => {
      if (op.sizing.kind === 'proportional') e.schedule(op.sizing.pollPeriodSec, kind, c.index, oi);
    });
  }
}
