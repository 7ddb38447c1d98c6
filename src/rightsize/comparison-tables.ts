/**
 * The comparison as tables of text cells, one model for rightsize.md and rightsize.html: the runs
 * side by side (cost, nodes, bin-packing, latency, errors, throttling, OOM kills, evictions),
 * each workload's requests per run, and each HPA's target and replicas per run.
 */
import { formatCpu } from '../quantity.ts';
import type { RightsizeRow, ScenarioRightsize } from './scenario-rightsize.ts';

export interface Table {
  head: string[];
  rows: { cells: string[]; kind?: 'recommended' | 'miss' }[];
  note: string;
}

const MIB = 2 ** 20;
export const cpuCell = (m: number | null | undefined) => (m === null || m === undefined ? '-' : formatCpu(m));
export const memCell = (b: number | null | undefined) => (b === null || b === undefined ? '-' : b >= 2 ** 30 && b % 2 ** 30 === 0 ? `${b / 2 ** 30}Gi` : `${Math.ceil(b / MIB)}Mi`);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '-');

/** Every run in the order shown (of `policies`, all of them by default): today first. */
export function runsOf(r: ScenarioRightsize, policies = r.policies): { label: string; row: RightsizeRow; recommended: boolean }[] {
  return [{ label: 'today', row: r.baseline, recommended: false }, ...policies.map((p) => ({ label: p.name, row: p as RightsizeRow, recommended: p.name === r.recommended }))];
}

export function verdictOf(row: RightsizeRow, recommended: boolean): string {
  if (recommended) return 'recommended';
  return row.misses.length === 0 ? 'meets' : `misses ${row.misses.join(', ')}`;
}

export function outcomeTable(r: ScenarioRightsize): Table {
  const base = r.baseline.figures.cost;
  const cur = r.baseline.figures.currency;
  return {
    head: ['requests', `cost (${cur})`, 'vs today', 'nodes mean', 'nodes peak', 'cpu requested', 'memory requested', 'cpu used', 'memory used', 'p99', 'errors', 'throttled', 'cpu-starved', 'OOM kills', 'evictions', 'verdict'],
    rows: runsOf(r).map(({ label, row, recommended }) => {
      const f = row.figures;
      return {
        cells: [
          label,
          f.cost.toFixed(2),
          label === 'today' ? '' : `${f.cost >= base ? '+' : ''}${(((f.cost - base) / (base || 1)) * 100).toFixed(1)}%`,
          f.meanNodes.toFixed(1),
          String(f.peakNodes),
          pct(f.binPacking.cpuRequestedShare),
          pct(f.binPacking.memoryRequestedShare),
          pct(f.binPacking.cpuUsedShare),
          pct(f.binPacking.memoryUsedShare),
          ms(f.p99Ms),
          `${(f.errorRate * 100).toFixed(3)}%`,
          pct(f.throttledShare),
          pct(f.cpuSharedShare),
          String(f.oomKills),
          String(f.evictions),
          verdictOf(row, recommended),
        ],
        kind: recommended ? 'recommended' : row.misses.length > 0 ? 'miss' : undefined,
      };
    }),
    note:
      `Each run: the same traffic and seed (${r.scenario.seed}), ${r.scenario.durationSec / 3600} h. Bin-packing is the time-weighted share of Ready nodes' allocatable that pods request, and that they use. ` +
      "Throttled: the share of Ready pod time held at a cpu limit; cpu-starved: the share on a node whose pods wanted more cpu than it has (shared by requests). " +
      `SLO: p99 ≤ ${r.scenario.slo.latencyP99Sec * 1000} ms and errors ≤ ${pct(r.scenario.slo.errorRate)} over the run, and no OOM kill.`,
  };
}

/** A burst-room run has its policy's requests and limits: the tables of those show each policy once. */
const ownRequests = (r: ScenarioRightsize) => r.policies.filter((p) => p.targets !== 'burst-room');
const burstRoomNote = (r: ScenarioRightsize) =>
  r.policies.some((p) => p.targets === 'burst-room') ? ' A -burst-room run has its policy\'s requests and limits; only its HPA targets differ.' : '';

export function requestsTable(r: ScenarioRightsize): Table {
  const runs = runsOf(r, ownRequests(r));
  return {
    head: ['workload', ...runs.flatMap((x) => [`${x.label} cpu`, `${x.label} memory`])],
    rows: r.scenario.workloads.map((w) => ({
      cells: [w.name, ...runs.flatMap((x) => [cpuCell(x.row.applied.requests[w.name]?.cpuMilli), memCell(x.row.applied.requests[w.name]?.memoryBytes)])],
    })),
    note:
      'Requests per pod. A policy that has too little data for a resource (krr needs 100 samples) keeps today\'s request. ' +
      (r.policies.some((p) => p.applied.placeholders.length > 0)
        ? `Placeholders follow the workload they stand for: ${r.policies[0].applied.placeholders.map((p) => `${p.name} = ${p.pods} pod${p.pods === 1 ? '' : 's'} of ${p.workload}`).join(', ')}.`
        : '') +
      burstRoomNote(r),
  };
}

/** Limits per workload per policy; null when the scenario format has no limits. */
export function limitsTable(r: ScenarioRightsize): Table | null {
  const own = ownRequests(r);
  if (own.every((p) => Object.keys(p.applied.limits).length === 0)) return null;
  return {
    head: ['workload', ...own.flatMap((p) => [`${p.name} cpu`, `${p.name} memory`])],
    rows: r.scenario.workloads.map((w) => ({ cells: [w.name, ...own.flatMap((p) => [cpuCell(p.applied.limits[w.name]?.cpuMilli), memCell(p.applied.limits[w.name]?.memoryBytes)])] })),
    note: 'Limits per pod; a dash: no limit.',
  };
}

export function hpaTable(r: ScenarioRightsize): Table | null {
  const scaled = r.scenario.workloads.filter((w) => w.hpa);
  if (scaled.length === 0) return null;
  const runs = runsOf(r);
  return {
    head: ['workload', ...runs.flatMap((x) => [`${x.label} target`, `${x.label} replicas mean / peak`])],
    rows: scaled.map((w) => ({
      cells: [
        w.name,
        ...runs.flatMap((x) => {
          const t = x.row.applied.hpaTargets[w.name];
          const rep = x.row.figures.hpaReplicas[w.name];
          const target = t ? `${t.percent}%${t.keepsReplicas !== t.percent ? ` (keeps today's: ${t.keepsReplicas}%)` : ''}` : '-';
          return [target, rep ? `${rep.mean.toFixed(0)} / ${rep.peak}` : '-'];
        }),
      ],
    })),
    note:
      "An HPA's utilization is usage ÷ request, so its workload requests usage ÷ target in all whatever the request: a smaller request saves only if the target rises with it. " +
      `The target that keeps today's replica counts is today's × old request ÷ new request${r.keepTargets ? '; the runs kept today\'s targets (--keep-targets)' : ', and the runs use it'}. ` +
      (r.policies.some((p) => p.targets === 'burst-room')
        ? "A -burst-room run's target keeps today's room for bursts too: today's × old request ÷ the larger of the new request and the most cpu a pod used, so a burst's peak still fits in the request. "
        : '') +
      "Replicas: the fleet's desired replicas over the run.",
  };
}
