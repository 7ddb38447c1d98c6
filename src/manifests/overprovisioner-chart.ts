/**
 * The deliveryhero `cluster-overprovisioner` chart read from a values file, as `helm install -f
 * values.yaml` would render it: the values are merged over the chart's defaults (maps key by key,
 * lists replaced, a null removing a default), then
 *
 * - each `deployments[]` entry is a Deployment `<fullname>-<name>` of `replicaCount` pause pods
 *   requesting `resources.requests` (a limit stands in for a missing request, as in the API), in
 *   the class `priorityClassOverprovision.name`, with `terminationGracePeriodSeconds`;
 * - `priorityClassOverprovision` is a PriorityClass ({name: overprovisioning, value: -1} by default);
 * - `priorityClassDefault`, when enabled (the chart's default), is a globalDefault PriorityClass
 *   ({name: default, value: 0});
 * - a deployment's non-empty `pdb` is a PodDisruptionBudget over its pods.
 *
 * `<fullname>` follows the chart's helper: fullnameOverride, else the release name when it contains
 * the chart name (or nameOverride), else `<release>-<name>`, cut to 63 characters.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { DEPLOYMENT_REPLICAS } from '../decisions/defaults.ts';
import { HeadroomError } from '../errors.ts';
import { documentErrors, locator, reservedKeyErrors, YAML_OPTIONS, type KeyPath } from '../input/document.ts';
import { MAX_DOCUMENT_BYTES, readTextFile } from '../input/files.ts';
import { fromZodIssues } from '../input/zod-issues.ts';
import { podRequests } from './pod-requests.ts';
import { intOrPercent } from './policy.ts';
import type { ManifestProblems } from './problems.ts';
import { isObject } from './read.ts';
import { intOrPercent as intOrPercentSchema, resourceRequirements } from './schema.ts';
import { objectSource, type ObjectSource } from './source.ts';
import type { PdbInfo, PlaceholderInfo, PriorityClassInfo } from './types.ts';

export const CHART_NAME = 'cluster-overprovisioner';

/** The chart's own values.yaml, as far as the simulation reads it. */
export const CHART_DEFAULTS = {
  priorityClassOverprovision: { name: 'overprovisioning', value: -1 },
  priorityClassDefault: { enabled: true, name: 'default', value: 0 },
  terminationGracePeriodSeconds: 0,
  nameOverride: '',
  fullnameOverride: '',
  deployments: [
    {
      name: 'default',
      replicaCount: 3,
      resources: { limits: { cpu: '1000m', memory: '1000Mi' }, requests: { cpu: '1000m', memory: '1000Mi' } },
      pdb: {},
    },
  ],
};

const valuesSchema = () =>
  z.object({
    priorityClassOverprovision: z.object({ name: z.string().min(1), value: z.number().int() }),
    priorityClassDefault: z.object({ enabled: z.boolean(), name: z.string().min(1), value: z.number().int() }),
    terminationGracePeriodSeconds: z.number().int().min(0),
    nameOverride: z.string().nullish(),
    fullnameOverride: z.string().nullish(),
    deployments: z.array(
      z.object({
        name: z.string().min(1),
        // a missing replicaCount renders `replicas:` empty, which the API defaults to 1
        replicaCount: z.number().int().min(0).nullish(),
        resources: resourceRequirements().nullish(),
        pdb: z.object({ minAvailable: intOrPercentSchema().optional(), maxUnavailable: intOrPercentSchema().optional() }).nullish(),
      }),
    ),
  });

export interface ChartRelease {
  placeholders: PlaceholderInfo[];
  priorityClasses: PriorityClassInfo[];
  pdbs: PdbInfo[];
}

const EMPTY: ChartRelease = { placeholders: [], priorityClasses: [], pdbs: [] };

export function readOverprovisionerValues(path: string, display: string, releaseName: string, problems: ManifestProblems, maxBytes = MAX_DOCUMENT_BYTES): ChartRelease {
  let text: string;
  try {
    text = readTextFile(path, display, { maxBytes, what: 'the Helm values' });
  } catch (e) {
    if (!(e instanceof HeadroomError)) throw e;
    problems.errors.push(e);
    return EMPTY;
  }
  return parseOverprovisionerValues(text, display, releaseName, problems);
}

export function parseOverprovisionerValues(text: string, display: string, releaseName: string, problems: ManifestProblems): ChartRelease {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
  const errors = documentErrors(doc, lineCounter);
  if (errors.length > 0) {
    for (const e of errors) problems.errors.push(new HeadroomError('manifest', e.message, { file: display, line: e.line, column: e.column }));
    return EMPTY;
  }
  let user: unknown;
  try {
    user = doc.toJS({ maxAliasCount: 1000 }) ?? {};
  } catch (e) {
    // what parsing lets through: an alias to an anchor not set yet, alias bombs
    problems.errors.push(new HeadroomError('manifest', `YAML: ${(e as Error).message.split('\n')[0]}`, { file: display }));
    return EMPTY;
  }
  const locate = locator(doc, lineCounter);
  const reserved = reservedKeyErrors(user, { file: display, locate, code: 'manifest' });
  if (reserved.length > 0) {
    problems.errors.push(...reserved);
    return EMPTY;
  }
  const source = objectSource({ file: display, document: 0, kind: '', name: '', locate });
  if (!isObject(user)) {
    problems.error(source, [], 'a Helm values file is a map of keys (deployments, priorityClassOverprovision, ...)');
    return EMPTY;
  }
  if (user.deployment !== undefined && user.deployments === undefined) {
    problems.warn(source, ['deployment'], 'the single `deployment:` key is an older layout of the chart; this reads `deployments:` (a list), so the chart default deployment is used');
  }
  const parsed = valuesSchema().safeParse(coalesce(CHART_DEFAULTS, user), { reportInput: true });
  if (!parsed.success) {
    for (const issue of fromZodIssues(parsed.error.issues)) problems.error(source, issue.path, issue.message);
    return EMPTY;
  }
  const v = parsed.data;
  const fullname = chartFullname(releaseName, v.nameOverride ?? '', v.fullnameOverride ?? '');
  const overprovision: PriorityClassInfo = {
    name: v.priorityClassOverprovision.name,
    source,
    value: v.priorityClassOverprovision.value,
    globalDefault: false,
    paths: { name: ['priorityClassOverprovision', 'name'], value: ['priorityClassOverprovision', 'value'] },
  };
  const release: ChartRelease = { placeholders: [], priorityClasses: [overprovision], pdbs: [] };
  if (v.priorityClassDefault.enabled) {
    release.priorityClasses.push({
      name: v.priorityClassDefault.name,
      source,
      value: v.priorityClassDefault.value,
      globalDefault: true,
      paths: { name: ['priorityClassDefault', 'name'], value: ['priorityClassDefault', 'value'] },
    });
  }
  const userGaveDeployments = Array.isArray(user.deployments);
  v.deployments.forEach((d, i) => {
    // Paths into the user's file; the chart's default deployment has none, so point at the top.
    const at = (sub: KeyPath): KeyPath => (userGaveDeployments ? ['deployments', i, ...sub] : []);
    const name = `${fullname}-${d.name}`;
    release.placeholders.push({
      name,
      source,
      replicas: d.replicaCount ?? DEPLOYMENT_REPLICAS,
      requests: podRequests({ containers: [{ resources: d.resources }] }),
      priorityClassName: overprovision.name,
      terminationGracePeriodSec: v.terminationGracePeriodSeconds,
      paths: {
        name: at(['name']),
        replicas: at(['replicaCount']),
        requests: at(['resources']),
        priorityClass: ['priorityClassOverprovision', 'name'],
        terminationGracePeriod: ['terminationGracePeriodSeconds'],
      },
    });
    const pdb = d.pdb ?? {};
    if (pdb.minAvailable === undefined && pdb.maxUnavailable === undefined) return;
    if (pdb.minAvailable !== undefined && pdb.maxUnavailable !== undefined) {
      problems.error(source, at(['pdb']), 'minAvailable and maxUnavailable cannot both be set');
      return;
    }
    const info: PdbInfo = {
      name,
      source,
      // The simulation's placeholder pods carry {app: <deployment name>}.
      matchLabels: { app: name },
      paths: { name: at(['name']), matchLabels: at(['pdb']), minAvailable: at(['pdb', 'minAvailable']), maxUnavailable: at(['pdb', 'maxUnavailable']) },
    };
    if (pdb.minAvailable !== undefined) info.minAvailable = intOrPercent(pdb.minAvailable);
    if (pdb.maxUnavailable !== undefined) info.maxUnavailable = intOrPercent(pdb.maxUnavailable);
    release.pdbs.push(info);
  });
  return release;
}

/** The chart's `cluster-overprovisioner.fullname` helper. */
export function chartFullname(releaseName: string, nameOverride: string, fullnameOverride: string): string {
  const cut = (s: string) => s.slice(0, 63).replace(/-+$/, '');
  if (fullnameOverride) return cut(fullnameOverride);
  const name = nameOverride || CHART_NAME;
  return cut(releaseName.includes(name) ? releaseName : `${releaseName}-${name}`);
}

/** Helm's merge of user values over chart defaults: maps key by key, anything else replaced, null deletes. */
export function coalesce(defaults: unknown, user: unknown): unknown {
  if (!isObject(defaults) || !isObject(user)) return user === undefined ? defaults : user;
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(user)) {
    if (v === null) delete out[k];
    else out[k] = coalesce(defaults[k], v);
  }
  return out;
}

export type { ObjectSource };
