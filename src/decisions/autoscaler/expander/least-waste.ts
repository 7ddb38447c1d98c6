/**
 * `least-waste`: the option that leaves the smallest share of its new nodes' cpu and memory
 * unrequested. Score = (cpu offered − cpu requested) / cpu offered + the same for memory, over
 * nodeCount template nodes; the lowest wins and exact ties fall through. The autoscaler divides
 * by the node's capacity; the template here only knows allocatable, so that is what is offered.
 */
import { keepLowest, requestedResources, type ExpanderFilter, type Option } from './types.ts';

export const LEAST_WASTE = 'least-waste';

export function wasteScore(option: Option): number {
  const requested = requestedResources(option.pods);
  const cpuOffered = option.template.allocCpuMilli * option.nodeCount;
  const memoryOffered = option.template.allocMemoryBytes * option.nodeCount;
  const wastedCpu = cpuOffered > 0 ? (cpuOffered - requested.cpuMilli) / cpuOffered : 0;
  const wastedMemory = memoryOffered > 0 ? (memoryOffered - requested.memoryBytes) / memoryOffered : 0;
  return wastedCpu + wastedMemory;
}

export const leastWaste = {
  name: LEAST_WASTE,
  bestOptions: (options: readonly Option[]) => keepLowest(options, wasteScore),
} satisfies ExpanderFilter;
