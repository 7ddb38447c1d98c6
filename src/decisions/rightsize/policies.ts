/**
 * The named policies a planner compares, each a pure function from one container's usage history
 * to requests and limits:
 * - `vpa`: requests = the VPA target (limits left as they are; the VPA scales an existing limit
 *   in proportion, which the usage alone cannot say);
 * - `goldilocks-guaranteed`: request = limit = the VPA target; `goldilocks-burstable`: request =
 *   the lower bound, limit = the upper bound (FairwindsOps/goldilocks,
 *   pkg/dashboard/templates/container.gohtml, the two QoS sections);
 * - `krr`: KRR's simple strategy (krr.ts).
 * minAllowed/maxAllowed cap every policy's requests and limits.
 */
import { aggregateContainers, AGGREGATION_DEFAULTS, type AggregationOptions, type ContainerHistory } from '../vpa/aggregate.ts';
import { capResources, recommendContainer, RECOMMENDER_DEFAULTS, type RecommenderOptions, type Resources, type VpaRecommendation } from '../vpa/recommender.ts';
import { krrSimple, KRR_DEFAULTS, type KrrOptions } from './krr.ts';

export const POLICY_NAMES = ['vpa', 'goldilocks-guaranteed', 'goldilocks-burstable', 'krr'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/** A resource a policy does not set is null: no limit, or (krr) too little data. */
export interface PolicyResources {
  requests: { cpuMilli: number | null; memoryBytes: number | null };
  limits: { cpuMilli: number | null; memoryBytes: number | null };
}

export interface PolicyOptions {
  aggregation: AggregationOptions;
  recommender: RecommenderOptions;
  krr: KrrOptions;
}

export const POLICY_DEFAULTS: Readonly<PolicyOptions> = Object.freeze({
  aggregation: AGGREGATION_DEFAULTS,
  recommender: RECOMMENDER_DEFAULTS,
  krr: KRR_DEFAULTS,
});

export interface ContainerPolicies {
  vpa: VpaRecommendation;
  policies: Record<PolicyName, PolicyResources>;
}

const req = (r: Resources) => ({ cpuMilli: r.cpuMilli, memoryBytes: r.memoryBytes });
const NO_LIMITS = { cpuMilli: null, memoryBytes: null };

/** Every policy on one container name's histories (all its pods). */
export function recommendPolicies(histories: readonly ContainerHistory[], options: PolicyOptions = POLICY_DEFAULTS): ContainerPolicies {
  const vpa = recommendContainer(aggregateContainers(histories, options.aggregation), options.recommender);
  const krr = krrSimple(
    histories.map((h) => ({ cpuCores: h.cpuCores, memoryBytes: h.memoryBytes })),
    options.krr,
  );
  const { minAllowed, maxAllowed } = options.recommender;
  const capNullable = (r: { cpuMilli: number | null; memoryBytes: number | null }) => {
    const c = capResources({ cpuMilli: r.cpuMilli ?? 0, memoryBytes: r.memoryBytes ?? 0 }, minAllowed, maxAllowed);
    return { cpuMilli: r.cpuMilli === null ? null : c.cpuMilli, memoryBytes: r.memoryBytes === null ? null : c.memoryBytes };
  };
  return {
    vpa,
    policies: {
      vpa: { requests: req(vpa.target), limits: NO_LIMITS },
      'goldilocks-guaranteed': { requests: req(vpa.target), limits: req(vpa.target) },
      'goldilocks-burstable': { requests: req(vpa.lowerBound), limits: req(vpa.upperBound) },
      krr: { requests: capNullable(krr.requests), limits: { cpuMilli: null, memoryBytes: capNullable(krr.limits).memoryBytes } },
    },
  };
}
