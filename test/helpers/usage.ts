/** A one-node fleet for the usage model's tests, and the usage figures of its run collected in-process. */
import { simulate } from '../../src/sim/simulation.ts';
import type { RunObserver, StepObservation } from '../../src/sim/observer.ts';
import { LatencySketch } from '../../src/maths/latency-sketch.ts';
import { scenarioFromYaml } from './scenario.ts';

/** One node, workload `api` (500m / 512Mi, 4 × 50 ms) on a fixed rate; `workload` adds lines to it, `extra` whole workloads. */
export function fleet(workload: string, opts: { rate?: number; replicas?: number; nodes?: string; duration?: string; extra?: string; seed?: number } = {}): string {
  return `
name: usage
seed: ${opts.seed ?? 3}
duration: ${opts.duration ?? '5m'}
step: 10s
clusters: [az-a]
nodeGroups:
  - {name: big, allocatable: ${opts.nodes ?? '{cpu: 64, memory: 256Gi, pods: 250}'}, pricePerHour: 1, min: 1, max: 1, initial: 1, provisioningDelay: {fixed: 60s}}
workloads:
  - name: api
    requests: {cpu: 500m, memory: 512Mi}
    serviceTime: 50ms
    concurrency: 4
    timeout: 1h
    replicas: ${opts.replicas ?? 10}
    traffic: {generator: {base: ${opts.rate ?? 400}}}
${workload}
${opts.extra ?? ''}
clusterAutoscaler: {scaleDownEnabled: false}
`;
}

export interface Collected {
  steps: { cpuMean: number; cpuMax: number; memMean: number; memMax: number; ready: number; capacityRps: number; throttled: number; shared: number; oom: number; restarts: number; evictions: number; usedCpu: number; usedMemory: number }[];
}

/** Runs `yaml` in-process and keeps workload 0's usage figures of every step. */
export async function collect(yaml: string, recordsUsage = true, wi = 0): Promise<Collected> {
  const scenario = scenarioFromYaml(yaml);
  const steps: Collected['steps'] = [];
  const observer: RunObserver = {
    recordsSeries: false,
    recordsUsage,
    latencySketch: () => new LatencySketch(),
    step(obs: StepObservation) {
      const u = obs.usage;
      if (!u) return;
      steps.push({
        cpuMean: u.workloads.cpuMilliMean[wi],
        cpuMax: u.workloads.cpuMilliMax[wi],
        memMean: u.workloads.memoryBytesMean[wi],
        memMax: u.workloads.memoryBytesMax[wi],
        ready: obs.workloads.readyPods[wi],
        capacityRps: obs.workloads.capacityRps[wi],
        throttled: u.workloads.throttledPods[wi],
        shared: u.workloads.cpuSharedPods[wi],
        oom: u.workloads.oomKills[wi],
        restarts: u.workloads.restarts[wi],
        evictions: u.workloads.evictions[wi],
        usedCpu: u.clusters.usedCpuMilli[0],
        usedMemory: u.clusters.usedMemoryBytes[0],
      });
    },
    end() {},
  };
  await simulate(scenario, observer);
  return { steps };
}

