/**
 * The synthetic run folders under test/fixtures/, by name. `npx tsx test/report/make-fixtures.ts`
 * writes them; fixtures.test.ts checks the committed copies are what the generator writes.
 */
import { fileURLToPath } from 'node:url';
import type { FixtureOptions } from '../../src/report/index.ts';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A workload and a cluster named to break out of HTML, attributes, scripts and CSV. */
export const XSS_WORKLOAD = '<img src=x onerror=alert(1)>';
export const XSS_CLUSTER = 'az-"b", </script><!--';
export const XSS_SCENARIO = '<script>alert("scenario")</script> & co';

export const FIXTURES: Record<string, Partial<FixtureOptions>> = {
  /** four zones, a backend burst at 1:00, az-c down from 4:00 to 4:30; 50 placeholders a zone */
  'run-burst-outage': { stepSec: 60 },
  /** the same traffic with 10 placeholders a zone: cheaper, slower to absorb the burst */
  'run-burst-outage-lean': { stepSec: 60, placeholdersPerCluster: 10, podEvents: false },
  /** hostile names everywhere a scenario can put one */
  'run-xss': {
    name: XSS_SCENARIO,
    stepSec: 60,
    podEvents: false,
    durationSec: 2 * 3600,
    clusters: ['az-a', XSS_CLUSTER],
    outages: [{ cluster: XSS_CLUSTER, atSec: 5400, forSec: 600, detectionSec: 30, shiftOverSec: 60 }],
    workloads: [
      {
        name: XSS_WORKLOAD,
        baseRps: 2600,
        serviceMs: 45,
        concurrency: 4,
        timeoutSec: 2,
        cpuMilli: 500,
        memoryBytes: 512 * 2 ** 20,
        replicas: 25,
        minReplicas: 20,
        maxReplicas: 500,
        targetUtilization: 0.6,
        bursts: true,
      },
    ],
  },
};
