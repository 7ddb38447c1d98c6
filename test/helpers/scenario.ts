/** Small scenarios for tests, written as YAML like a user would. */
import { parseScenario } from '../../src/scenario/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';

export function scenarioFromYaml(yaml: string, sets: string[] = []): Scenario {
  return parseScenario(yaml, 'test.yaml', { sets, checkFiles: false });
}

/** One cluster, one node group, one workload on a fixed rate; override pieces with --set paths. */
export function smallFleet(opts: {
  duration?: string;
  rate?: number;
  replicas?: number;
  hpa?: string;
  placeholders?: number;
  nodes?: number;
  bursts?: string;
  extra?: string;
  clusters?: string;
  delay?: string;
} = {}): string {
  return `
name: small
seed: 7
duration: ${opts.duration ?? '30m'}
step: 10s
clusters: ${opts.clusters ?? '[az-a]'}
nodeGroups:
  - name: general
    allocatable: {cpu: 4, memory: 16Gi, pods: 30}
    pricePerHour: 0.2
    min: 1
    max: 50
    initial: ${opts.nodes ?? 3}
    provisioningDelay: ${opts.delay ?? '{fixed: 120s}'}
priorityClasses:
  - {name: overprovisioning, value: -1, preemptionPolicy: Never}
  - {name: default, value: 0, globalDefault: true}
workloads:
  - name: web
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    concurrency: 4
    timeout: 2s
    startupDelay: {fixed: 20s}
    replicas: ${opts.replicas ?? 4}
    ${opts.hpa ?? ''}
    traffic: {generator: {base: ${opts.rate ?? 100}${opts.bursts ? `, bursts: ${opts.bursts}` : ''}}}
overprovisioner:
  - name: headroom
    requests: {cpu: 500m, memory: 512Mi}
    replicasPerCluster: ${opts.placeholders ?? 0}
    priorityClass: overprovisioning
${opts.extra ?? ''}
`;
}
