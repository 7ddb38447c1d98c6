/** Machine types, the providers' node reservations and on-demand prices: data and pure functions. */
export type { InstanceType, Provider, Provenance } from './types.ts';
export { INSTANCE_TYPES, familyOf, findInstanceType, sameFamily } from './catalogue.ts';
export { eniMaxPods, nodeShape, type NodeShape } from './allocatable.ts';
export { onDemandPrice, pricedRegions, type PriceLookup } from './prices.ts';
export { aksKubeReservedCpuMilli, aksReservation, eksReservation, gkeReservation, kubeReservedCpuMilliByBands, reservedFromBands } from './reservations.ts';
