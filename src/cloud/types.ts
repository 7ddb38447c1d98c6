/** The clouds whose managed node groups headroom reads, and what it knows of their machines. */
export type Provider = 'aws' | 'gcp' | 'azure';

/** One machine type as its provider sells it: the node's capacity before any reservation. */
export interface InstanceType {
  name: string;
  provider: Provider;
  vcpu: number;
  memoryMiB: number;
  /** AWS: network interfaces and IPv4 addresses per interface, which bound the VPC CNI's pods */
  enis?: { count: number; ipv4PerEni: number };
}

/** Where a derived figure came from, in words a planner can check against the source. */
export type Provenance = string;
