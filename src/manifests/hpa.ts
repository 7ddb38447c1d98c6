/**
 * autoscaling/v2 HorizontalPodAutoscaler -> min/max, the cpu Utilization target and `behavior` in
 * full. The simulated HPA scales on cpu utilization (load over capacity); other metrics are named
 * in a warning. Which Deployment it scales is checked once every Deployment is known (index.ts).
 */
import type { KeyPath } from '../input/document.ts';
import type { ManifestProblems } from './problems.ts';
import type { KubeObject } from './read.ts';
import { hpaSchema, type RawHpa } from './schema.ts';
import type { HpaInfo, ScalingRulesInfo } from './types.ts';

export function readHpa(obj: KubeObject, problems: ManifestProblems): HpaInfo | undefined {
  const h = problems.check(obj, hpaSchema());
  if (!h) return undefined;
  const ref = h.spec.scaleTargetRef;
  if (ref.kind !== 'Deployment' || (ref.apiVersion !== undefined && ref.apiVersion !== 'apps/v1')) {
    const what = ref.apiVersion ? `${ref.apiVersion} ${ref.kind}` : ref.kind;
    problems.warn(obj.source, ['spec', 'scaleTargetRef'], `scales a ${what}; headroom simulates apps/v1 Deployments only, so this HPA is skipped`);
    return undefined;
  }
  const minReplicas = h.spec.minReplicas;
  if (minReplicas !== undefined && h.spec.maxReplicas < minReplicas) {
    problems.error(obj.source, ['spec', 'maxReplicas'], `maxReplicas (${h.spec.maxReplicas}) must be at least minReplicas (${minReplicas})`);
    return undefined;
  }
  const info: HpaInfo = { name: h.metadata.name, source: obj.source, target: ref.name, maxReplicas: h.spec.maxReplicas };
  if (minReplicas !== undefined) info.minReplicas = minReplicas;
  readTarget(obj, h, info, problems);
  const behavior = h.spec.behavior;
  if (behavior) {
    info.behavior = {};
    if (behavior.scaleUp) info.behavior.scaleUp = rules(behavior.scaleUp);
    if (behavior.scaleDown) info.behavior.scaleDown = rules(behavior.scaleDown);
    const up = behavior.scaleUp?.tolerance;
    const down = behavior.scaleDown?.tolerance;
    if (up !== undefined && down !== undefined && String(up) !== String(down)) {
      problems.warn(obj.source, ['spec', 'behavior', 'scaleDown', 'tolerance'], `the simulated HPA has one tolerance for both directions; it uses scaleUp's (${up})`);
    }
    if (up !== undefined || down !== undefined) info.tolerance = up ?? down;
  }
  return info;
}

function rules(r: NonNullable<NonNullable<RawHpa['spec']['behavior']>['scaleUp']>): ScalingRulesInfo {
  const out: ScalingRulesInfo = {};
  if (r.stabilizationWindowSeconds !== undefined) out.stabilizationWindowSec = r.stabilizationWindowSeconds;
  if (r.selectPolicy !== undefined) out.selectPolicy = r.selectPolicy;
  if (r.policies !== undefined) out.policies = r.policies.map((p) => ({ type: p.type, value: p.value, periodSec: p.periodSeconds }));
  return out;
}

/**
 * The cpu Utilization target. With no metrics at all, autoscaling/v2 defaults to 80% cpu, as the
 * scenario's default does; metrics the simulation cannot follow are named, not silently dropped.
 */
function readTarget(obj: KubeObject, h: RawHpa, info: HpaInfo, problems: ManifestProblems): void {
  const metrics = h.spec.metrics ?? [];
  const ignored: { path: KeyPath; what: string }[] = [];
  metrics.forEach((m, i) => {
    const path: KeyPath = ['spec', 'metrics', i];
    const isCpu = m.type === 'Resource' && m.resource?.name === 'cpu';
    if (isCpu && m.resource?.target.type === 'Utilization' && m.resource.target.averageUtilization !== undefined) {
      if (info.targetCPUUtilization === undefined) {
        info.targetCPUUtilization = m.resource.target.averageUtilization;
        info.targetPath = [...path, 'resource', 'target', 'averageUtilization'];
      }
      return;
    }
    const what = m.type === 'Resource' ? `${m.resource?.name ?? '?'} ${m.resource?.target.type ?? ''}`.trim() : m.type;
    ignored.push({ path, what });
  });
  if (ignored.length > 0) {
    const fallback = info.targetCPUUtilization === undefined ? '; with no cpu Utilization target it scales on cpu at the default 80%' : '';
    problems.warn(
      obj.source,
      ignored[0].path,
      `metrics not simulated: ${ignored.map((x) => x.what).join(', ')} (the simulated HPA follows cpu utilization only)${fallback}`,
    );
  }
}
