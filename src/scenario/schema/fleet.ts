/** Node groups, priority classes and the over-provisioner. */
import { z } from 'zod';
import { delaySchema } from './delay.ts';
import { LIMITS } from '../../limits.ts';
import { labelsSchema, nodeGroupPlacementShape, tolerationSchema } from './placement.ts';
import { count, cpu, duration, factor, int, memory, name, positiveInt, ratio } from '../../input/scalars.ts';

export const requestsSchema = () => z.strictObject({ cpu: cpu(), memory: memory() });

// Each key may be left to `instanceType`; normalize/node-groups.ts requires cpu, memory and the price otherwise.
const allocatableSchema = () => z.strictObject({ cpu: cpu().optional(), memory: memory().optional(), pods: positiveInt().optional() });

export const nodeGroupSchema = () =>
  z.strictObject({
    name: name(),
    /** a machine type of the catalogue (src/cloud/) that allocatable and pricePerHour are derived from where not given */
    instanceType: z.string().min(1).optional(),
    /** a mixed-instances group: the types it may launch, in priority order (the first is its template) */
    instanceTypes: z.array(z.string().min(1)).min(2).optional(),
    /** the provider's region whose on-demand price of instanceType is the default pricePerHour */
    region: z.string().min(1).optional(),
    allocatable: allocatableSchema().optional(),
    pricePerHour: factor().optional(),
    min: count().optional(),
    max: count(),
    initial: count().optional(),
    provisioningDelay: delaySchema(),
    expanderPriority: int().optional(),
    reportsLaunchErrors: z.boolean().optional(),
    capacityType: z.enum(['on-demand', 'spot']).optional(),
    /** spot: share of the nodes reclaimed per month */
    interruptionRate: ratio().optional(),
    interruptionNotice: duration().optional(),
    /** in a cluster that lists zones: the group's one zone, or the zones it spans (one group per zone) */
    zone: z.string().min(1).optional(),
    zones: z.array(z.string().min(1)).min(1).optional(),
    ...nodeGroupPlacementShape(),
  });

/** A cluster's change to a node group, matched by name: every other key optional. */
export const nodeGroupOverrideSchema = () => nodeGroupSchema().partial().extend({ name: name() });

/** The classes every Kubernetes cluster has; Deployments may name them without defining them. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2_000_000_000,
  'system-node-critical': 2_000_001_000,
};

// Kubernetes: user classes may go up to 1e9; above that is reserved for the system classes.
export const priorityClassSchema = () =>
  z
    .strictObject({
      name: name(),
      value: int().min(-2147483648).max(2_000_001_000),
      preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
      globalDefault: z.boolean().optional(),
      description: z.string().optional(),
    })
    .superRefine((c, ctx) => {
      if (c.value > 1_000_000_000 && SYSTEM_PRIORITY_CLASSES[c.name] !== c.value) {
        ctx.addIssue({ code: 'custom', path: ['value'], input: c.value, message: `must be at most 1000000000 (higher values are reserved for ${Object.keys(SYSTEM_PRIORITY_CLASSES).join(' and ')})` });
      }
    });

/** cluster-proportional-autoscaler's linear mode parameters. */
export const proportionalSchema = () =>
  z.strictObject({
    coresPerReplica: z.number().min(0).max(LIMITS.count).optional(),
    nodesPerReplica: z.number().min(0).max(LIMITS.count).optional(),
    min: count().optional(),
    max: count().optional(),
    preventSinglePointFailure: z.boolean().optional(),
    includeUnschedulableNodes: z.boolean().optional(),
    pollPeriod: duration().optional(),
  });

export const overprovisionerSchema = () =>
  z.strictObject({
    name: name(),
    requests: requestsSchema(),
    replicasPerCluster: count().optional(),
    proportional: proportionalSchema().optional(),
    priorityClass: name().optional(),
    terminationGracePeriod: duration().optional(),
  });

/**
 * The over-provisioner as the deliveryhero cluster-overprovisioner chart's values file: the loader
 * expands it (scenario/include/) into one entry per chart deployment before validation.
 */
export const helmOverprovisionerSchema = () =>
  z.strictObject({
    helmValues: z.string().min(1),
    /** the Helm release name, which the chart's deployment names start with */
    releaseName: name().optional(),
  });

export const overprovisionerEntrySchema = () => z.union([overprovisionerSchema(), helmOverprovisionerSchema()]);

/** policy/v1 IntOrString: a count or a whole percentage such as "50%". */
export const intOrPercent = () =>
  z.union([count(), z.string().regex(/^\d+%$/, { error: (iss) => `expected a count or a whole percentage such as "50%", got ${JSON.stringify(iss.input)}` })]);

/** A policy/v1 PodDisruptionBudget, its selector written as labels. */
export const podDisruptionBudgetSchema = () =>
  z.strictObject({
    name: name(),
    matchLabels: z.record(z.string(), z.string()),
    minAvailable: intOrPercent().optional(),
    maxUnavailable: intOrPercent().optional(),
  });

/**
 * A CapacityBuffer: room for `replicas` pods of a template (or a percentage of a workload's
 * replicas) that the cluster-autoscaler keeps free without running placeholder pods.
 */
export const bufferSchema = () =>
  z.strictObject({
    name: name(),
    podTemplate: z
      .strictObject({
        requests: requestsSchema(),
        priorityClass: name().optional(),
        labels: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    /** a workload whose pods the buffer stands for (the CapacityBuffer's scalableRef) */
    percentOf: name().optional(),
    percent: count().optional(),
    replicas: count().optional(),
    limits: z.strictObject({ cpu: cpu().optional(), memory: memory().optional() }).optional(),
  });

/** A cluster's change to an over-provisioner, matched by position: every key optional. */
export const overprovisionerOverrideSchema = () =>
  overprovisionerSchema().partial().extend({ requests: requestsSchema().partial().optional() });

/** A DaemonSet: one pod per node its nodeSelector and tolerations allow. */
export const daemonSetSchema = () =>
  z.strictObject({
    name: name(),
    requests: requestsSchema(),
    nodeSelector: labelsSchema().optional(),
    tolerations: z.array(tolerationSchema()).optional(),
  });
