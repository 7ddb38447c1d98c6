/**
 * traffic/: what arrives (traces and generators, as per-step mean rates) and where it goes
 * (routing shares per cluster, outages).
 */
export { loadRates, type RateGrid } from './load.ts';
export { loadTraffic, type TrafficTables } from './tables.ts';
export { generatorRates, type GeneratorGrid } from './generator.ts';
export { loadTraceRates, type TraceSpec, type StepGrid } from './trace/replay.ts';
export { routeShares, routingWeights } from './routing/shares.ts';
export { splitRates } from './routing/split.ts';
export { outageWindows, inOutage, type OutageWindow } from './routing/outages.ts';
export { routingEvents, type RoutingEvent, type RoutingEventReason } from './routing/events.ts';
export { RotationLevels } from './routing/levels.ts';
