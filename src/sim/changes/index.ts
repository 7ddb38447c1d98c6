/**
 * The scenario's `changes:` on the clock: each change starts in its first cluster at its time and
 * goes on to the next cluster once it has ended in one (and waitBetweenClusters has passed), or in
 * every cluster at once; a rollout that rolled back stops there, as a staged rollout halts. What
 * each did is kept in a ChangeRecord per cluster it reached.
 */
import type { ChangeSpec, Scenario } from '../../scenario/types.ts';
import type { ChangeFigures, StepObservation } from '../observer.ts';
import type { ServingLoop } from '../serving-loop.ts';
import type { Deployment } from '../types.ts';
import { PRIORITY, type World } from '../world.ts';
import { ChangeRecord } from './record.ts';
import { RolloutRun } from './rollout.ts';
import { RotationRun } from './rotation.ts';
import { OverrideRun } from './override.ts';
import { DaemonSetRun } from './daemonset.ts';

/** What the clock needs of a change running in one cluster. */
interface ChangeRun {
  readonly record: ChangeRecord;
  /** its controller's loop period */
  readonly tickSec: number;
  readonly done: boolean;
  start(nowSec: number): void;
  /** one pass of its controller; false once it is over */
  tick(nowSec: number): boolean;
  /** after a sample step: a rollback to do at the step's end, if its gate says so */
  afterStep?(obs: StepObservation): { atSec: number; why: string } | null;
  rollBack?(nowSec: number, why: string): void;
}

export interface ChangesInstalled {
  afterStep(obs: StepObservation): void;
  /** at the run's end: every change that started, those still running ended there unfinished */
  figures(endSec: number): ChangeFigures[];
}

export function installChanges(world: World, scenario: Scenario, serving: () => ServingLoop): ChangesInstalled | undefined {
  const changes = scenario.changes;
  if (!changes || changes.length === 0) return undefined;
  const e = world.engine;
  const runs: ChangeRun[] = [];
  const revisions = new Map<Deployment, number>();
  const kTick = e.defineKind('ChangeTick', PRIORITY.controller, (ri, _b, now) => {
    if (runs[ri].tick(now)) e.schedule(now + runs[ri].tickSec, kTick, ri);
  });
  const why: string[] = [];
  const kRollBack = e.defineKind('RollBack', PRIORITY.controller, (ri, wi, now) => runs[ri].rollBack?.(now, why[wi]));
  const kStart = e.defineKind('ChangeStart', PRIORITY.controller, (chi, pos, now) => start(chi, pos, now));

  function start(chi: number, pos: number, now: number): void {
    const change = changes![chi];
    const c = world.clusters.find((x) => x.name === change.clusters[pos])!;
    const spec = change.action;
    const ended = (endedWell: boolean) => next(change, chi, pos, endedWell, world.now);
    let run: ChangeRun;
    if (spec.kind === 'rollout') {
      const record = new ChangeRecord(spec.kind, c, [spec.workloadIndex], serving);
      run = new RolloutRun(world, spec, c, record, revisions, (r) => ended(r.endedWell));
    } else if (spec.kind === 'rotate') {
      const record = new ChangeRecord(spec.kind, c, scenario.workloads.map((_, wi) => wi), serving);
      run = new RotationRun(world, spec, c, record, () => ended(true));
    } else if (spec.kind === 'daemonSet') {
      const record = new ChangeRecord(spec.kind, c, scenario.workloads.map((_, wi) => wi), serving);
      run = new DaemonSetRun(world, spec, c, record, () => ended(true));
    } else {
      const record = new ChangeRecord(spec.kind, c, scenario.workloads.map((_, wi) => wi), serving);
      // watched for the wait before the next cluster; the next one starts when it ends
      const watch = change.waitBetweenClustersSec;
      run = new OverrideRun(world, spec, c, record, watch, () => next(change, chi, pos, true, world.now, 0));
    }
    const ri = runs.push(run) - 1;
    run.start(now);
    if (!run.done) e.schedule(now + run.tickSec, kTick, ri);
  }

  function next(change: ChangeSpec, chi: number, pos: number, endedWell: boolean, now: number, waitSec = change.waitBetweenClustersSec): void {
    if (change.order !== 'sequential' || !endedWell || pos + 1 >= change.clusters.length) return;
    const at = now + waitSec;
    if (at < scenario.durationSec) e.schedule(at, kStart, chi, pos + 1);
  }

  changes.forEach((change, chi) => {
    if (change.order === 'parallel') change.clusters.forEach((_, pos) => e.schedule(change.atSec, kStart, chi, pos));
    else e.schedule(change.atSec, kStart, chi, 0);
  });

  return {
    afterStep(obs) {
      const nw = scenario.workloads.length;
      for (const [ri, r] of runs.entries()) {
        r.record.step(obs, nw);
        const back = r.afterStep?.(obs);
        if (back && back.atSec <= scenario.durationSec) e.schedule(back.atSec, kRollBack, ri, why.push(back.why) - 1);
      }
    },
    figures(endSec) {
      return runs.map((r) => {
        if (r.record.running) r.record.end(endSec, false);
        return r.record.figures();
      });
    },
  };
}
