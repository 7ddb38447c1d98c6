/**
 * Kubernetes objects -> entries of the scenario format (as a file would write them), each with a
 * map from its keys back to the manifest fields they came from.
 */
import type { DaemonSetInfo, DeploymentInfo, HpaInfo, NodePoolInfo, PdbInfo, PlaceholderInfo, PriorityClassInfo, ScalingRulesInfo } from '../../manifests/types.ts';
import type { ObjectSource } from '../../manifests/source.ts';
import type { KeyPath } from '../../input/document.ts';
import type { IntOrPercent } from '../types.ts';
import type { Target } from './origins.ts';

/** An entry for one of the scenario's lists, and where each of its keys was written. */
export interface IncludedEntry {
  name: string;
  raw: Record<string, unknown>;
  locate(sub: KeyPath): Target;
}

const POD = ['spec', 'template', 'spec'];

const at = (source: ObjectSource, path: KeyPath): Target => ({ kind: 'elsewhere', where: source.at(path), code: 'manifest' });

const quantities = (r: { cpuMilli: number; memoryBytes: number }) => ({ cpu: `${r.cpuMilli}m`, memory: r.memoryBytes });

export function workloadEntry(d: DeploymentInfo, hpa: HpaInfo | undefined): IncludedEntry {
  const raw: Record<string, unknown> = { name: d.name, requests: quantities(d.requests) };
  if (d.limits) raw.limits = { ...(d.limits.cpuMilli === undefined ? {} : { cpu: `${d.limits.cpuMilli}m` }), ...(d.limits.memoryBytes === undefined ? {} : { memory: d.limits.memoryBytes }) };
  if (d.replicas !== undefined) raw.replicas = d.replicas;
  if (d.priorityClassName !== undefined) raw.priorityClass = d.priorityClassName;
  if (d.terminationGracePeriodSec !== undefined) raw.terminationGracePeriod = d.terminationGracePeriodSec;
  if (Object.keys(d.labels).length > 0) raw.labels = { ...d.labels };
  if (d.strategy !== undefined) raw.strategy = { ...d.strategy };
  if (d.minReadySec !== undefined) raw.minReady = d.minReadySec;
  if (d.progressDeadlineSec !== undefined) raw.progressDeadline = d.progressDeadlineSec;
  for (const [key, a] of Object.entries(d.annotations)) if (a) raw[key] = a.value;
  if (hpa) raw.hpa = hpaEntry(hpa);
  if (d.placement) Object.assign(raw, structuredClone(d.placement));

  const locate = (sub: KeyPath): Target => {
    const [head, ...rest] = sub;
    switch (head) {
      case undefined:
        return at(d.source, []);
      case 'name':
        return at(d.source, ['metadata', 'name']);
      case 'requests':
      case 'limits':
        return at(d.source, [...POD, 'containers']);
      case 'replicas':
        return at(d.source, d.replicas === undefined ? ['spec'] : ['spec', 'replicas']);
      case 'priorityClass':
        return at(d.source, [...POD, 'priorityClassName']);
      case 'terminationGracePeriod':
        return at(d.source, [...POD, 'terminationGracePeriodSeconds']);
      case 'labels':
        return at(d.source, ['spec', 'template', 'metadata', 'labels', ...rest]);
      case 'strategy':
        return at(d.source, rest[0] === 'maxSurge' || rest[0] === 'maxUnavailable' ? ['spec', 'strategy', 'rollingUpdate', rest[0]] : ['spec', 'strategy', ...rest]);
      case 'minReady':
        return at(d.source, ['spec', 'minReadySeconds']);
      case 'progressDeadline':
        return at(d.source, ['spec', 'progressDeadlineSeconds']);
      case 'hpa':
        return hpa ? at(hpa.source, hpaPath(hpa, rest)) : at(d.source, []);
      case 'tolerations':
      case 'nodeSelector':
      case 'affinity':
      case 'topologySpreadConstraints':
        return at(d.source, [...POD, head, ...rest]);
      default: {
        const a = d.annotations[head as keyof DeploymentInfo['annotations']];
        return at(d.source, a ? a.path : []);
      }
    }
  };
  return { name: d.name, raw, locate };
}

function hpaEntry(h: HpaInfo): Record<string, unknown> {
  const raw: Record<string, unknown> = { max: h.maxReplicas };
  if (h.minReplicas !== undefined) raw.min = h.minReplicas;
  if (h.targetCPUUtilization !== undefined) raw.targetCPUUtilization = h.targetCPUUtilization;
  if (h.tolerance !== undefined) raw.tolerance = h.tolerance;
  if (h.behavior) {
    const behavior: Record<string, unknown> = {};
    if (h.behavior.scaleUp) behavior.scaleUp = rulesEntry(h.behavior.scaleUp);
    if (h.behavior.scaleDown) behavior.scaleDown = rulesEntry(h.behavior.scaleDown);
    raw.behavior = behavior;
  }
  return raw;
}

function rulesEntry(r: ScalingRulesInfo): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  if (r.stabilizationWindowSec !== undefined) raw.stabilizationWindow = r.stabilizationWindowSec;
  if (r.selectPolicy !== undefined) raw.selectPolicy = r.selectPolicy;
  if (r.policies !== undefined) raw.policies = r.policies.map((p) => ({ type: p.type, value: p.value, period: p.periodSec }));
  return raw;
}

/** A path of the scenario's hpa map -> the HorizontalPodAutoscaler field. */
function hpaPath(h: HpaInfo, sub: KeyPath): KeyPath {
  const [head, dir, ...rest] = sub;
  switch (head) {
    case 'min':
      return ['spec', 'minReplicas'];
    case 'max':
      return ['spec', 'maxReplicas'];
    case 'targetCPUUtilization':
      return h.targetPath ?? ['spec', 'metrics'];
    case 'tolerance':
      return ['spec', 'behavior'];
    case 'behavior': {
      if (dir === undefined) return ['spec', 'behavior'];
      const renamed = rest.map((seg) => (seg === 'stabilizationWindow' ? 'stabilizationWindowSeconds' : seg === 'period' ? 'periodSeconds' : seg));
      return ['spec', 'behavior', dir, ...renamed];
    }
    default:
      return [];
  }
}

export function priorityClassEntry(c: PriorityClassInfo): IncludedEntry {
  const raw: Record<string, unknown> = { name: c.name, value: c.value };
  if (c.preemptionPolicy !== undefined) raw.preemptionPolicy = c.preemptionPolicy;
  if (c.globalDefault !== undefined) raw.globalDefault = c.globalDefault;
  if (c.description !== undefined) raw.description = c.description;
  const locate = (sub: KeyPath): Target => {
    const [head] = sub;
    if (c.paths) return at(c.source, head === 'value' || head === 'globalDefault' ? c.paths.value : c.paths.name);
    if (head === 'name') return at(c.source, ['metadata', 'name']);
    return at(c.source, head === undefined ? [] : [head]);
  };
  return { name: c.name, raw, locate };
}

const intOrString = (v: IntOrPercent) => (v.kind === 'count' ? v.value : `${v.value}%`);

export function pdbEntry(p: PdbInfo): IncludedEntry {
  const raw: Record<string, unknown> = { name: p.name, matchLabels: { ...p.matchLabels } };
  if (p.minAvailable) raw.minAvailable = intOrString(p.minAvailable);
  if (p.maxUnavailable) raw.maxUnavailable = intOrString(p.maxUnavailable);
  const locate = (sub: KeyPath): Target => {
    const [head] = sub;
    if (p.paths) {
      const key = (head ?? 'name') as keyof NonNullable<PdbInfo['paths']>;
      return at(p.source, p.paths[key] ?? p.paths.name);
    }
    switch (head) {
      case 'name':
        return at(p.source, ['metadata', 'name']);
      case 'matchLabels':
        return at(p.source, ['spec', 'selector']);
      case 'minAvailable':
      case 'maxUnavailable':
        return at(p.source, ['spec', head]);
      default:
        return at(p.source, []);
    }
  };
  return { name: p.name, raw, locate };
}

export function placeholderEntry(p: PlaceholderInfo): IncludedEntry {
  const raw: Record<string, unknown> = { name: p.name, requests: quantities(p.requests), replicasPerCluster: p.replicas };
  if (p.priorityClassName !== undefined) raw.priorityClass = p.priorityClassName;
  if (p.terminationGracePeriodSec !== undefined) raw.terminationGracePeriod = p.terminationGracePeriodSec;
  const locate = (sub: KeyPath): Target => {
    switch (sub[0]) {
      case 'name':
        return at(p.source, p.paths.name);
      case 'requests':
        return at(p.source, p.paths.requests);
      case 'replicasPerCluster':
        return at(p.source, p.paths.replicas);
      case 'priorityClass':
        return at(p.source, p.paths.priorityClass);
      case 'terminationGracePeriod':
        return at(p.source, p.paths.terminationGracePeriod);
      default:
        return at(p.source, p.paths.name);
    }
  };
  return { name: p.name, raw, locate };
}

/** A NodePool's entry is read in the scenario's shape already; each key points back at its field. */
export function daemonSetEntry(d: DaemonSetInfo): IncludedEntry {
  const raw: Record<string, unknown> = { name: d.name, requests: quantities(d.requests) };
  if (d.nodeSelector) raw.nodeSelector = { ...d.nodeSelector };
  if (d.tolerations) raw.tolerations = structuredClone(d.tolerations);
  const locate = (sub: KeyPath): Target => {
    const [head, ...rest] = sub;
    if (head === 'name') return at(d.source, ['metadata', 'name']);
    if (head === 'requests') return at(d.source, [...POD, 'containers']);
    if (head === 'nodeSelector' || head === 'tolerations') return at(d.source, [...POD, head, ...rest]);
    return at(d.source, []);
  };
  return { name: d.name, raw, locate };
}

export function nodePoolEntry(p: NodePoolInfo): IncludedEntry {
  const locate = (sub: KeyPath): Target => {
    const [head, key] = sub;
    if (head === 'disruption' && key === 'expireAfter') return at(p.source, ['spec', 'template', 'spec', 'expireAfter']);
    if ((head === 'disruption' || head === 'limits') && key !== undefined) return at(p.source, ['spec', head, key]);
    return at(p.source, p.paths[String(head ?? 'name')] ?? p.paths.name);
  };
  return { name: p.name, raw: structuredClone(p.raw), locate };
}
