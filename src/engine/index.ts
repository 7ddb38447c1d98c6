export { Engine, type Handler } from './engine.ts';
export { EventQueue } from './event-queue.ts';
export { RandomStreams, namedStream, normal, exponential, type Rng } from './random.ts';
