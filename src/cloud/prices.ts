/**
 * On-demand list prices per region, in USD per node-hour (Linux, no commitment). Spot and
 * committed prices are the scenario's to give: a node group's `pricePerHour` always wins.
 *
 * Sources:
 * - AWS us-east-1: the table aws/karpenter-provider-aws generates from the AWS Price List API
 *   (pkg/providers/pricing/zz_generated.pricing_aws.go, "generated at 2026-01-19T13:23:24Z for us-east-1").
 * - GCP us-central1: the per-vCPU and per-GiB hourly rates of each machine family on
 *   cloud.google.com/compute/vm-instance-pricing (a machine's price is the sum), recorded 2026-01.
 * - Azure eastus: pay-as-you-go Linux prices of azure.microsoft.com/pricing/details/virtual-machines/linux/,
 *   recorded 2026-01.
 * Prices change: a planner who needs today's figure gives pricePerHour.
 */
import type { InstanceType, Provenance } from './types.ts';

interface PriceSource {
  source: string;
  recorded: string;
}

const AWS_SOURCE: PriceSource = { source: 'AWS Price List API via aws/karpenter-provider-aws zz_generated.pricing_aws.go', recorded: '2026-01-19' };
const GCP_SOURCE: PriceSource = { source: 'Compute Engine VM instance pricing, per vCPU and GiB', recorded: '2026-01' };
const AZURE_SOURCE: PriceSource = { source: 'Azure Linux virtual machines pricing, pay-as-you-go', recorded: '2026-01' };

const AWS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'us-east-1': {
    'm5.large': 0.096, 'm5.xlarge': 0.192, 'm5.2xlarge': 0.384, 'm5.4xlarge': 0.768, 'm5.8xlarge': 1.536, 'm5.12xlarge': 2.304, 'm5.16xlarge': 3.072, 'm5.24xlarge': 4.608,
    'c5.large': 0.085, 'c5.xlarge': 0.17, 'c5.2xlarge': 0.34, 'c5.4xlarge': 0.68, 'c5.9xlarge': 1.53, 'c5.12xlarge': 2.04, 'c5.18xlarge': 3.06, 'c5.24xlarge': 4.08,
    'r5.large': 0.126, 'r5.xlarge': 0.252, 'r5.2xlarge': 0.504, 'r5.4xlarge': 1.008, 'r5.8xlarge': 2.016, 'r5.12xlarge': 3.024, 'r5.16xlarge': 4.032, 'r5.24xlarge': 6.048,
    'm6i.large': 0.096, 'm6i.xlarge': 0.192, 'm6i.2xlarge': 0.384, 'm6i.4xlarge': 0.768, 'm6i.8xlarge': 1.536, 'm6i.12xlarge': 2.304, 'm6i.16xlarge': 3.072, 'm6i.24xlarge': 4.608, 'm6i.32xlarge': 6.144,
    'c6i.large': 0.085, 'c6i.xlarge': 0.17, 'c6i.2xlarge': 0.34, 'c6i.4xlarge': 0.68, 'c6i.8xlarge': 1.36, 'c6i.12xlarge': 2.04, 'c6i.16xlarge': 2.72, 'c6i.24xlarge': 4.08, 'c6i.32xlarge': 5.44,
    'r6i.large': 0.126, 'r6i.xlarge': 0.252, 'r6i.2xlarge': 0.504, 'r6i.4xlarge': 1.008, 'r6i.8xlarge': 2.016, 'r6i.12xlarge': 3.024, 'r6i.16xlarge': 4.032, 'r6i.24xlarge': 6.048, 'r6i.32xlarge': 8.064,
    'm7i.large': 0.1008, 'm7i.xlarge': 0.2016, 'm7i.2xlarge': 0.4032, 'm7i.4xlarge': 0.8064, 'm7i.8xlarge': 1.6128, 'm7i.12xlarge': 2.4192, 'm7i.16xlarge': 3.2256, 'm7i.24xlarge': 4.8384, 'm7i.48xlarge': 9.6768,
    't3.nano': 0.0052, 't3.micro': 0.0104, 't3.small': 0.0208, 't3.medium': 0.0416, 't3.large': 0.0832, 't3.xlarge': 0.1664, 't3.2xlarge': 0.3328,
  },
};

/** Hourly rate per vCPU and per GiB of each machine series (the name's first part: `n2` of `n2-standard-8`). */
const GCP: Readonly<Record<string, Readonly<Record<string, { vcpu: number; gib: number }>>>> = {
  'us-central1': {
    e2: { vcpu: 0.021811, gib: 0.002923 },
    n2: { vcpu: 0.031611, gib: 0.004237 },
    n2d: { vcpu: 0.027502, gib: 0.003686 },
    c2: { vcpu: 0.03398, gib: 0.00455 },
  },
};

/** Dsv3/v4/v5 cost the same per vCPU in eastus, as do Esv3/v4/v5; listed per size as the price page does. */
const AZURE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  eastus: {
    ...perSize(['s_v3', 's_v4'], 'D', [2, 4, 8, 16, 32, 48, 64], 0.048),
    ...perSize(['s_v5'], 'D', [2, 4, 8, 16, 32, 48, 64, 96], 0.048),
    ...perSize(['s_v3', 's_v4', 's_v5'], 'E', [2, 4, 8, 16, 20, 32, 48], 0.063),
  },
};

function perSize(versions: readonly string[], letter: string, sizes: readonly number[], perVcpu: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of versions) for (const n of sizes) out[`Standard_${letter}${n}${v}`] = round6(n * perVcpu);
  return out;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export type PriceLookup = { pricePerHour: number; from: Provenance } | { error: string };

/** The regions the table has for a provider, for messages. */
export function pricedRegions(provider: InstanceType['provider']): string[] {
  return Object.keys(provider === 'aws' ? AWS : provider === 'gcp' ? GCP : AZURE);
}

export function onDemandPrice(type: InstanceType, region: string): PriceLookup {
  const price = lookup(type, region);
  const src = type.provider === 'aws' ? AWS_SOURCE : type.provider === 'gcp' ? GCP_SOURCE : AZURE_SOURCE;
  if (price === undefined) {
    const regions = pricedRegions(type.provider);
    const has = regions.includes(region);
    return {
      error: has
        ? `the price table has no on-demand price of ${type.name} in ${region}; give pricePerHour`
        : `the price table has no ${type.provider} region ${region} (it has ${regions.join(', ')}); give pricePerHour`,
    };
  }
  return { pricePerHour: price, from: `on-demand list price of ${type.name} in ${region}: ${src.source}, recorded ${src.recorded}` };
}

function lookup(type: InstanceType, region: string): number | undefined {
  if (type.provider === 'aws') return AWS[region]?.[type.name];
  if (type.provider === 'azure') return AZURE[region]?.[type.name];
  const rate = GCP[region]?.[type.name.split('-')[0]];
  return rate && round6(type.vcpu * rate.vcpu + (type.memoryMiB / 1024) * rate.gib);
}
