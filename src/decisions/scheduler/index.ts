/** The scheduler's decisions, for the simulation and `headroom decide schedule`. */
export * from './framework.ts';
export { filter, filterUsage, fits, fitsRequests, resolvable, SUCCESS } from './plugins/noderesources/fit.ts';
export { score } from './plugins/noderesources/resource-allocation.ts';
export { leastRequestedScore } from './plugins/noderesources/least-allocated.ts';
export { mostRequestedScore } from './plugins/noderesources/most-allocated.ts';
export { selectHost } from './select-host.ts';
export { fitErrorMessage, preemptionFailureMessage, reasonHistogram } from './fit-error.ts';
export * from './preemption.ts';
export { podRequests, type ContainerRequests, type PodRequests } from './requests.ts';
