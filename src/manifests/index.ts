/**
 * Kubernetes manifests -> the objects the simulation uses. Reads apps/v1 Deployment,
 * autoscaling/v2 HorizontalPodAutoscaler, scheduling.k8s.io/v1 PriorityClass, policy/v1
 * PodDisruptionBudget, apps/v1 DaemonSet and karpenter.sh/v1 NodePool; any other kind is listed in one warning and skipped. Problems are collected
 * (errors and warnings), each naming the file, the document and the field.
 */
import { didYouMean } from '../input/suggest.ts';
import { readDaemonSet } from './daemonset.ts';
import { readDeployment } from './deployment.ts';
import { readHpa } from './hpa.ts';
import { readNodePool } from './nodepool.ts';
import { readPdb, readPriorityClass } from './policy.ts';
import { ManifestProblems } from './problems.ts';
import type { KubeObject, NotAnObject } from './read.ts';
import type { ManifestSet } from './types.ts';

export type * from './types.ts';
export { ManifestProblems } from './problems.ts';
export { listManifestFiles, parseManifests, readManifestFile, displayPath, type KubeObject, type NotAnObject, type ParsedFile } from './read.ts';
export { readOverprovisionerValues, parseOverprovisionerValues, chartFullname, coalesce, CHART_DEFAULTS, CHART_NAME, type ChartRelease } from './overprovisioner-chart.ts';
export { podRequests, type Requests } from './pod-requests.ts';
export { ANNOTATIONS } from './annotations.ts';
export { describeField, formatFieldPath, type ObjectSource } from './source.ts';

/** The API version headroom reads each kind at. */
export const KINDS: Record<string, string> = {
  Deployment: 'apps/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PriorityClass: 'scheduling.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  NodePool: 'karpenter.sh/v1',
  DaemonSet: 'apps/v1',
};

/** How many names of a skipped kind the warning lists. */
const LISTED_PER_KIND = 5;

export function readKubernetesObjects(objects: readonly KubeObject[], notObjects: readonly NotAnObject[], problems: ManifestProblems): ManifestSet {
  const set: ManifestSet = { deployments: [], placeholders: [], hpas: [], priorityClasses: [], pdbs: [], clusterAutoscalers: [], nodePools: [], daemonSets: [] };
  const skipped = new Map<string, string[]>();
  const seen = new Map<string, KubeObject>();

  for (const obj of objects) {
    const wanted = KINDS[obj.kind];
    if (wanted === undefined) {
      const names = skipped.get(obj.kind) ?? [];
      names.push(obj.name || `(${obj.source.file}, document ${obj.source.document})`);
      skipped.set(obj.kind, names);
      continue;
    }
    if (obj.apiVersion !== wanted) {
      problems.error(obj.source, ['apiVersion'], `${obj.kind} is read as apiVersion ${wanted}, got ${obj.apiVersion}; convert it (kubectl convert) or write it as ${wanted}`);
      continue;
    }
    if (obj.name) {
      const key = `${obj.kind}/${obj.name}`;
      const first = seen.get(key);
      if (first) {
        problems.error(obj.source, ['metadata', 'name'], `${obj.kind} "${obj.name}" is already defined in ${first.source.file}, document ${first.source.document} (namespaces are not simulated: names must be unique)`);
        continue;
      }
      seen.set(key, obj);
    }
    switch (obj.kind) {
      case 'Deployment': {
        const read = readDeployment(obj, problems);
        if (read?.kind === 'workload') set.deployments.push(read.info);
        else if (read?.kind === 'placeholder') set.placeholders.push(read.info);
        else if (read?.kind === 'cluster-autoscaler') set.clusterAutoscalers.push(read.info);
        break;
      }
      case 'HorizontalPodAutoscaler': {
        const hpa = readHpa(obj, problems);
        if (hpa) set.hpas.push(hpa);
        break;
      }
      case 'PriorityClass': {
        const c = readPriorityClass(obj, problems);
        if (c) set.priorityClasses.push(c);
        break;
      }
      case 'PodDisruptionBudget': {
        const p = readPdb(obj, problems);
        if (p) set.pdbs.push(p);
        break;
      }
      case 'DaemonSet': {
        const ds = readDaemonSet(obj, problems);
        if (ds) set.daemonSets.push(ds);
        break;
      }
      case 'NodePool': {
        const p = readNodePool(obj, problems);
        if (p) set.nodePools.push(p);
        break;
      }
    }
  }
  checkHpaTargets(set, problems);
  warnSkipped(skipped, notObjects, problems);
  for (const ca of set.clusterAutoscalers) {
    problems.warn(ca.source, [], 'the cluster-autoscaler itself: not a workload; its flags are read as clusterAutoscaler.flags');
  }
  return set;
}

/** Every HPA must scale an included Deployment, and no Deployment may have two. */
function checkHpaTargets(set: ManifestSet, problems: ManifestProblems): void {
  const names = set.deployments.map((d) => d.name);
  const byTarget = new Map<string, string>();
  set.hpas = set.hpas.filter((h) => {
    const at = ['spec', 'scaleTargetRef', 'name'];
    if (set.placeholders.some((p) => p.name === h.target)) {
      problems.error(h.source, at, `Deployment "${h.target}" is a placeholder deployment (pause pods); an HPA cannot scale it here`);
      return false;
    }
    if (!names.includes(h.target)) {
      const list = names.length > 0 ? `; the included Deployments are ${names.join(', ')}` : '; no Deployment is included';
      problems.error(h.source, at, `scales Deployment "${h.target}", which is not among the included manifests${didYouMean(h.target, names)}${list}`);
      return false;
    }
    const other = byTarget.get(h.target);
    if (other !== undefined) {
      problems.error(h.source, at, `Deployment "${h.target}" is already scaled by HPA "${other}"; Kubernetes refuses to act on two (AmbiguousSelector)`);
      return false;
    }
    byTarget.set(h.target, h.name);
    return true;
  });
}

function warnSkipped(skipped: Map<string, string[]>, notObjects: readonly NotAnObject[], problems: ManifestProblems): void {
  if (skipped.size > 0) {
    const kinds = [...skipped.entries()].map(([kind, names]) => {
      const shown = names.slice(0, LISTED_PER_KIND).join(', ');
      const more = names.length > LISTED_PER_KIND ? `, and ${names.length - LISTED_PER_KIND} more` : '';
      return `${kind} (${shown}${more})`;
    });
    problems.warnings.push({ message: `skipped kinds headroom does not read: ${kinds.join('; ')}` });
  }
  for (const n of notObjects) {
    const hint = n.chartValues
      ? ": it looks like the cluster-overprovisioner chart's values; read it with `overprovisioner: [{helmValues: <file>}]` (or `headroom import --overprovisioner-values <file>`)"
      : '';
    problems.warnings.push({ file: n.file, path: `document ${n.document}`, message: `not a Kubernetes object (no apiVersion and kind): skipped${hint}` });
  }
}
