/** `changes:` checked against the clusters and workloads, with the Deployment controller's defaults. */
import type { KeyPath } from '../../input/document.ts';
import { didYouMean } from '../../input/suggest.ts';
import { formatDuration } from '../../quantity.ts';
import type { RawChange, RawScenario } from '../schema/index.ts';
import { CHANGE_KINDS } from '../schema/changes.ts';
import type { ChangeSpec, ClusterSpec, HpaSpec, OverrideSpec, RevisionSpec, RolloutSpec, RotateSpec, WorkloadSpec } from '../types.ts';
import { isHeadroomError } from '../../errors.ts';
import { checkScenarioPath } from '../paths.ts';
import type { SetAssignment } from '../sets.ts';
import { bytes, milli, type NormalizeContext, ratio, sec, under } from './context.ts';
import { normalizeDelay } from './delay.ts';
import { normalizeStrategy, type RawStrategy } from './strategy.ts';
import { normalizeDaemonSet } from './placement.ts';
import { DAEMONSET_MAX_UNAVAILABLE } from '../../decisions/defaults.ts';

type RawRollout = NonNullable<RawChange['rollout']>;
type RawRotate = NonNullable<RawChange['rotate']>;

/** EKS managed node groups update one node at a time unless told otherwise. */
const ROTATE_MAX_UNAVAILABLE = 1;

function normalizeRotate(r: RawRotate, path: KeyPath, targets: readonly ClusterSpec[], ctx: NormalizeContext, clusterWith: ClusterWith): RotateSpec | undefined {
  const { sink } = ctx;
  for (const c of targets) {
    const groups = c.nodeGroups.map((g) => g.name);
    if (!groups.includes(r.nodeGroup)) {
      sink.add([...path, 'nodeGroup'], `no node group "${r.nodeGroup}" in cluster ${c.name}${didYouMean(r.nodeGroup, groups)}; node groups: ${groups.join(', ')}`);
      return undefined;
    }
  }
  const maxSurge = r.maxSurge ?? 0;
  const maxUnavailable = r.maxUnavailable ?? (maxSurge > 0 ? 0 : ROTATE_MAX_UNAVAILABLE);
  if (maxSurge === 0 && maxUnavailable === 0) sink.add([...path, 'maxUnavailable'], 'may not be 0 when maxSurge is 0: no node could ever be replaced');
  const spec: RotateSpec = { kind: 'rotate', nodeGroup: r.nodeGroup, maxUnavailable, maxSurge };
  if (r.instanceType !== undefined) {
    const type = r.instanceType;
    // the group as written, its machine given by the new type: allocatable and price derived again
    const toType = (raw: RawScenario) => {
      const g = raw.nodeGroups.find((x) => x.name === r.nodeGroup);
      if (!g) return;
      delete g.allocatable;
      delete g.pricePerHour;
      g.instanceType = type;
    };
    spec.newGroup = {};
    for (const c of targets) {
      const got = clusterWith(toType, c.name);
      if (got.problems.length > 0) {
        for (const m of got.problems) sink.add([...path, 'instanceType'], `in cluster ${c.name}: ${m}`);
        return undefined;
      }
      const gi = c.nodeGroups.findIndex((g) => g.name === r.nodeGroup);
      const now = c.nodeGroups[gi];
      const next = got.spec!.nodeGroups[gi];
      spec.newGroup[c.name] = { ...next, min: now.min, max: now.max, initial: now.initial, expanderPriority: now.expanderPriority };
    }
  }
  return spec;
}

/**
 * A cluster's settings with `path=value` assignments applied to the scenario (as --set applies
 * them), or the problems they raise as messages.
 */
export type ClusterWith = (edit: SetAssignment[] | ((raw: RawScenario) => void), cluster: string) => { spec?: ClusterSpec; hpas?: (HpaSpec | undefined)[]; problems: string[] };

/** What an override may change in a running cluster: its controllers' settings, its node groups' bounds and its HPAs. */
const OVERRIDABLE = /^(scheduler|clusterAutoscaler|overprovisioner)(\.|$)|^nodeGroups\.\d+\.(min|max|expanderPriority)$|^workloads\.\d+\.hpa\./;
const HPA_PATH = /^workloads\.(\d+)\.hpa\./;

/** undefined when the scenario names no change, so every other scenario keeps its shape (and hash). */
export function normalizeChanges(
  raw: readonly RawChange[] | undefined,
  clusters: readonly ClusterSpec[],
  workloads: readonly WorkloadSpec[],
  ctx: NormalizeContext,
  clusterWith: ClusterWith,
): ChangeSpec[] | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  const { sink } = ctx;
  const names = clusters.map((c) => c.name);
  return raw.flatMap((c, i): ChangeSpec[] => {
    const path: KeyPath = ['changes', i];
    const atSec = sec(c.at);
    if (atSec >= ctx.durationSec) sink.add([...path, 'at'], `${formatDuration(atSec)} is at or after the end of the scenario (${formatDuration(ctx.durationSec)})`);
    const targets = c.clusters === 'all' ? names : c.clusters;
    if (c.clusters !== 'all') {
      c.clusters.forEach((name, j) => {
        if (!names.includes(name)) sink.add([...path, 'clusters', j], `unknown cluster "${name}"${didYouMean(name, names)}; clusters: ${names.join(', ')}`);
        else if (c.clusters.indexOf(name) !== j) sink.add([...path, 'clusters', j], `cluster "${name}" is named twice`);
      });
    }
    const given = CHANGE_KINDS.filter((k) => c[k] !== undefined);
    if (given.length !== 1) {
      sink.add(path, `a change takes exactly one of ${CHANGE_KINDS.join(', ')}${given.length > 1 ? `, got ${given.join(' and ')}` : ''}`);
      return [];
    }
    const action =
      c.rollout !== undefined
        ? normalizeRollout(c.rollout, [...path, 'rollout'], workloads, ctx)
        : c.rotate !== undefined
          ? normalizeRotate(c.rotate, [...path, 'rotate'], clusters.filter((x) => targets.includes(x.name)), ctx, clusterWith)
          : c.daemonSet !== undefined
            ? { kind: 'daemonSet' as const, daemonSet: normalizeDaemonSet(c.daemonSet), maxUnavailable: c.daemonSet.maxUnavailable ?? DAEMONSET_MAX_UNAVAILABLE }
            : normalizeOverride(c.override!, [...path, 'override'], targets.filter((t) => names.includes(t)), workloads, ctx, clusterWith);
    if (action === undefined) return [];
    return [
      {
        atSec,
        clusters: [...targets],
        order: c.order ?? 'sequential',
        waitBetweenClustersSec: c.waitBetweenClusters === undefined ? 0 : sec(c.waitBetweenClusters),
        action,
      },
    ];
  });
}

function normalizeOverride(
  o: Record<string, unknown>,
  path: KeyPath,
  targets: readonly string[],
  workloads: readonly WorkloadSpec[],
  ctx: NormalizeContext,
  clusterWith: ClusterWith,
): OverrideSpec | undefined {
  const { sink } = ctx;
  const entries = Object.entries(o);
  if (entries.length === 0) {
    sink.add(path, 'name at least one setting, e.g. clusterAutoscaler.expander: price');
    return undefined;
  }
  const sets: SetAssignment[] = [];
  for (const [key, value] of entries) {
    if (!OVERRIDABLE.test(key)) {
      sink.add([...path, key], `${key} is not a setting a running cluster can change: scheduler.*, clusterAutoscaler.*, overprovisioner.*, nodeGroups.N.min, .max or .expanderPriority, workloads.N.hpa.*`, true);
      continue;
    }
    const hpaOf = HPA_PATH.exec(key);
    if (hpaOf !== null && workloads[Number(hpaOf[1])]?.hpa === undefined) {
      sink.add([...path, key], `workloads.${hpaOf[1]} has no hpa to change (an override changes a running HPA's settings; it does not add one)`, true);
      continue;
    }
    try {
      checkScenarioPath(key);
    } catch (e) {
      if (!isHeadroomError(e)) throw e;
      sink.add([...path, key], e.message, true);
      continue;
    }
    sets.push({ text: `${key}=${JSON.stringify(value)}`, path: key.split('.'), value, flag: '--set' });
  }
  if (sets.length < entries.length) return undefined;
  const after: Record<string, ClusterSpec> = {};
  const hpas: Record<string, (HpaSpec | undefined)[]> = {};
  const changesHpa = sets.some((s) => HPA_PATH.test(s.path.join('.')));
  for (const name of targets) {
    const r = clusterWith(sets, name);
    // what is wrong in one cluster is mostly wrong in all: say it once
    if (r.problems.length > 0) {
      for (const m of r.problems) sink.add(path, `in cluster ${name}: ${m}`);
      return undefined;
    }
    if (r.spec) after[name] = r.spec;
    if (changesHpa && r.hpas) hpas[name] = r.hpas;
  }
  const spec: OverrideSpec = { kind: 'override', sets: sets.map((s) => s.text), after };
  // only an override of an HPA gains the key
  if (changesHpa) spec.hpas = hpas;
  return spec;
}

function normalizeRollout(r: RawRollout, path: KeyPath, workloads: readonly WorkloadSpec[], ctx: NormalizeContext): RolloutSpec | undefined {
  const { sink } = ctx;
  const at = under(path);
  const workloadIndex = workloads.findIndex((w) => w.name === r.workload);
  if (workloadIndex < 0) {
    const known = workloads.map((w) => w.name);
    sink.add(at(['workload']), `unknown workload "${r.workload}"${didYouMean(r.workload, known)}; workloads: ${known.join(', ')}`);
    return undefined;
  }
  const wl = workloads[workloadIndex];
  const keyAt = (key: keyof RawStrategy) => at([key === 'type' ? 'strategy' : key]);
  const rollout = normalizeStrategy(
    { type: r.strategy, maxSurge: r.maxSurge, maxUnavailable: r.maxUnavailable, minReady: r.minReady, progressDeadline: r.progressDeadline },
    keyAt,
    sink,
    wl.deployment,
  );
  const spec: RolloutSpec = {
    kind: 'rollout',
    workload: r.workload,
    workloadIndex,
    ...rollout,
    revision: normalizeRevision(r.template, under([...path, 'template']), ctx),
  };
  const rb = r.rollbackWhen;
  if (rb !== undefined) {
    if (rb.p99Above === undefined && rb.errorRateAbove === undefined && rb.progressDeadlineExceeded !== true) {
      sink.add(at(['rollbackWhen']), 'name a bound (p99Above, errorRateAbove) or progressDeadlineExceeded: true');
    }
    const errorRateAbove = rb.errorRateAbove === undefined ? undefined : ratio(rb.errorRateAbove);
    if (errorRateAbove !== undefined && errorRateAbove >= 1) sink.add(at(['rollbackWhen', 'errorRateAbove']), `an error rate bound is below 100%, got ${errorRateAbove}`);
    spec.rollbackWhen = {
      forSec: rb.for === undefined ? 0 : sec(rb.for),
      progressDeadlineExceeded: rb.progressDeadlineExceeded === true,
      ...(rb.p99Above === undefined ? {} : { p99AboveSec: sec(rb.p99Above) }),
      ...(errorRateAbove === undefined ? {} : { errorRateAbove }),
    };
  }
  return spec;
}

function normalizeRevision(t: RawRollout['template'], at: (sub?: KeyPath) => KeyPath, ctx: NormalizeContext): RevisionSpec {
  const rev: RevisionSpec = {};
  const quantities = (q: { cpu?: string | number; memory?: string | number } | undefined) =>
    q === undefined ? undefined : { ...(q.cpu === undefined ? {} : { cpuMilli: milli(q.cpu) }), ...(q.memory === undefined ? {} : { memoryBytes: bytes(q.memory) }) };
  const requests = quantities(t.requests);
  if (requests) rev.requests = requests;
  const limits = quantities(t.limits);
  if (limits) rev.limits = limits;
  if (t.serviceTime !== undefined) {
    rev.serviceTimeMeanSec = sec(t.serviceTime);
    if (rev.serviceTimeMeanSec <= 0) ctx.sink.add(at(['serviceTime']), 'serviceTime must be greater than 0');
  }
  if (t.startupDelay !== undefined) rev.startupDelay = normalizeDelay(t.startupDelay, (sub = []) => at(['startupDelay', ...sub]), ctx.sink);
  if (t.concurrency !== undefined) rev.concurrency = t.concurrency;
  if (Object.keys(rev).length === 0) ctx.sink.add(at(), 'a new revision changes at least one of requests, limits, serviceTime, startupDelay, concurrency');
  return rev;
}
