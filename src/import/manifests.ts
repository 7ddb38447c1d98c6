/**
 * `headroom import`: a scenario a planner can edit, written from a team's manifests. The manifests
 * stay the source of truth: the scenario includes them (paths relative to the scenario) and holds
 * only what Kubernetes does not know, marked TODO: the clusters, the node groups (allocatable,
 * price, provisioning delay), traffic, and a service time where no annotation gives one. Its
 * placeholders are chosen so that it loads as written: node groups that fit the largest pod and
 * hold the initial replicas, and generator traffic at about half of each workload's capacity.
 */
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { relativeTo } from './relative.ts';
import { stringify } from 'yaml';
import { DEPLOYMENT_REPLICAS, HPA_DEFAULTS } from '../decisions/defaults.ts';
import { HeadroomError, isHeadroomError, ValidationError } from '../errors.ts';
import { formatCpu, formatMemory, parseDurationSec } from '../quantity.ts';
import { parseScenarioResult } from '../scenario/load.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ScenarioWarning } from '../input/warnings.ts';
import { readClusterAutoscalerFlags } from '../scenario/include/flags.ts';
import { listManifestFiles, readKubernetesObjects, readManifestFile, ManifestProblems, type KubeObject, type NotAnObject } from '../manifests/index.ts';
import { readOverprovisionerValues } from '../manifests/overprovisioner-chart.ts';
import type { DeploymentInfo, ManifestSet } from '../manifests/types.ts';

export interface ImportOptions {
  /** manifest files or folders, as the user named them (relative to the working directory) */
  paths: readonly string[];
  /**
   * the scenario file to be written; include paths are made relative to its folder. Without one
   * the scenario is printed, and where it will be saved is unknown: include paths are absolute.
   */
  outFile?: string;
  /** the deliveryhero cluster-overprovisioner chart's values, if the team uses it */
  overprovisionerValues?: string;
  name?: string;
  /** working directory the paths are relative to (default process.cwd()) */
  cwd?: string;
}

export interface ImportResult {
  text: string;
  /** the scenario as it loads (with the placeholders); undefined when it does not load yet */
  scenario?: Scenario;
  /**
   * Why it does not load yet, e.g. a Deployment naming a priority class no manifest defines. The
   * scenario is still worth writing: these point at the lines the planner has to fix.
   */
  problems: HeadroomError[];
  warnings: ScenarioWarning[];
}

/** A node as clouds commonly sell them (8 vCPU, 32 GiB, less the system reservations). */
const STUB_NODE = { cpuMilli: 7910, memoryBytes: 30 * 2 ** 30, pods: 58 };
const STUB_SERVICE_TIME = '50ms';
/** The comment above a printed scenario's include list; the CLI repeats it on stderr. */
export const ABSOLUTE_INCLUDES_NOTE =
  '# The include paths are absolute, so they name the same files wherever this is saved (saved outside their folders, run it with --allow-read); `--out FILE` writes them relative to FILE.';
/** the commented over-provisioner entry's figures: a typical service pod, a few nodes' worth */
const PLACEHOLDER_EXAMPLE = { cpuMilli: 500, memoryBytes: 512 * 2 ** 20, replicasPerCluster: 10 };
/** placeholder traffic as a share of a workload's initial serving capacity */
const STUB_LOAD = 0.5;

export function importManifests(opts: ImportOptions): ImportResult {
  const cwd = opts.cwd ?? process.cwd();
  const outAbs = resolve(cwd, opts.outFile ?? 'scenario.yaml');
  const outDir = dirname(outAbs);
  const problems = new ManifestProblems();
  const set = readPaths(opts.paths, cwd, opts.overprovisionerValues, problems);
  let placeholderNeed = { cpuMilli: 0, memoryBytes: 0, pods: 0, largestCpu: 0, largestMemory: 0 };
  if (opts.overprovisionerValues !== undefined) {
    const release = readOverprovisionerValues(resolve(cwd, opts.overprovisionerValues), opts.overprovisionerValues, 'cluster-overprovisioner', problems);
    for (const p of release.placeholders) placeholderNeed = addNeed(placeholderNeed, p.requests, p.replicas);
  }
  if (problems.errors.length > 0) throw new ValidationError(problems.errors);

  // Relative to the scenario, so the pair can move together; absolute when they share no folder,
  // or when the scenario is printed (redirected anywhere, a relative path would resolve wrongly).
  const rel = (p: string) => {
    const abs = resolve(cwd, p);
    const shared = opts.outFile !== undefined && abs.split(sep)[1] !== undefined && abs.split(sep)[1] === outDir.split(sep)[1];
    const r = shared ? relative(outDir, abs) || '.' : abs;
    return r.split(sep).join('/');
  };
  const name = opts.name ?? (basename(outAbs, extname(outAbs)) || 'imported');
  const text = scenarioText(set, {
    name,
    includes: opts.paths.map(rel),
    absoluteIncludes: opts.outFile === undefined,
    sources: opts.paths,
    values: opts.overprovisionerValues && rel(opts.overprovisionerValues),
    placeholderNeed,
  });
  try {
    // What the user named on the command line may be read, wherever it is.
    const named = [...opts.paths, ...(opts.overprovisionerValues === undefined ? [] : [opts.overprovisionerValues])].map((p) => resolve(cwd, p));
    const loaded = parseScenarioResult(text, outAbs, { checkFiles: false, reads: { allow: named, unrestricted: false } });
    return { text, scenario: loaded.scenario, problems: [], warnings: loaded.warnings.map((w) => relativeTo(w, cwd)) };
  } catch (e) {
    if (e instanceof ValidationError) return { text, problems: e.issues.map((x) => relativeTo(x, cwd)), warnings: [] };
    if (isHeadroomError(e)) return { text, problems: [relativeTo(e, cwd)], warnings: [] };
    throw e;
  }
}

function readPaths(paths: readonly string[], cwd: string, values: string | undefined, problems: ManifestProblems): ManifestSet {
  if (paths.length === 0) throw new HeadroomError('usage', 'name at least one manifest file or folder');
  const objects: KubeObject[] = [];
  const notObjects: NotAnObject[] = [];
  const valuesAbs = values === undefined ? undefined : resolve(cwd, values);
  for (const p of paths) {
    let files: string[];
    try {
      files = listManifestFiles(resolve(cwd, p));
    } catch (e) {
      throw new HeadroomError('io', `${p}: ${(e as Error).message}`);
    }
    for (const f of files) {
      const parsed = readManifestFile(f, relative(cwd, f) || f);
      problems.errors.push(...parsed.errors);
      objects.push(...parsed.objects);
      if (f !== valuesAbs) notObjects.push(...parsed.notObjects);
    }
  }
  return readKubernetesObjects(objects, notObjects, problems);
}

interface Need {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  largestCpu: number;
  largestMemory: number;
}

function addNeed(n: Need, r: { cpuMilli: number; memoryBytes: number }, count: number): Need {
  return {
    cpuMilli: n.cpuMilli + r.cpuMilli * count,
    memoryBytes: n.memoryBytes + r.memoryBytes * count,
    pods: n.pods + count,
    largestCpu: Math.max(n.largestCpu, r.cpuMilli),
    largestMemory: Math.max(n.largestMemory, r.memoryBytes),
  };
}

interface TextOptions {
  name: string;
  includes: string[];
  /** printed, not written: say why the include paths are absolute */
  absoluteIncludes: boolean;
  sources: readonly string[];
  values?: string;
  placeholderNeed: Need;
}

function scenarioText(set: ManifestSet, o: TextOptions): string {
  const hpaOf = new Map(set.hpas.map((h) => [h.target, h]));
  let need = o.placeholderNeed;
  for (const d of set.deployments) need = addNeed(need, d.requests, startReplicas(d, hpaOf.get(d.name)));
  for (const p of set.placeholders) need = addNeed(need, p.requests, p.replicas);

  const node = {
    cpuMilli: Math.max(STUB_NODE.cpuMilli, Math.ceil((need.largestCpu * 1.25) / 1000) * 1000),
    memoryBytes: Math.max(STUB_NODE.memoryBytes, Math.ceil((need.largestMemory * 1.25) / 2 ** 30) * 2 ** 30),
    pods: STUB_NODE.pods,
  };
  // The sum bound plus a tenth and one node for what packing leaves unused.
  const nodesNeeded = Math.ceil(Math.max(need.cpuMilli / node.cpuMilli, need.memoryBytes / node.memoryBytes, need.pods / node.pods) * 1.1) + 1;

  const lines: string[] = [];
  const add = (...l: string[]) => lines.push(...l);
  add(
    `# Written by \`headroom import\` from ${o.sources.join(', ')}.`,
    '# The manifests stay the source of truth: this scenario includes them and adds what Kubernetes does',
    '# not know. Replace each TODO placeholder, then check with `headroom validate <this file>`.',
    `name: ${stringify(o.name).trim()}`,
    'duration: 6h',
    ...(o.absoluteIncludes ? [ABSOLUTE_INCLUDES_NOTE] : []),
    'include:',
    ...o.includes.map((p) => `  - ${stringify(p).trim()}`),
    '',
    '# TODO clusters: one per availability zone (each its own Kubernetes cluster and cluster-autoscaler).',
    'clusters: [default]',
    '',
  );

  const autoscaler = set.clusterAutoscalers[0];
  const flagGroups = autoscaler ? readClusterAutoscalerFlags(autoscaler.flags).nodes : [];
  add(
    '# TODO nodeGroups: each cluster\'s node groups: allocatable (what pods may request), hourly price and',
    '# how long a new node takes to become Ready. The placeholders fit the largest pod and hold the',
    '# initial replicas.',
  );
  if (flagGroups.length > 0) add(`# min and max come from the cluster-autoscaler's --nodes flags (${autoscaler!.source.file}).`);
  add('nodeGroups:');
  const groups = flagGroups.length > 0 ? flagGroups.map((g) => ({ name: g.name, min: g.min, max: g.max, fromFlags: true })) : [{ name: 'general', min: 0, max: Math.max(200, nodesNeeded * 4), fromFlags: false }];
  groups.forEach((g, i) => {
    const initial = i === 0 ? Math.min(Math.max(g.min, nodesNeeded), g.max) : g.min;
    add(
      `  - name: ${stringify(g.name).trim()}`,
      `    allocatable: {cpu: ${formatCpu(node.cpuMilli)}, memory: ${formatMemory(node.memoryBytes)}, pods: ${node.pods}}`,
      '    pricePerHour: 0.384',
    );
    if (!g.fromFlags) add(`    min: ${g.min}`, `    max: ${g.max}`);
    add(`    initial: ${initial}`, '    provisioningDelay: {dist: lognormal, median: 90s, p95: 180s}');
  });
  add('');

  if (set.nodePools.length > 0) {
    add(
      `# nodePools: read from the included NodePools (${set.nodePools.map((p) => p.name).join(', ')}); the clusters run Karpenter.`,
      "# TODO karpenter: the region whose on-demand prices the NodePools' instance types take, and spot's",
      '# price as a share of on-demand (the simulator assumes 0.4).',
      'karpenter: {region: us-east-1, spot: {priceRatio: 0.4}}',
    );
  } else if (autoscaler) {
    add(`# clusterAutoscaler: read from the included Deployment ${autoscaler.name} (${autoscaler.source.file}).`);
  } else {
    add(
      '# TODO clusterAutoscaler: the flags the team runs the cluster-autoscaler with, e.g.',
      '# clusterAutoscaler:',
      '#   flags: [--expander=least-waste, --scan-interval=10s, --scale-down-unneeded-time=10m]',
    );
  }
  add('');

  if (o.values !== undefined) {
    add('overprovisioner:', `  - helmValues: ${stringify(o.values).trim()}`, '');
  } else if (set.placeholders.length === 0) {
    const pod = placeholderPod(set);
    // Commented out, so the import changes nothing by itself; the headroom is what the planner sizes.
    add(
      '# TODO overprovisioner: placeholder pods that keep room for a burst (`headroom recommend --search',
      '# overprovisioner.0.replicasPerCluster=0:200` finds how many), or --overprovisioner-values with the',
      "# cluster-overprovisioner chart's values. Uncomment and size:",
      '# overprovisioner:',
      '#   - name: headroom',
      `#     requests: {cpu: ${formatCpu(pod.requests.cpuMilli)}, memory: ${formatMemory(pod.requests.memoryBytes)}}   # ${pod.why}`,
      `#     replicasPerCluster: ${PLACEHOLDER_EXAMPLE.replicasPerCluster}`,
      '',
    );
  }

  if (set.deployments.length > 0) {
    add(
      'workloads:',
      '  # TODO traffic: placeholder generators at about half of each workload\'s initial capacity; use the',
      '  # real load: a trace ({trace: requests.csv}) or a generator with bursts and a diurnal cycle.',
    );
    for (const d of set.deployments) {
      add(`  - name: ${stringify(d.name).trim()}`);
      if (!d.annotations.serviceTime) add(`    serviceTime: ${STUB_SERVICE_TIME}   # TODO: not in the manifests (annotation headroom/service-time)`);
      add(`    traffic: {generator: {base: ${placeholderRate(d, startReplicas(d, hpaOf.get(d.name)))}}}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A placeholder the size of the largest pod an HPA scales: each one preempted makes room for one. */
function placeholderPod(set: ManifestSet): { requests: { cpuMilli: number; memoryBytes: number }; why: string } {
  const scaled = new Set(set.hpas.map((h) => h.target));
  const largest = set.deployments.filter((d) => scaled.has(d.name)).sort((a, b) => b.requests.cpuMilli - a.requests.cpuMilli)[0];
  return largest
    ? { requests: largest.requests, why: `the size of a ${largest.name} pod (the largest an HPA scales)` }
    : { requests: PLACEHOLDER_EXAMPLE, why: 'about one pod of the workload that bursts' };
}

/** Where the Deployment starts: its replicas, moved into its HPA's range as the loader does. */
function startReplicas(d: DeploymentInfo, hpa: { minReplicas?: number; maxReplicas: number } | undefined): number {
  const r = d.replicas ?? hpa?.minReplicas ?? DEPLOYMENT_REPLICAS;
  return hpa ? Math.min(Math.max(r, hpa.minReplicas ?? HPA_DEFAULTS.minReplicas), hpa.maxReplicas) : r;
}

/** About half of what the initial replicas serve: replicas × concurrency / service time. */
function placeholderRate(d: DeploymentInfo, replicas: number): number {
  const mean = meanServiceTimeSec(d.annotations.serviceTime?.value);
  const concurrency = Number(d.annotations.concurrency?.value);
  const c = Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 1;
  const rate = (STUB_LOAD * Math.max(replicas, 1) * c) / mean;
  return rate >= 10 ? Math.round(rate) : Math.round(rate * 100) / 100;
}

function meanServiceTimeSec(v: unknown): number {
  try {
    const raw = typeof v === 'object' && v !== null && 'mean' in v ? (v as { mean: unknown }).mean : v;
    const sec = raw === undefined ? parseDurationSec(STUB_SERVICE_TIME) : parseDurationSec(raw);
    return sec > 0 ? sec : parseDurationSec(STUB_SERVICE_TIME);
  } catch {
    return parseDurationSec(STUB_SERVICE_TIME);
  }
}
