/**
 * What a container's limits may not be. The API server refuses a request above its limit
 * (ValidateResourceRequirements, pkg/apis/core/validation/validation.go); this model also refuses a
 * cpu limit at or under the container's idle cpu, whose CFS quota would leave nothing for serving.
 * A scenario's workloads and `decide usage`'s pods are checked by this one rule.
 */
import { formatCpu, formatMemory } from '../../quantity.ts';
import type { ResourceLimits } from './model.ts';

export interface LimitViolation {
  /** the limit at fault: limits.cpu or limits.memory */
  resource: 'cpu' | 'memory';
  message: string;
}

/** Every violation of the limits against the requests and (when known) the idle cpu; none: []. */
export function limitViolations(requests: { cpuMilli: number; memoryBytes: number }, limits: ResourceLimits, idleCpuMilli?: number): LimitViolation[] {
  const out: LimitViolation[] = [];
  const cpu = limits.cpuMilli;
  if (cpu !== undefined) {
    if (requests.cpuMilli > cpu) out.push({ resource: 'cpu', message: `limits.cpu (${formatCpu(cpu)}) must be at least requests.cpu (${formatCpu(requests.cpuMilli)})` });
    else if (idleCpuMilli !== undefined && idleCpuMilli >= cpu) {
      out.push({ resource: 'cpu', message: `limits.cpu (${formatCpu(cpu)}) must be above usage.idleCpu (${formatCpu(idleCpuMilli)}), or the pod serves nothing` });
    }
  }
  const memory = limits.memoryBytes;
  if (memory !== undefined && requests.memoryBytes > memory) {
    out.push({ resource: 'memory', message: `limits.memory (${formatMemory(memory)}) must be at least requests.memory (${formatMemory(requests.memoryBytes)})` });
  }
  return out;
}
