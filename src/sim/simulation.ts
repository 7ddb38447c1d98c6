/**
 * One run: load the traffic, build the world at time 0, install the controllers on their loops,
 * and step the serving model at every sample step until the end, telling the observer what each
 * step saw (sim/observer.ts).
 */
import type { ApproximationDoubt } from '../maths/mgc.ts';
import { type DoubtMet, doubtsMessage } from '../serving/approximation.ts';
import type { Scenario } from '../scenario/types.ts';
import { loadTraffic } from '../traffic/tables.ts';
import { World, PRIORITY } from './world.ts';
import { setupWorld, proportionalDesired } from './setup.ts';
import { installScheduler } from './scheduling.ts';
import { installClusterAutoscalers } from './autoscaling.ts';
import { installHpas } from './hpa-loop.ts';
import { installZoneEvents } from './zones.ts';
import { installSpotInterruptions } from './faults/spot.ts';
import { installChanges } from './changes/index.ts';
import { installKarpenter } from './karpenter/install.ts';
import { ServingLoop } from './serving-loop.ts';
import type { UsageLoop } from './usage-loop.ts';
import { observeEnd } from './run-end.ts';
import type { RunEnd, RunObserver } from './observer.ts';
import type { ServingQueue } from '../serving/types.ts';

/** metrics-server's cpu averaging window, which the HPA reads */
export const METRICS_WINDOW_SEC = 30;

export interface SimulateOptions {
  /** keep every event for events.jsonl */
  recordEvents?: boolean;
  /** fraction of simulated time done, in [0, 1] */
  onProgress?: (fraction: number) => void;
  /** called after every sample step with the live world and its usage model, if any (tests check invariants here) */
  inspect?: (world: World, stepIndex: number, usage: UsageLoop | null) => void;
}

/** Runs the scenario to its end, telling `observer` what it sees; returns what the end told it. */
export async function simulate(scenario: Scenario, observer: RunObserver, opts: SimulateOptions = {}): Promise<RunEnd> {
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
  installSpotInterruptions(world, scenario);
  installClusterAutoscalers(world);
  installKarpenter(world);
  installHpas(world, scenario, arrivalRps);
  installProportionalOverprovisioners(world);

  const changes = installChanges(world, scenario, () => serving);
  const serving = new ServingLoop(world, scenario, traffic, observer, await queueFactory(world, scenario));
  const kSample = world.engine.defineKind('Sample', PRIORITY.sample, (k) => {
    serving.step(k);
    changes?.afterStep(serving.observation);
    opts.inspect?.(world, k, serving.usageModel);
    if (k + 1 < steps) world.engine.schedule((k + 1) * scenario.stepSec, kSample, k + 1);
    if (opts.onProgress && (k & 63) === 0) opts.onProgress(k / steps);
  });
  world.engine.schedule(0, kSample, 0);
  world.engine.run(scenario.durationSec);
  const settled = serving.finish();
  opts.onProgress?.(1);
  const end = observeEnd(world, settled);
  const doubts = doubtsMet(world, scenario, serving);
  if (doubts) end.warnings = [doubts];
  if (changes) end.changes = changes.figures(scenario.durationSec);
  observer.end(end);
  return end;
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
