/**
 * `headroom decide schedule`: where kube-scheduler would put one pod, each filter plugin's answer
 * and each score plugin's normalized score on every node, the weighted totals, and, when the pod
 * fits nowhere, the preemption it would make.
 */
import { resolveProfile, scoreWeightsOf, type SchedulerSpec } from '../decisions/scheduler/profile.ts';
import { withDefaultConstraints } from '../decisions/scheduler/plugins/podtopologyspread/default-constraints.ts';
import { schedulerSchema } from '../scenario/schema/controllers.ts';
import { fromZodIssues } from '../input/zod-issues.ts';
import { fitErrorMessage, preemptionFailureMessage } from '../decisions/scheduler/fit-error.ts';
import { preempt } from '../decisions/scheduler/plugins/defaultpreemption/default-preemption.ts';
import { filterEachPlugin, runFilters, cycleStateFor } from '../decisions/scheduler/filters.ts';
import { SUCCESS } from '../decisions/scheduler/plugins/noderesources/fit.ts';
import { SCORE_PLUGINS, scoreNodes } from '../decisions/scheduler/scores.ts';
import { score } from '../decisions/scheduler/plugins/noderesources/resource-allocation.ts';
import { selectHost } from '../decisions/scheduler/select-host.ts';
import type { NodeInfo } from '../decisions/scheduler/types.ts';
import {
  describe,
  expectKeys,
  expectList,
  expectObject,
  inputError,
  join,
  parseNode,
  parsePdbs,
  parsePod,
} from './pods.ts';

export interface ScheduleDecision {
  /** the node the pod is bound to, or null when it fits nowhere */
  node: string | null;
  /**
   * every node's weighted total (scores.ts): the feasible nodes scored by every plugin, normalized
   * over them as kube-scheduler does; a node the pod does not pass gets its NodeResourcesFit score
   */
  scores: Record<string, number>;
  /** NODE -> filter plugin -> its own answer (every plugin run, whatever the others said) */
  filters: Record<string, Record<string, { code: string; reasons: string[] }>>;
  /** NODE -> score plugin -> normalized score, 0..100 (feasible nodes; NodeResourcesFit alone for the others) */
  pluginScores: Record<string, Record<string, number>>;
  /** the preemption made when the pod fits nowhere, or null */
  preemption: null | { node: string; victims: string[] };
  /** when the pod fits nowhere: kube-scheduler's FailedScheduling message (the filter's reasons, then preemption's) */
  message?: string;
}

/** The profile's keys, as a scenario's `scheduler:` gives them (checked by the same schema and rules). */
const PROFILE_KEYS = ['scoring', 'resources', 'shape', 'profile', 'scoreWeights', 'defaultingType', 'defaultConstraints'];
const INPUT_KEYS = [...PROFILE_KEYS, 'nodes', 'pdbs', 'pod', 'now'];

export function decideSchedule(input: unknown): ScheduleDecision {
  const o = expectObject(input, '', 'a schedule input object ({nodes, pod, ...})');
  expectKeys(o, INPUT_KEYS, '');
  const spec = parseProfile(o);
  const nowSec = parseNow(o);

  if (o.nodes === undefined) throw inputError('nodes', 'nodes is required (a list of {name, allocatable, pods})');
  const nodes: NodeInfo[] = expectList(o.nodes, 'nodes').map((n, i) => parseNode(n, join('nodes', i), { nowSec }));
  checkUniqueNames(nodes);
  if (o.pod === undefined) throw inputError('pod', 'pod is required (the pod to schedule)');
  const pod = parsePod(o.pod, 'pod', { nowSec });
  // the pod's labels stand for its workload's selector
  const placement = withDefaultConstraints(pod.placement, spec.defaultConstraints, pod.labels);
  if (placement !== undefined) pod.placement = placement;
  const pdbs = o.pdbs === undefined ? [] : parsePdbs(o.pdbs);

  const state = cycleStateFor(pod, nodes);
  const scores: Record<string, number> = {};
  const pluginScores: Record<string, Record<string, number>> = {};
  const filters: ScheduleDecision['filters'] = {};
  for (const node of nodes) {
    const fit = score(pod, node, spec.scoring, spec.resources, spec.shape);
    scores[node.name] = fit;
    pluginScores[node.name] = { NodeResourcesFit: fit };
    filters[node.name] = Object.fromEntries(
      Object.entries(filterEachPlugin(pod, node, state)).map(([plugin, s]) => [plugin, { code: s.code, reasons: [...s.reasons] }]),
    );
  }
  const feasible = nodes.filter((n) => runFilters(pod, n, state) === SUCCESS);
  const scored = scoreNodes(pod, feasible, spec, nodes);
  const weights = scoreWeightsOf(spec);
  // the plugins the profile runs: a plugin of weight 0 is disabled
  const run = SCORE_PLUGINS.filter((plugin) => weights[plugin] > 0 || plugin === 'NodeResourcesFit');
  feasible.forEach((n, i) => {
    scores[n.name] = scored.total[i];
    for (const plugin of run) pluginScores[n.name][plugin] = scored.plugins[plugin][i];
  });

  const chosen = selectHost(pod, nodes, spec);
  if (chosen >= 0) return { node: nodes[chosen].name, scores, filters, pluginScores, preemption: null };

  const p = preempt(pod, nodes, pdbs, { state });
  const statuses = nodes.map((n) => runFilters(pod, n, state));
  return {
    node: null,
    scores,
    filters,
    pluginScores,
    preemption: p === null ? null : { node: nodes[p.nodeIndex].name, victims: p.victims.map((v) => v.name) },
    // a preemption that succeeded leaves the PostFilter nothing to say
    message: fitErrorMessage(nodes.length, statuses, p === null ? preemptionFailureMessage(pod, nodes, state) : ''),
  };
}

function parseProfile(o: Record<string, unknown>): SchedulerSpec {
  const given = Object.fromEntries(PROFILE_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  const r = schedulerSchema().safeParse(given);
  if (!r.success) {
    // the scenario's wording of the schema's first problem
    const issue = fromZodIssues(r.error.issues)[0];
    throw inputError(join('', ...issue.path), issue.message);
  }
  return resolveProfile(r.data, (path, message) => {
    throw inputError(join('', ...path), message);
  });
}

/**
 * "Now" for pods that give no start time. By default the latest start time given (or 0), so a
 * pod without one is the youngest, as kube-scheduler treats a pod that has not started.
 */
function parseNow(o: Record<string, unknown>): number {
  if (o.now !== undefined) {
    if (typeof o.now !== 'number' || !Number.isFinite(o.now)) {
      throw inputError('now', `now must be a number of seconds, got ${describe(o.now)}`);
    }
    return o.now;
  }
  let now = 0;
  if (Array.isArray(o.nodes)) {
    for (const n of o.nodes) {
      const pods = n !== null && typeof n === 'object' ? (n as Record<string, unknown>).pods : undefined;
      if (!Array.isArray(pods)) continue;
      for (const p of pods) {
        const t = p !== null && typeof p === 'object' ? (p as Record<string, unknown>).startTime : undefined;
        if (typeof t === 'number' && Number.isFinite(t) && t > now) now = t;
      }
    }
  }
  return now;
}

function checkUniqueNames(nodes: readonly NodeInfo[]): void {
  const nodeNames = new Set<string>();
  const podNames = new Map<string, string>();
  nodes.forEach((node, i) => {
    if (nodeNames.has(node.name)) throw inputError(join('nodes', i, 'name'), `node name "${node.name}" appears twice`);
    nodeNames.add(node.name);
    node.pods.forEach((p, j) => {
      const other = podNames.get(p.name);
      if (other !== undefined && other !== node.name) {
        throw inputError(join('nodes', i, 'pods', j, 'name'), `pod name "${p.name}" is also on node "${other}"`);
      }
      podNames.set(p.name, node.name);
    });
  });
}
