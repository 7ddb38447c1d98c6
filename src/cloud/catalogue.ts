/**
 * The catalogue of common machine types: vCPUs and memory as each provider lists them, and for AWS
 * the network-interface limits that set the VPC CNI's pod limit. Kept to the families node groups
 * are commonly built from; a type not here is named in an error, and a node group can always give
 * its allocatable and price itself.
 *
 * Sources (recorded 2026-01):
 * - AWS: vCPUs and memory from the EC2 instance type specifications
 *   (docs.aws.amazon.com/ec2/latest/instancetypes/gp.html, co.html, mo.html); interfaces and IPv4
 *   addresses per interface as awslabs/amazon-eks-ami lists them for nodeadm
 *   (nodeadm/internal/kubelet/instance-info.jsonl), whose max pods they reproduce
 *   (nodeadm/internal/kubelet/eni-max-pods.txt; test/cloud/catalogue.test.ts holds them to it).
 * - GCP: Compute Engine machine families (cloud.google.com/compute/docs/general-purpose-machines,
 *   compute-optimized-machines); GCP writes memory in "GB" meaning GiB (2^30 bytes).
 * - Azure: the Dsv3/Dsv4/Dsv5 and Esv3/Esv4/Esv5 size pages (learn.microsoft.com/azure/virtual-machines/sizes),
 *   memory in GiB. Sizes whose memory breaks the family's ratio (E64s and up) are left out.
 */
import type { InstanceType } from './types.ts';

/** [name, vCPUs, memory GiB, network interfaces, IPv4 addresses per interface] */
const AWS: readonly (readonly [string, number, number, number, number])[] = [
  // m5
  ['m5.large', 2, 8, 3, 10],
  ['m5.xlarge', 4, 16, 4, 15],
  ['m5.2xlarge', 8, 32, 4, 15],
  ['m5.4xlarge', 16, 64, 8, 30],
  ['m5.8xlarge', 32, 128, 8, 30],
  ['m5.12xlarge', 48, 192, 8, 30],
  ['m5.16xlarge', 64, 256, 15, 50],
  ['m5.24xlarge', 96, 384, 15, 50],
  // c5
  ['c5.large', 2, 4, 3, 10],
  ['c5.xlarge', 4, 8, 4, 15],
  ['c5.2xlarge', 8, 16, 4, 15],
  ['c5.4xlarge', 16, 32, 8, 30],
  ['c5.9xlarge', 36, 72, 8, 30],
  ['c5.12xlarge', 48, 96, 8, 30],
  ['c5.18xlarge', 72, 144, 15, 50],
  ['c5.24xlarge', 96, 192, 15, 50],
  // r5
  ['r5.large', 2, 16, 3, 10],
  ['r5.xlarge', 4, 32, 4, 15],
  ['r5.2xlarge', 8, 64, 4, 15],
  ['r5.4xlarge', 16, 128, 8, 30],
  ['r5.8xlarge', 32, 256, 8, 30],
  ['r5.12xlarge', 48, 384, 8, 30],
  ['r5.16xlarge', 64, 512, 15, 50],
  ['r5.24xlarge', 96, 768, 15, 50],
  // m6i
  ['m6i.large', 2, 8, 3, 10],
  ['m6i.xlarge', 4, 16, 4, 15],
  ['m6i.2xlarge', 8, 32, 4, 15],
  ['m6i.4xlarge', 16, 64, 8, 30],
  ['m6i.8xlarge', 32, 128, 8, 30],
  ['m6i.12xlarge', 48, 192, 8, 30],
  ['m6i.16xlarge', 64, 256, 15, 50],
  ['m6i.24xlarge', 96, 384, 15, 50],
  ['m6i.32xlarge', 128, 512, 15, 50],
  // c6i
  ['c6i.large', 2, 4, 3, 10],
  ['c6i.xlarge', 4, 8, 4, 15],
  ['c6i.2xlarge', 8, 16, 4, 15],
  ['c6i.4xlarge', 16, 32, 8, 30],
  ['c6i.8xlarge', 32, 64, 8, 30],
  ['c6i.12xlarge', 48, 96, 8, 30],
  ['c6i.16xlarge', 64, 128, 15, 50],
  ['c6i.24xlarge', 96, 192, 15, 50],
  ['c6i.32xlarge', 128, 256, 15, 50],
  // r6i
  ['r6i.large', 2, 16, 3, 10],
  ['r6i.xlarge', 4, 32, 4, 15],
  ['r6i.2xlarge', 8, 64, 4, 15],
  ['r6i.4xlarge', 16, 128, 8, 30],
  ['r6i.8xlarge', 32, 256, 8, 30],
  ['r6i.12xlarge', 48, 384, 8, 30],
  ['r6i.16xlarge', 64, 512, 15, 50],
  ['r6i.24xlarge', 96, 768, 15, 50],
  ['r6i.32xlarge', 128, 1024, 15, 50],
  // m7i
  ['m7i.large', 2, 8, 3, 10],
  ['m7i.xlarge', 4, 16, 4, 15],
  ['m7i.2xlarge', 8, 32, 4, 15],
  ['m7i.4xlarge', 16, 64, 8, 30],
  ['m7i.8xlarge', 32, 128, 8, 30],
  ['m7i.12xlarge', 48, 192, 8, 30],
  ['m7i.16xlarge', 64, 256, 15, 50],
  ['m7i.24xlarge', 96, 384, 15, 50],
  ['m7i.48xlarge', 192, 768, 15, 50],
  // t3 (burstable: the vCPUs are a baseline share plus credits; the kubelet sees them all)
  ['t3.nano', 2, 0.5, 2, 2],
  ['t3.micro', 2, 1, 2, 2],
  ['t3.small', 2, 2, 3, 4],
  ['t3.medium', 2, 4, 3, 6],
  ['t3.large', 2, 8, 3, 12],
  ['t3.xlarge', 4, 16, 4, 15],
  ['t3.2xlarge', 8, 32, 4, 15],
];

/** [name, vCPUs, memory GiB] */
const GCP: readonly (readonly [string, number, number])[] = [
  // e2-standard
  ['e2-standard-2', 2, 8], ['e2-standard-4', 4, 16], ['e2-standard-8', 8, 32], ['e2-standard-16', 16, 64], ['e2-standard-32', 32, 128],
  // e2-highmem
  ['e2-highmem-2', 2, 16], ['e2-highmem-4', 4, 32], ['e2-highmem-8', 8, 64], ['e2-highmem-16', 16, 128],
  // e2-highcpu
  ['e2-highcpu-2', 2, 2], ['e2-highcpu-4', 4, 4], ['e2-highcpu-8', 8, 8], ['e2-highcpu-16', 16, 16], ['e2-highcpu-32', 32, 32],
  // n2-standard
  ['n2-standard-2', 2, 8], ['n2-standard-4', 4, 16], ['n2-standard-8', 8, 32], ['n2-standard-16', 16, 64], ['n2-standard-32', 32, 128], ['n2-standard-48', 48, 192], ['n2-standard-64', 64, 256], ['n2-standard-80', 80, 320], ['n2-standard-96', 96, 384], ['n2-standard-128', 128, 512],
  // n2-highmem
  ['n2-highmem-2', 2, 16], ['n2-highmem-4', 4, 32], ['n2-highmem-8', 8, 64], ['n2-highmem-16', 16, 128], ['n2-highmem-32', 32, 256], ['n2-highmem-48', 48, 384], ['n2-highmem-64', 64, 512], ['n2-highmem-80', 80, 640], ['n2-highmem-96', 96, 768],
  // n2-highcpu
  ['n2-highcpu-2', 2, 2], ['n2-highcpu-4', 4, 4], ['n2-highcpu-8', 8, 8], ['n2-highcpu-16', 16, 16], ['n2-highcpu-32', 32, 32], ['n2-highcpu-48', 48, 48], ['n2-highcpu-64', 64, 64], ['n2-highcpu-80', 80, 80], ['n2-highcpu-96', 96, 96],
  // n2d-standard
  ['n2d-standard-2', 2, 8], ['n2d-standard-4', 4, 16], ['n2d-standard-8', 8, 32], ['n2d-standard-16', 16, 64], ['n2d-standard-32', 32, 128], ['n2d-standard-48', 48, 192], ['n2d-standard-64', 64, 256], ['n2d-standard-80', 80, 320], ['n2d-standard-96', 96, 384], ['n2d-standard-128', 128, 512], ['n2d-standard-224', 224, 896],
  // n2d-highmem
  ['n2d-highmem-2', 2, 16], ['n2d-highmem-4', 4, 32], ['n2d-highmem-8', 8, 64], ['n2d-highmem-16', 16, 128], ['n2d-highmem-32', 32, 256], ['n2d-highmem-48', 48, 384], ['n2d-highmem-64', 64, 512], ['n2d-highmem-80', 80, 640], ['n2d-highmem-96', 96, 768],
  // n2d-highcpu
  ['n2d-highcpu-2', 2, 2], ['n2d-highcpu-4', 4, 4], ['n2d-highcpu-8', 8, 8], ['n2d-highcpu-16', 16, 16], ['n2d-highcpu-32', 32, 32], ['n2d-highcpu-48', 48, 48], ['n2d-highcpu-64', 64, 64], ['n2d-highcpu-80', 80, 80], ['n2d-highcpu-96', 96, 96], ['n2d-highcpu-128', 128, 128], ['n2d-highcpu-224', 224, 224],
  // c2-standard
  ['c2-standard-4', 4, 16], ['c2-standard-8', 8, 32], ['c2-standard-16', 16, 64], ['c2-standard-30', 30, 120], ['c2-standard-60', 60, 240],
];

/** [name, vCPUs, memory GiB] */
const AZURE: readonly (readonly [string, number, number])[] = [
  // D*s_v3
  ['Standard_D2s_v3', 2, 8], ['Standard_D4s_v3', 4, 16], ['Standard_D8s_v3', 8, 32], ['Standard_D16s_v3', 16, 64], ['Standard_D32s_v3', 32, 128], ['Standard_D48s_v3', 48, 192], ['Standard_D64s_v3', 64, 256],
  // D*s_v4
  ['Standard_D2s_v4', 2, 8], ['Standard_D4s_v4', 4, 16], ['Standard_D8s_v4', 8, 32], ['Standard_D16s_v4', 16, 64], ['Standard_D32s_v4', 32, 128], ['Standard_D48s_v4', 48, 192], ['Standard_D64s_v4', 64, 256],
  // D*s_v5
  ['Standard_D2s_v5', 2, 8], ['Standard_D4s_v5', 4, 16], ['Standard_D8s_v5', 8, 32], ['Standard_D16s_v5', 16, 64], ['Standard_D32s_v5', 32, 128], ['Standard_D48s_v5', 48, 192], ['Standard_D64s_v5', 64, 256], ['Standard_D96s_v5', 96, 384],
  // E*s_v3
  ['Standard_E2s_v3', 2, 16], ['Standard_E4s_v3', 4, 32], ['Standard_E8s_v3', 8, 64], ['Standard_E16s_v3', 16, 128], ['Standard_E20s_v3', 20, 160], ['Standard_E32s_v3', 32, 256], ['Standard_E48s_v3', 48, 384],
  // E*s_v4
  ['Standard_E2s_v4', 2, 16], ['Standard_E4s_v4', 4, 32], ['Standard_E8s_v4', 8, 64], ['Standard_E16s_v4', 16, 128], ['Standard_E20s_v4', 20, 160], ['Standard_E32s_v4', 32, 256], ['Standard_E48s_v4', 48, 384],
  // E*s_v5
  ['Standard_E2s_v5', 2, 16], ['Standard_E4s_v5', 4, 32], ['Standard_E8s_v5', 8, 64], ['Standard_E16s_v5', 16, 128], ['Standard_E20s_v5', 20, 160], ['Standard_E32s_v5', 32, 256], ['Standard_E48s_v5', 48, 384],
];

const GIB_IN_MIB = 1024;

export const INSTANCE_TYPES: readonly InstanceType[] = [
  ...AWS.map(([name, vcpu, gib, count, ipv4PerEni]): InstanceType => ({ name, provider: 'aws', vcpu, memoryMiB: gib * GIB_IN_MIB, enis: { count, ipv4PerEni } })),
  ...GCP.map(([name, vcpu, gib]): InstanceType => ({ name, provider: 'gcp', vcpu, memoryMiB: gib * GIB_IN_MIB })),
  ...AZURE.map(([name, vcpu, gib]): InstanceType => ({ name, provider: 'azure', vcpu, memoryMiB: gib * GIB_IN_MIB })),
];

const BY_NAME = new Map(INSTANCE_TYPES.map((t) => [t.name, t]));

/** The catalogue's entry for a type name as the provider spells it (`m5.2xlarge`, `n2-standard-8`, `Standard_D8s_v5`). */
export function findInstanceType(name: string): InstanceType | undefined {
  return BY_NAME.get(name);
}

/** `m5` of `m5.2xlarge`, `n2-standard` of `n2-standard-8`, `Standard_Ds_v5` of `Standard_D8s_v5`. */
export function familyOf(name: string): string {
  return name.replace(/\.[^.]*$/, '').replace(/-\d+$/, '').replace(/^(Standard_[A-Z]+)\d+/, '$1');
}

/** Catalogue types of the same family, for "did you mean" (a type of another family is no typo). */
export function sameFamily(name: string): string[] {
  const family = familyOf(name);
  return INSTANCE_TYPES.filter((t) => familyOf(t.name) === family).map((t) => t.name);
}
