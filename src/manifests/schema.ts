/**
 * The fields of the Kubernetes kinds headroom reads, as zod schemas. They are lenient where the API
 * is (any other field is allowed and ignored) and strict where a value changes the simulation:
 * quantities must be Kubernetes quantities, counts whole numbers, enums one of the API's values.
 */
import { z } from 'zod';
import { cpu, memory } from '../input/scalars.ts';

const labels = () => z.record(z.string(), z.string());
/** Annotation values are strings in the API; a bare YAML number or boolean is read as its text. */
const annotations = () => z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));

const metadata = () =>
  z.object({
    name: z.string().min(1, { error: 'metadata.name is required' }),
    labels: labels().optional(),
    annotations: annotations().optional(),
  });

/** Only cpu and memory are simulated; other resources (ephemeral-storage, GPUs) pass unread. */
const resourceList = () => z.object({ cpu: cpu().optional(), memory: memory().optional() });

export const resourceRequirements = () =>
  z.object({ requests: resourceList().nullish(), limits: resourceList().nullish() });

export const containerSchema = () =>
  z.object({
    name: z.string().optional(),
    image: z.string().optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    resources: resourceRequirements().nullish(),
    /** `Always` on an init container makes it a sidecar (restartable init container) */
    restartPolicy: z.string().optional(),
  });

export const podSpecSchema = () =>
  z.object({
    containers: z.array(containerSchema()).min(1),
    initContainers: z.array(containerSchema()).nullish(),
    priorityClassName: z.string().optional(),
    terminationGracePeriodSeconds: z.number().int().min(0).optional(),
    /** RuntimeClass overhead, added to the pod's requests */
    overhead: resourceList().nullish(),
    /** pod-level resources (PodLevelResources): when set, they are the pod's requests */
    resources: resourceRequirements().nullish(),
    nodeSelector: z.unknown().optional(),
    tolerations: z.unknown().optional(),
    affinity: z.unknown().optional(),
    topologySpreadConstraints: z.unknown().optional(),
  });

/** An IntOrString of the apps/v1 API: a count or a whole percentage such as "25%". */
const intOrString = () => z.union([z.number().int().min(0), z.string().regex(/^\d+%$/, { error: (iss) => `expected a count or a whole percentage such as "25%", got ${JSON.stringify(iss.input)}` })]);

/** A workload's pod template: the labels and annotations it stamps on its pods, and the pod spec. */
const podTemplateSchema = () =>
  z.object({
    metadata: z.object({ labels: labels().optional(), annotations: annotations().optional() }).optional(),
    spec: podSpecSchema(),
  });

export const deploymentSchema = () =>
  z.object({
    metadata: metadata(),
    spec: z.object({
      replicas: z.number().int().min(0).optional(),
      strategy: z
        .object({
          type: z.enum(['RollingUpdate', 'Recreate']).optional(),
          rollingUpdate: z.object({ maxSurge: intOrString().optional(), maxUnavailable: intOrString().optional() }).nullish(),
        })
        .optional(),
      minReadySeconds: z.number().int().min(0).optional(),
      progressDeadlineSeconds: z.number().int().min(1).optional(),
      template: podTemplateSchema(),
    }),
  });

/** The DaemonSet fields read: its pod template (no replicas: one pod per node). */
export const daemonSetManifestSchema = () => z.object({ metadata: metadata(), spec: z.object({ template: podTemplateSchema() }) });

const scalingRulesSchema = () =>
  z.object({
    stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
    selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
    policies: z
      .array(
        z.object({
          type: z.enum(['Pods', 'Percent']),
          value: z.number().int().min(1),
          periodSeconds: z.number().int().min(1).max(1800),
        }),
      )
      .optional(),
    /** HPAConfigurableTolerance (alpha): a fraction such as 0.05 */
    tolerance: z.union([z.string(), z.number()]).optional(),
  });

const metricSchema = () =>
  z.object({
    type: z.string(),
    resource: z
      .object({
        name: z.string(),
        target: z.object({ type: z.string(), averageUtilization: z.number().int().min(1).optional() }),
      })
      .optional(),
  });

export const hpaSchema = () =>
  z.object({
    metadata: metadata(),
    spec: z.object({
      scaleTargetRef: z.object({ apiVersion: z.string().optional(), kind: z.string(), name: z.string().min(1) }),
      minReplicas: z.number().int().min(1).optional(),
      maxReplicas: z.number().int().min(1),
      metrics: z.array(metricSchema()).optional(),
      behavior: z.object({ scaleUp: scalingRulesSchema().optional(), scaleDown: scalingRulesSchema().optional() }).optional(),
    }),
  });

export const priorityClassSchema = () =>
  z.object({
    metadata: metadata(),
    value: z.number().int().min(-2147483648).max(1_000_000_000),
    globalDefault: z.boolean().optional(),
    preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
    description: z.string().optional(),
  });

/** IntOrString: a count, or a whole percentage such as "50%". */
export const intOrPercent = () =>
  z.union([z.number().int().min(0), z.string().regex(/^\d+%$/, { error: (iss) => `expected a count or a whole percentage such as "50%", got "${String(iss.input)}"` })]);

export const pdbSchema = () =>
  z.object({
    metadata: metadata(),
    spec: z.object({
      minAvailable: intOrPercent().optional(),
      maxUnavailable: intOrPercent().optional(),
      selector: z
        .object({
          matchLabels: labels().optional(),
          matchExpressions: z.array(z.unknown()).optional(),
        })
        .optional(),
    }),
  });

export type RawDeployment = z.output<ReturnType<typeof deploymentSchema>>;
export type RawPodSpec = z.output<ReturnType<typeof podSpecSchema>>;
export type RawContainer = z.output<ReturnType<typeof containerSchema>>;
export type RawHpa = z.output<ReturnType<typeof hpaSchema>>;
export type RawPriorityClass = z.output<ReturnType<typeof priorityClassSchema>>;
export type RawPdb = z.output<ReturnType<typeof pdbSchema>>;
