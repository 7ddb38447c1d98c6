/**
 * The scenario format as zod schemas: the one description of which keys exist and what they hold.
 * Validation, `--set` path checking and the list of settable paths are all derived from it.
 */
import { z } from 'zod';
import { clusterAutoscalerSchema, schedulerSchema } from './controllers.ts';
import {
  bufferSchema,
  daemonSetSchema,
  nodeGroupOverrideSchema,
  nodeGroupSchema,
  overprovisionerEntrySchema,
  overprovisionerOverrideSchema,
  overprovisionerSchema,
  podDisruptionBudgetSchema,
  priorityClassSchema,
} from './fleet.ts';
import { faultsSchema } from './faults.ts';
import { changeSchema } from './changes.ts';
import { autoscalerSchema, karpenterSchema, nodePoolSchema } from './karpenter.ts';
import { routingSchema } from './routing.ts';
import { count, duration, int, name, ratio } from '../../input/scalars.ts';
import { workloadSchema } from './workload.ts';

/** What one cluster may change: merged over the fleet-wide settings. */
export const overridesSchema = z.strictObject({
  scheduler: schedulerSchema().optional(),
  clusterAutoscaler: clusterAutoscalerSchema().optional(),
  autoscaler: autoscalerSchema().optional(),
  /** merged by position with the fleet's list */
  overprovisioner: z.array(overprovisionerOverrideSchema()).optional(),
  /** merged by name; a new name adds a group to this cluster only */
  nodeGroups: z.array(nodeGroupOverrideSchema()).optional(),
  /** replicas at start in this cluster, by workload name */
  workloads: z.array(z.strictObject({ name: name(), replicas: count() })).optional(),
});

export const clusterSchema = z.union([name(), z.strictObject({ name: name(), zones: z.array(z.string().min(1)).min(1).optional(), overrides: overridesSchema.optional() })]);

export const scenarioSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Kubernetes manifests (files or folders), relative to the scenario file */
  include: z.array(z.string().min(1)).optional(),
  seed: int().optional(),
  duration: duration().optional(),
  step: duration().optional(),
  clusters: z.array(clusterSchema).min(1).optional(),
  /** a fleet written as a cluster per zone, run as written or as one cluster over those zones (normalize/layout.ts) */
  layout: z.enum(['cluster-per-zone', 'one-cluster']).optional(),
  nodeGroups: z.array(nodeGroupSchema()).min(1),
  priorityClasses: z.array(priorityClassSchema()).optional(),
  workloads: z.array(workloadSchema()).optional(),
  overprovisioner: z.array(overprovisionerEntrySchema()).optional(),
  buffers: z.array(bufferSchema()).optional(),
  podDisruptionBudgets: z.array(podDisruptionBudgetSchema()).optional(),
  daemonSets: z.array(daemonSetSchema()).optional(),
  scheduler: schedulerSchema().optional(),
  clusterAutoscaler: clusterAutoscalerSchema().optional(),
  /** which autoscaler every cluster runs (a cluster's overrides may choose the other) */
  autoscaler: autoscalerSchema().optional(),
  karpenter: karpenterSchema().optional(),
  nodePools: z.array(nodePoolSchema()).optional(),
  routing: routingSchema().optional(),
  faults: faultsSchema().optional(),
  changes: z.array(changeSchema()).optional(),
  serving: z.strictObject({ model: z.enum(['fluid', 'requests']).optional() }).optional(),
  slo: z.strictObject({ latencyP99: duration().optional(), errorRate: ratio().optional() }).optional(),
  currency: z.string().min(1).optional(),
});

export type RawScenario = z.output<typeof scenarioSchema>;
export type RawNodeGroup = z.output<ReturnType<typeof nodeGroupSchema>>;
export type RawWorkload = z.output<ReturnType<typeof workloadSchema>>;
export type RawOverprovisioner = z.output<ReturnType<typeof overprovisionerSchema>>;
export type RawOverprovisionerEntry = z.output<ReturnType<typeof overprovisionerEntrySchema>>;
export type RawBuffer = z.output<ReturnType<typeof bufferSchema>>;
export type RawDaemonSet = z.output<ReturnType<typeof daemonSetSchema>>;
export type RawPodDisruptionBudget = z.output<ReturnType<typeof podDisruptionBudgetSchema>>;
export type RawOverrides = z.output<typeof overridesSchema>;
export type RawNodePool = z.output<ReturnType<typeof nodePoolSchema>>;
export type RawKarpenter = z.output<ReturnType<typeof karpenterSchema>>;
export type RawCluster = z.output<typeof clusterSchema>;
export type RawChange = z.output<ReturnType<typeof changeSchema>>;
