/**
 * Every committed scenario's outputs, held byte for byte: summary.json, both time series,
 * events.jsonl, annotations.json and report.html are hashed and compared with digests.json.
 * A change that is meant to move an output regenerates the digests with
 * `UPDATE_GOLDEN=1 npx vitest run test/golden` and says why in its commit; a feature left unused
 * must leave every digest as it is.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/headroom.mjs');
const DIGESTS = join(ROOT, 'test/golden/digests.json');
const FILES = ['summary.json', 'timeseries.csv', 'timeseries-workloads.csv', 'events.jsonl', 'annotations.json', 'report.html'];

/** name -> headroom run arguments (scenario and --set flags) */
export const GOLDEN_RUNS: Record<string, string[]> = {
  default: ['scenarios/default.yaml'],
  'default-no-headroom': ['scenarios/default.yaml', '--set', 'overprovisioner.0.replicasPerCluster=0'],
  'zone-outage': ['scenarios/zone-outage.yaml'],
  'canary-cluster': ['scenarios/canary-cluster.yaml'],
  // its traces live beside the checkout, outside the scenario's folder: the reach is given on the command line
  'worldcup98-replay': ['scenarios/worldcup98-replay.yaml', '--allow-read', '../shared/traces'],
  'busy-day': ['bench/busy-day.yaml'],
  'spot-reclaim': ['scenarios/spot-reclaim.yaml'],
  'zone-shortage': ['scenarios/zone-shortage.yaml'],
  'layout-one-cluster': ['scenarios/layout-one-cluster.yaml'],
  'rollout-at-peak': ['scenarios/rollout-at-peak.yaml'],
  'rollout-at-peak-no-headroom': ['scenarios/rollout-at-peak.yaml', '--set', 'overprovisioner.0.replicasPerCluster=0'],
  karpenter: ['scenarios/karpenter.yaml'],
  'karpenter-cluster-autoscaler': ['scenarios/karpenter.yaml', '--set', 'autoscaler=cluster-autoscaler'],
  'karpenter-spot-reclaim': ['scenarios/karpenter-spot-reclaim.yaml'],
  'worldcup98-requests-40m': ['scenarios/worldcup98-replay.yaml', '--allow-read', '../shared/traces', '--set', 'serving.model=requests', '--set', 'duration=40m'],
};

const dir = mkdtempSync(join(tmpdir(), 'headroom-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function digestsOf(name: string, args: string[]): Promise<Record<string, string>> {
  const out = join(dir, name);
  await run(process.execPath, [BIN, 'run', ...args, '--events', '--quiet', '--out', out], { cwd: ROOT, maxBuffer: 1 << 26 });
  const d: Record<string, string> = {};
  for (const f of FILES) {
    const p = join(out, f);
    d[f] = existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16) : 'missing';
  }
  return d;
}

describe('committed scenarios keep their outputs byte for byte', () => {
  it('matches test/golden/digests.json', { timeout: 600_000 }, async () => {
    const entries = Object.entries(GOLDEN_RUNS);
    const got: Record<string, Record<string, string>> = {};
    // two at a time: the machine has two cores
    for (let i = 0; i < entries.length; i += 2) {
      const batch = entries.slice(i, i + 2);
      const ds = await Promise.all(batch.map(([n, a]) => digestsOf(n, a)));
      batch.forEach(([n], j) => (got[n] = ds[j]));
    }
    if (process.env.UPDATE_GOLDEN) writeFileSync(DIGESTS, `${JSON.stringify(got, null, 2)}\n`);
    const want = JSON.parse(readFileSync(DIGESTS, 'utf8'));
    expect(got).toEqual(want);
  });
});
