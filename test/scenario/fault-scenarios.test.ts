/** What the comments of scenarios/spot-reclaim.yaml and scenarios/zone-shortage.yaml say to expect. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run.ts';
import { loadScenario } from '../../src/scenario/index.ts';

async function summary(file: string, sets: string[] = []) {
  return (await runScenario(loadScenario(file, { sets }), { summaryOnly: true })).summary;
}

describe('scenarios/spot-reclaim.yaml', () => {
  it('a reclaim wave during a burst fails more requests without placeholders than with them', async () => {
    const noWave = ['faults.reclaims.0.share=0'];
    const noHeadroom = ['overprovisioner.0.replicasPerCluster=0'];
    const withHeadroom = await summary('scenarios/spot-reclaim.yaml');
    const without = await summary('scenarios/spot-reclaim.yaml', noHeadroom);
    expect(withHeadroom.faults.spotInterruptions).toBeGreaterThan(0);
    expect(without.requests.failed).toBeGreaterThan(withHeadroom.requests.failed);
    // and the wave itself costs requests, with headroom and without (2.5% vs 0.9%, 5.2% vs 2.7%)
    expect(withHeadroom.requests.failed).toBeGreaterThan((await summary('scenarios/spot-reclaim.yaml', noWave)).requests.failed);
    expect(without.requests.failed).toBeGreaterThan((await summary('scenarios/spot-reclaim.yaml', [...noWave, ...noHeadroom])).requests.failed);
    expect(withHeadroom.requests.errorRate).toBeCloseTo(0.025, 3);
  }, 60_000);
});

describe('scenarios/zone-shortage.yaml', () => {
  it('the zone short of m5 fails far more than the others until it backs off and falls through', async () => {
    const s = await summary('scenarios/zone-shortage.yaml');
    expect(s.faults.backoffs).toBe(1);
    expect(s.faults.failedLaunches).toBeGreaterThan(0);
    const failed = (c: string) => s.perCluster[c].requests.failed;
    expect(failed('az-b')).toBeGreaterThan(5 * failed('az-a'));
    expect(failed('az-b')).toBeGreaterThan(5 * failed('az-c'));
    // reported at once, the fall-through comes 15 minutes sooner
    const reported = await summary('scenarios/zone-shortage.yaml', ['nodeGroups.0.reportsLaunchErrors=true']);
    expect(reported.perCluster['az-b'].requests.failed).toBeLessThan(failed('az-b') / 5);
  }, 60_000);
});
