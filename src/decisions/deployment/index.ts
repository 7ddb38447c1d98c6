/** The Deployment controller's decisions: fenceposts, rolling steps, proportional scaling, progress. */
export * from './types.ts';
export * from './fenceposts.ts';
export * from './rolling.ts';
export * from './proportional.ts';
export * from './sync.ts';
export * from './progress.ts';
