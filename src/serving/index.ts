/**
 * Serving: latency and errors from arrival rate, ready pods and service time. One queue per
 * workload per cluster, fluid (closed forms and a deterministic backlog) or request by request.
 */
export { FluidQueue } from './fluid.ts';
export { RequestQueue, type RequestQueueOptions, type RequestQueueTotals } from './requests.ts';
export { newServingStepResult, type Rng, type ServingQueue, type ServingStepResult } from './types.ts';
export { lognormalSigma } from './service-time.ts';
