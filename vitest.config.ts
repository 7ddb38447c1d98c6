import { defineConfig } from 'vitest/config';

/**
 * Test files share their worker's module graph (isolate: false): the suite is some two hundred
 * files over the same sources, and loading those sources afresh for every file cost more cpu than
 * the tests themselves. Files that replace a module (vi.mock) run in a fresh graph of their own.
 */
const OWN_MODULE_GRAPH = ['test/sweep/runs-log-sync.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: OWN_MODULE_GRAPH, isolate: false } },
      { extends: true, test: { name: 'isolated', include: OWN_MODULE_GRAPH } },
    ],
  },
});
