/** Simulated seconds per wall second on the default scenario, and a busy day of four clusters. */
import { join } from 'node:path';
import { loadScenario } from '../src/scenario/index.ts';
import { runScenario } from '../src/run.ts';

async function speed(file: string, sets: string[] = []): Promise<{ speedup: number; wallSec: number; events: number }> {
  const scenario = loadScenario(file, { sets });
  await runScenario(scenario, { summaryOnly: true }); // warm-up
  let best = Infinity;
  let events = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await runScenario(scenario, {});
    best = Math.min(best, (performance.now() - t0) / 1000);
    events = r.summary.engine.events;
  }
  return { speedup: Math.round(scenario.durationSec / best), wallSec: Math.round(best * 1000) / 1000, events };
}

export async function benchScenarios(benchDir: string): Promise<Record<string, number>> {
  const root = join(benchDir, '..');
  const def = await speed(join(root, 'scenarios/default.yaml'));
  const day = await speed(join(benchDir, 'busy-day.yaml'));
  // the same day under Karpenter: its time beside the cluster-autoscaler's (the bound is 2x)
  const karpenterDay = await speed(join(benchDir, 'busy-day-karpenter.yaml'));
  // the same day under kube-scheduler's full default profile with a DaemonSet (the bound is 1.5x)
  const kubeDefaultDay = await speed(join(benchDir, 'busy-day-kube-default.yaml'));
  return {
    defaultScenarioSpeedup: def.speedup,
    defaultScenarioWallSec: def.wallSec,
    defaultScenarioEvents: def.events,
    busyDayWallSec: day.wallSec,
    busyDaySpeedup: day.speedup,
    busyDayEvents: day.events,
    busyDayKarpenterWallSec: karpenterDay.wallSec,
    busyDayKarpenterToClusterAutoscaler: Math.round((karpenterDay.wallSec / day.wallSec) * 100) / 100,
    busyDayKubeDefaultWallSec: kubeDefaultDay.wallSec,
    busyDayKubeDefaultToPlain: Math.round((kubeDefaultDay.wallSec / day.wallSec) * 100) / 100,
  };
}
