/**
 * `headroom decide deployment`: one sync of the Deployment controller, the same decisions/deployment
 * functions a run's rollouts call.
 *
 * Input (JSON):
 *   { replicas, strategy?: RollingUpdate|Recreate, maxSurge?: 3|"25%", maxUnavailable?: 0|"25%",
 *     replicaSets: [{ name, replicas, available?, pods?, desiredReplicas?, maxReplicas? }],
 *     newReplicaSet }
 * replicaSets are oldest first; `available` defaults to `replicas`, `pods` (those still there,
 * terminating ones included: Recreate waits for them) to `replicas`; desiredReplicas and
 * maxReplicas are the deployment.kubernetes.io annotations of the last scaling (a desiredReplicas
 * other than `replicas` makes the sync a proportional scaling). newReplicaSet names the one of the
 * Deployment's template.
 * Output: { maxSurge, maxUnavailable, scalings: [{ replicaSet, from, to, message }] }
 */
import { DEPLOYMENT_DEFAULTS } from '../decisions/defaults.ts';
import { bothZero, maxSurge, maxUnavailable } from '../decisions/deployment/fenceposts.ts';
import { syncDeployment } from '../decisions/deployment/sync.ts';
import type { DeploymentSnapshot, IntOrPercent, ReplicaSetSnapshot } from '../decisions/deployment/types.ts';
import { describe, expectKeys, expectList, expectName, expectObject, inputError, join, wholeNumber } from './pods.ts';

export interface DeploymentDecision {
  maxSurge: number;
  maxUnavailable: number;
  scalings: { replicaSet: string; from: number; to: number; message: string }[];
}

const INPUT_KEYS = ['replicas', 'strategy', 'maxSurge', 'maxUnavailable', 'replicaSets', 'newReplicaSet'];
const RS_KEYS = ['name', 'replicas', 'available', 'pods', 'desiredReplicas', 'maxReplicas'];

export function decideDeployment(raw: unknown): DeploymentDecision {
  const o = expectObject(raw, '', 'an object with replicas, replicaSets and newReplicaSet');
  expectKeys(o, INPUT_KEYS, '');
  const replicas = wholeNumber(o.replicas, 'replicas');
  const type = o.strategy ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== 'Recreate') throw inputError('strategy', `must be RollingUpdate or Recreate, got ${describe(type)}`);
  const surge = intOrPercent(o.maxSurge, 'maxSurge', DEPLOYMENT_DEFAULTS.maxSurgePercent);
  const unavailable = intOrPercent(o.maxUnavailable, 'maxUnavailable', DEPLOYMENT_DEFAULTS.maxUnavailablePercent);
  if (type === 'RollingUpdate' && bothZero(surge, unavailable)) throw inputError('maxUnavailable', 'may not be 0 when maxSurge is 0');
  const d: DeploymentSnapshot = { replicas, strategy: type === 'Recreate' ? { type } : { type, maxSurge: surge, maxUnavailable: unavailable } };
  const pods: number[] = [];
  const sets: ReplicaSetSnapshot[] = expectList(o.replicaSets, 'replicaSets').map((r, i) => {
    const path = join('replicaSets', i);
    const x = expectObject(r, path, 'a ReplicaSet');
    expectKeys(x, RS_KEYS, path);
    const n = wholeNumber(x.replicas, join(path, 'replicas'));
    const rs: ReplicaSetSnapshot = { name: expectName(x.name, join(path, 'name')), replicas: n, available: x.available === undefined ? n : wholeNumber(x.available, join(path, 'available')), created: i };
    if (x.desiredReplicas !== undefined) rs.desiredAnnotation = wholeNumber(x.desiredReplicas, join(path, 'desiredReplicas'));
    if (x.maxReplicas !== undefined) rs.maxAnnotation = wholeNumber(x.maxReplicas, join(path, 'maxReplicas'), 1);
    pods.push(x.pods === undefined ? n : wholeNumber(x.pods, join(path, 'pods')));
    return rs;
  });
  const newName = expectName(o.newReplicaSet, 'newReplicaSet');
  const newIndex = sets.findIndex((s) => s.name === newName);
  if (newIndex < 0) throw inputError('newReplicaSet', `no ReplicaSet named "${newName}" in replicaSets`);
  const scalings = syncDeployment({ deployment: d, replicaSets: sets, newIndex, pods }).filter((s) => s.from !== s.to);
  return {
    maxSurge: maxSurge(d),
    maxUnavailable: maxUnavailable(d),
    scalings: scalings.map((s) => ({
      replicaSet: sets[s.index].name,
      from: s.from,
      to: s.to,
      message: `Scaled ${s.operation} replica set ${sets[s.index].name} from ${s.from} to ${s.to}`,
    })),
  };
}

function intOrPercent(raw: unknown, path: string, fallbackPercent: number): IntOrPercent {
  if (raw === undefined) return { kind: 'percent', value: fallbackPercent };
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) return { kind: 'count', value: raw };
  if (typeof raw === 'string' && /^\d+%$/.test(raw)) return { kind: 'percent', value: Number(raw.slice(0, -1)) };
  throw inputError(path, `expected a count or a whole percentage such as "25%", got ${describe(raw)}`);
}
