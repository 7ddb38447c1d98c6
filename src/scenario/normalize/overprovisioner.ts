/** Placeholder deployments: their sizing, and a priority that lets them do their job. */
import { OVERPROVISIONER_DEFAULTS, UNLIMITED } from '../defaults.ts';
import type { RawOverprovisioner } from '../schema/index.ts';
import type { OverprovisionerSpec, PriorityClass, WorkloadSpec } from '../types.ts';
import { type At, bytes, type IssueSink, milli, sec } from './context.ts';
import { resolvePriority } from './priority.ts';
import { linearReplicas } from '../../decisions/overprovisioner/proportional.ts';

/**
 * The class placeholders get when they name none: the scenario's lowest class if it is below
 * every workload, else a made-up `overprovisioning` class at -1 (added to the scenario's
 * classes), as the cluster-autoscaler FAQ's over-provisioning recipe does.
 */
export function defaultPlaceholderClass(classes: readonly PriorityClass[], workloads: readonly WorkloadSpec[]): { cls: PriorityClass; synthesized: boolean } {
  const lowestWorkload = Math.min(...workloads.map((w) => w.priority));
  const lowest = [...classes].sort((a, b) => a.value - b.value)[0];
  if (lowest && lowest.value < lowestWorkload) return { cls: lowest, synthesized: false };
  let name = OVERPROVISIONER_DEFAULTS.priorityClassName;
  while (classes.some((c) => c.name === name)) name = `${name}-placeholder`;
  return {
    cls: { name, value: OVERPROVISIONER_DEFAULTS.priority, preemptionPolicy: 'Never', globalDefault: false },
    synthesized: true,
  };
}

export interface PlaceholderContext {
  sink: IssueSink;
  classes: readonly PriorityClass[];
  defaultClass: PriorityClass;
  workloads: readonly WorkloadSpec[];
  expendableCutoff: number;
  /** the cluster's initial nodes, which proportional sizing starts from */
  initialNodes: { nodes: number; cpuMilli: number };
}

export function normalizeOverprovisioner(raw: RawOverprovisioner, at: At, ctx: PlaceholderContext): OverprovisionerSpec {
  const { sink } = ctx;
  const requests = { cpuMilli: milli(raw.requests.cpu), memoryBytes: bytes(raw.requests.memory) };
  if (requests.cpuMilli === 0 && requests.memoryBytes === 0) {
    sink.add(at(['requests']), 'placeholders that request no cpu and no memory hold no room for anyone');
  }
  const named = raw.priorityClass === undefined ? undefined : resolvePriority(raw.priorityClass, ctx.classes, (sub = []) => at(['priorityClass', ...sub]), sink);
  const cls = named ?? { priorityClass: ctx.defaultClass.name, priority: ctx.defaultClass.value };
  checkPlaceholderPriority(cls.priority, raw.priorityClass === undefined ? at() : at(['priorityClass']), ctx);
  return {
    name: raw.name,
    requests,
    priorityClass: cls.priorityClass,
    priority: cls.priority,
    terminationGracePeriodSec:
      raw.terminationGracePeriod === undefined ? OVERPROVISIONER_DEFAULTS.terminationGracePeriodSec : sec(raw.terminationGracePeriod),
    sizing: normalizeSizing(raw, at, sink, ctx.initialNodes),
  };
}

function checkPlaceholderPriority(priority: number, path: readonly (string | number)[], ctx: PlaceholderContext): void {
  if (priority < ctx.expendableCutoff) {
    ctx.sink.add(
      path,
      `placeholder priority ${priority} is below the cluster-autoscaler's expendable cutoff (${ctx.expendableCutoff}): ` +
        'it ignores pending pods under the cutoff, so preempted placeholders would never make it add nodes',
    );
  }
  const blocker = ctx.workloads.find((w) => w.priority <= priority);
  if (blocker) {
    ctx.sink.add(
      path,
      `placeholder priority ${priority} is not below workload "${blocker.name}" (priority ${blocker.priority}), ` +
        'which could then never preempt the placeholders to take their room',
    );
  }
}

function normalizeSizing(raw: RawOverprovisioner, at: At, sink: IssueSink, initial: PlaceholderContext['initialNodes']): OverprovisionerSpec['sizing'] {
  if (raw.replicasPerCluster !== undefined && raw.proportional !== undefined) {
    sink.add(at(['proportional']), 'give either replicasPerCluster or proportional, not both', true);
  }
  if (raw.proportional === undefined) {
    if (raw.replicasPerCluster === undefined) sink.add(at(), 'needs replicasPerCluster (fixed) or proportional (cluster-proportional) sizing');
    return { kind: 'fixed', replicasPerCluster: raw.replicasPerCluster ?? 0 };
  }
  const p = raw.proportional;
  const coresPerReplica = p.coresPerReplica ?? 0;
  const nodesPerReplica = p.nodesPerReplica ?? 0;
  if (coresPerReplica === 0 && nodesPerReplica === 0) {
    sink.add(at(['proportional']), 'needs coresPerReplica or nodesPerReplica above 0 (as cluster-proportional-autoscaler does)');
  }
  const min = p.min === undefined || p.min === 0 ? OVERPROVISIONER_DEFAULTS.proportionalMin : p.min;
  // cluster-proportional-autoscaler reads max 0 as no maximum
  const max = p.max === undefined || p.max === 0 ? UNLIMITED : p.max;
  if (max < min) sink.add(at(['proportional', 'max']), `max (${max}) must be at least min (${min})`);
  const params = { coresPerReplica, nodesPerReplica, min, max, preventSinglePointFailure: p.preventSinglePointFailure ?? false };
  return {
    kind: 'proportional',
    ...params,
    includeUnschedulableNodes: p.includeUnschedulableNodes ?? false,
    pollPeriodSec: p.pollPeriod === undefined ? OVERPROVISIONER_DEFAULTS.pollPeriodSec : sec(p.pollPeriod),
    initialReplicas: linearReplicas(initial.nodes, initial.cpuMilli, params),
  };
}
