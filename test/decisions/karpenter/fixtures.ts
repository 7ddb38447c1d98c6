/** Offerings and pools for Karpenter's decision tests. */
import type { Offering } from '../../../src/decisions/karpenter/offering.ts';
import type { ProvisioningPool, ProvisioningSnapshot } from '../../../src/decisions/karpenter/provisioning.ts';
import { GiB } from '../autoscaler/fixtures.ts';

/** An offering of `cpu` cores and 4 GiB per core, labelled as Karpenter labels its nodes. */
export function offering(group: number, cores: number, pricePerHour: number, capacityType: 'on-demand' | 'spot' = 'on-demand'): Offering {
  return {
    group,
    capacityType,
    pricePerHour,
    template: {
      allocCpuMilli: cores * 1000,
      allocMemoryBytes: cores * 4 * GiB,
      allocPods: 110,
      name: `template-${group}`,
      labels: { 'karpenter.sh/capacity-type': capacityType, 'node.kubernetes.io/instance-type': `m5.${cores}` },
    },
  };
}

export function pool(name: string, offerings: number[], remaining = { cpuMilli: Infinity, memoryBytes: Infinity }): ProvisioningPool {
  return { name, remaining, offerings };
}

export function snapshot(over: Partial<ProvisioningSnapshot>): ProvisioningSnapshot {
  return { pods: [], nodes: [], launching: [], pools: [], offerings: [], unavailable: new Set(), ...over };
}
