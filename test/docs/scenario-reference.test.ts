/**
 * docs/scenario.md against the code: every path of the format is documented, nothing documented
 * is missing from the format, the defaults its tables state are the ones the loader fills in, and
 * its examples load.
 *
 * The doc's convention, which this test reads:
 * - key tables have a header row starting `| Key |`; each row's first cell holds one or more keys
 *   in backticks, relative to the prefix in the section heading (`## Routing: \`routing\``, the
 *   backticked token after a colon at the heading's end; no token means the top level);
 * - `[]` marks a list and `<name>` a free map key: both stand for `*` in listScenarioPaths();
 * - a row whose meaning says "Same keys as `X`" documents every key under it by X's rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDurationSec, parseRatio } from '../../src/quantity.ts';
import {
  CLUSTER_AUTOSCALER_DEFAULTS,
  HPA_DEFAULTS,
  HPA_SCALE_DOWN,
  HPA_SCALE_UP,
  NODE_GROUP_DEFAULTS,
  OVERPROVISIONER_DEFAULTS,
  ROUTING_DEFAULTS,
  SCENARIO_DEFAULTS,
  SCHEDULER_DEFAULTS,
  TRAFFIC_DEFAULTS,
  UNLIMITED,
  WORKLOAD_DEFAULTS,
  listScenarioPaths,
  loadScenario,
  parseScenario,
  parseSet,
} from '../../src/scenario/index.ts';
import { parse as parseYaml } from 'yaml';
import { NODE_GROUP_BACKOFF } from '../../src/decisions/defaults.ts';
import { defaultBehavior, emptyHpaState } from '../../src/decisions/hpa/behavior.ts';
import { reconcileHpa } from '../../src/decisions/hpa/controller.ts';

const docUrl = new URL('../../docs/scenario.md', import.meta.url);
const doc = readFileSync(docUrl, 'utf8');
const manifestsDoc = readFileSync(new URL('../../docs/manifests.md', import.meta.url), 'utf8');
const defaultScenario = new URL('../../scenarios/default.yaml', import.meta.url).pathname;

interface Row {
  /** full paths in listScenarioPaths() form */
  paths: string[];
  cells: Record<string, string>;
  line: number;
}

const backticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const toPath = (key: string) => key.replace(/\[\]/g, '.*').replace(/<[^>]+>/g, '*');
const cellsOf = (line: string) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());

function parseDoc(text: string): { rows: Row[]; mirrors: [from: string, to: string][] } {
  const rows: Row[] = [];
  const mirrors: [string, string][] = [];
  let prefix = '';
  let header: string[] | undefined;
  let inFence = false;
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) return;
    if (/^#{1,6} /.test(line)) {
      const m = /:\s*`([^`]+)`\s*$/.exec(line);
      prefix = m ? toPath(m[1]) : '';
      header = undefined;
      return;
    }
    if (!line.startsWith('|')) {
      header = undefined;
      return;
    }
    const cells = cellsOf(line);
    if (cells[0] === 'Key') {
      header = cells;
      return;
    }
    if (!header || /^-+$/.test(cells[0])) return;
    const named: Record<string, string> = {};
    header.forEach((h, k) => (named[h] = cells[k] ?? ''));
    const paths = backticked(cells[0]).map((k) => (prefix ? `${prefix}.${toPath(k)}` : toPath(k)));
    rows.push({ paths, cells: named, line: i + 1 });
    const same = /[Ss]ame keys as `([^`]+)`/.exec(named.Meaning ?? '');
    if (same) for (const p of paths) mirrors.push([p, toPath(same[1])]);
  });
  return { rows, mirrors };
}

const { rows, mirrors } = parseDoc(doc);
const documented = new Set(rows.flatMap((r) => r.paths));

/** Documented directly, or through a "Same keys as" row above it (depth-limited against cycles). */
function isDocumented(path: string, depth = 0): boolean {
  if (documented.has(path)) return true;
  if (depth > 4) return false;
  return mirrors.some(([from, to]) => path.startsWith(`${from}.`) && isDocumented(to + path.slice(from.length), depth + 1));
}

function rowFor(path: string): Row {
  const row = rows.find((r) => r.paths.includes(path));
  if (!row) throw new Error(`docs/scenario.md has no row for ${path}`);
  return row;
}

/** The first backticked value of a row's Default cell. */
function defaultOf(path: string): string {
  const cell = rowFor(path).cells.Default;
  const value = backticked(cell)[0];
  if (value === undefined) throw new Error(`the default of ${path} is not a backticked value: ${cell}`);
  return value;
}

describe('docs/scenario.md: every key of the format', () => {
  const paths = listScenarioPaths();

  it('reads key tables from the doc', () => {
    // a guard on the parser itself: a broken convention would make the next test vacuous
    expect(rows.length).toBeGreaterThan(100);
    expect(mirrors.length).toBeGreaterThanOrEqual(5);
  });

  it('documents every path listScenarioPaths() gives', () => {
    const missing = paths.filter((p) => !isDocumented(p));
    expect(missing, `undocumented scenario keys (add a row to docs/scenario.md): ${missing.join(', ')}`).toEqual([]);
  });

  it('documents nothing the format does not have', () => {
    // a documented key is a settable path, or a map/list above some (`workloads.*.hpa`)
    const stale = [...documented].filter((d) => !paths.some((p) => p === d || p.startsWith(`${d}.`)));
    expect(stale, `documented keys that are not in the scenario format: ${stale.join(', ')}`).toEqual([]);
    for (const [from, to] of mirrors) expect(paths.some((p) => p.startsWith(`${to}.`)), `${from} mirrors ${to}`).toBe(true);
  });

  it('gives each row a form, a unit, a default and a meaning', () => {
    for (const r of rows) {
      for (const col of ['Form', 'Unit', 'Default', 'Meaning']) {
        expect(r.cells[col], `line ${r.line} (${r.paths.join(', ')}): ${col}`).not.toBe('');
      }
      expect(r.paths.length, `line ${r.line}: no key in backticks`).toBeGreaterThan(0);
    }
  });
});

type Read = 'duration' | 'ratio' | 'number' | 'text' | 'boolean' | 'yaml';
const read: Record<Read, (v: string) => unknown> = {
  duration: (v) => parseDurationSec(v),
  ratio: (v) => parseRatio(v),
  number: (v) => Number(v),
  text: (v) => v,
  boolean: (v) => v === 'true' ? true : v === 'false' ? false : v,
  yaml: (v) => parseYaml(v),
};

const CA = CLUSTER_AUTOSCALER_DEFAULTS;
// [documented path, the default the code fills in, how to read the doc's value]
const DEFAULTS: [string, unknown, Read][] = [
  ['seed', SCENARIO_DEFAULTS.seed, 'number'],
  ['duration', SCENARIO_DEFAULTS.durationSec, 'duration'],
  ['step', SCENARIO_DEFAULTS.stepSec, 'duration'],
  ['currency', SCENARIO_DEFAULTS.currency, 'text'],
  ['clusters.*', SCENARIO_DEFAULTS.clusters, 'yaml'],
  ['serving.model', SCENARIO_DEFAULTS.serving.model, 'text'],
  ['slo.latencyP99', SCENARIO_DEFAULTS.slo.latencyP99Sec, 'duration'],
  ['slo.errorRate', SCENARIO_DEFAULTS.slo.errorRate, 'ratio'],

  ['nodeGroups.*.allocatable.pods', NODE_GROUP_DEFAULTS.pods, 'number'],
  ['nodeGroups.*.min', NODE_GROUP_DEFAULTS.min, 'number'],
  ['nodeGroups.*.expanderPriority', NODE_GROUP_DEFAULTS.expanderPriority, 'number'],

  ['workloads.*.concurrency', WORKLOAD_DEFAULTS.concurrency, 'number'],
  ['workloads.*.timeout', WORKLOAD_DEFAULTS.timeoutSec, 'duration'],
  ['workloads.*.terminationGracePeriod', WORKLOAD_DEFAULTS.terminationGracePeriodSec, 'duration'],
  ['workloads.*.startupDelay', WORKLOAD_DEFAULTS.startupDelay.kind === 'fixed' ? WORKLOAD_DEFAULTS.startupDelay.sec : NaN, 'duration'],

  ['workloads.*.hpa.min', HPA_DEFAULTS.minReplicas, 'number'],
  ['workloads.*.hpa.targetCPUUtilization', HPA_DEFAULTS.targetCPUUtilization, 'number'],
  ['workloads.*.hpa.syncPeriod', HPA_DEFAULTS.syncPeriodSec, 'duration'],
  ['workloads.*.hpa.tolerance', HPA_DEFAULTS.tolerance, 'ratio'],
  ['workloads.*.hpa.cpuInitializationPeriod', HPA_DEFAULTS.cpuInitializationPeriodSec, 'duration'],
  ['workloads.*.hpa.initialReadinessDelay', HPA_DEFAULTS.initialReadinessDelaySec, 'duration'],
  ['workloads.*.hpa.behavior.scaleUp.stabilizationWindow', HPA_SCALE_UP.stabilizationWindowSec, 'duration'],
  ['workloads.*.hpa.behavior.scaleUp.selectPolicy', HPA_SCALE_UP.selectPolicy, 'text'],
  ['workloads.*.hpa.behavior.scaleDown.stabilizationWindow', HPA_SCALE_DOWN.stabilizationWindowSec, 'duration'],
  ['workloads.*.hpa.behavior.scaleDown.selectPolicy', HPA_SCALE_DOWN.selectPolicy, 'text'],

  ['workloads.*.traffic.interpolate', TRAFFIC_DEFAULTS.interpolate, 'text'],
  ['workloads.*.traffic.scale', TRAFFIC_DEFAULTS.scale, 'number'],
  ['workloads.*.traffic.speedup', TRAFFIC_DEFAULTS.speedup, 'number'],
  ['workloads.*.traffic.loop', TRAFFIC_DEFAULTS.loop, 'boolean'],
  ['workloads.*.traffic.offset', TRAFFIC_DEFAULTS.offsetSec, 'duration'],
  ['workloads.*.traffic.generator.base', TRAFFIC_DEFAULTS.generatorBase, 'number'],
  ['workloads.*.traffic.generator.noise', TRAFFIC_DEFAULTS.noise, 'number'],
  ['workloads.*.traffic.generator.diurnal.period', TRAFFIC_DEFAULTS.diurnalPeriodSec, 'duration'],

  ['overprovisioner.*.terminationGracePeriod', OVERPROVISIONER_DEFAULTS.terminationGracePeriodSec, 'duration'],
  ['overprovisioner.*.proportional.min', OVERPROVISIONER_DEFAULTS.proportionalMin, 'number'],
  ['overprovisioner.*.proportional.pollPeriod', OVERPROVISIONER_DEFAULTS.pollPeriodSec, 'duration'],

  ['scheduler.scoring', SCHEDULER_DEFAULTS.scoring, 'text'],
  ['clusterAutoscaler.initialNodeGroupBackoffDuration', NODE_GROUP_BACKOFF.initialSec, 'duration'],
  ['clusterAutoscaler.maxNodeGroupBackoffDuration', NODE_GROUP_BACKOFF.maxSec, 'duration'],
  ['clusterAutoscaler.nodeGroupBackoffResetTimeout', NODE_GROUP_BACKOFF.resetTimeoutSec, 'duration'],

  ['routing.weights.*', ROUTING_DEFAULTS.weight, 'number'],
  ['routing.shifts.*.over', ROUTING_DEFAULTS.shiftOverSec, 'duration'],
  ['routing.outages.*.autoShift', ROUTING_DEFAULTS.outageAutoShift, 'boolean'],
  ['routing.outages.*.detectionDelay', ROUTING_DEFAULTS.outageDetectionDelaySec, 'duration'],
  ['routing.outages.*.shiftOver', ROUTING_DEFAULTS.outageShiftOverSec, 'duration'],
];

// Every cluster-autoscaler default, so a new one fails here until the doc states it.
const CA_DEFAULTS: Record<keyof typeof CA, [string, unknown, Read]> = {
  scanIntervalSec: ['scanInterval', CA.scanIntervalSec, 'duration'],
  expanders: ['expander', CA.expanders.join(','), 'text'],
  scaleDownEnabled: ['scaleDownEnabled', CA.scaleDownEnabled, 'boolean'],
  scaleDownUnneededTimeSec: ['scaleDownUnneededTime', CA.scaleDownUnneededTimeSec, 'duration'],
  scaleDownUtilizationThreshold: ['scaleDownUtilizationThreshold', CA.scaleDownUtilizationThreshold, 'ratio'],
  scaleDownDelayAfterAddSec: ['scaleDownDelayAfterAdd', CA.scaleDownDelayAfterAddSec, 'duration'],
  scaleDownDelayAfterFailureSec: ['scaleDownDelayAfterFailure', CA.scaleDownDelayAfterFailureSec, 'duration'],
  maxNodeProvisionTimeSec: ['maxNodeProvisionTime', CA.maxNodeProvisionTimeSec, 'duration'],
  // the format writes "no limit" as 0, as --max-nodes-total does
  maxNodesTotal: ['maxNodesTotal', CA.maxNodesTotal === UNLIMITED ? 0 : CA.maxNodesTotal, 'number'],
  maxNodesPerScaleUp: ['maxNodesPerScaleUp', CA.maxNodesPerScaleUp, 'number'],
  maxEmptyBulkDelete: ['maxEmptyBulkDelete', CA.maxEmptyBulkDelete, 'number'],
  expendablePodsPriorityCutoff: ['expendablePodsPriorityCutoff', CA.expendablePodsPriorityCutoff, 'number'],
  newPodScaleUpDelaySec: ['newPodScaleUpDelay', CA.newPodScaleUpDelaySec, 'duration'],
};

describe('docs/scenario.md: defaults as the code fills them in', () => {
  const cases = [...DEFAULTS, ...Object.values(CA_DEFAULTS).map(([k, v, r]) => [`clusterAutoscaler.${k}`, v, r] as [string, unknown, Read])];
  it.each(cases)('%s defaults to %j', (path, expected, how) => {
    expect(read[how](defaultOf(path))).toEqual(expected);
  });

  it('states every cluster-autoscaler default (a new one needs a row)', () => {
    const covered = Object.keys(CA_DEFAULTS).sort();
    expect(Object.keys(CA).sort()).toEqual(covered);
  });

  it('says scaleDownDelayAfterDelete follows scanInterval, as the loader does', () => {
    expect(defaultOf('clusterAutoscaler.scaleDownDelayAfterDelete')).toBe('scanInterval');
  });
});

describe('docs/scenario.md: examples', () => {
  it('the complete example loads', () => {
    const section = doc.slice(doc.indexOf('## A complete example'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toBeDefined();
    const s = parseScenario(yaml!, 'docs/scenario-example.yaml', { checkFiles: false });
    expect(s.clusters.map((c) => c.name)).toEqual(['az-a', 'az-b']);
    expect(s.routing.outages[0].autoShift).toBe(true);
  });

  it('every --set path it mentions is a key of the format', () => {
    // `--set path=value` itself is the syntax, not an example
    const sets = [...doc.matchAll(/--set (?:'([^']+)'|([^\s`']+))/g)]
      .map((m) => m[1] ?? m[2])
      .filter((s) => s.includes('=') && !s.startsWith('path='));
    expect(sets.length).toBeGreaterThan(3);
    for (const s of sets) expect(() => parseSet(s), s).not.toThrow();
  });

  it('the --set commands on the default scenario load', () => {
    const commands = doc.split('\n').filter((l) => l.startsWith('npx headroom ') && l.includes('scenarios/default.yaml'));
    expect(commands.length).toBeGreaterThan(0);
    for (const cmd of commands) {
      const sets = [...cmd.matchAll(/--set (?:'([^']+)'|(\S+))/g)].map((m) => m[1] ?? m[2]);
      expect(() => loadScenario(defaultScenario, { sets, checkFiles: false }), cmd).not.toThrow();
    }
  });

  it('its links into manifests.md land on headings there', () => {
    const anchors = new Set(
      manifestsDoc
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => l.replace(/^#+ /, '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')),
    );
    const links = [...doc.matchAll(/\(manifests\.md#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) expect(anchors.has(a), a).toBe(true);
  });

  it('the HPA section\'s numbers for a burst from 3 pods hold, without a behavior and with one', () => {
    const m = /from (\d+) pods: (\d+), where the v2 defaults allow (\d+)/.exec(doc);
    expect(m, 'the sentence is in the HPA section').not.toBeNull();
    const [current, legacy, v2] = m!.slice(1).map(Number);
    const spec = (behaviorGiven: boolean) => ({ minReplicas: 1, maxReplicas: 1000, ...defaultBehavior(), behaviorGiven });
    const sync = (behaviorGiven: boolean) =>
      reconcileHpa(emptyHpaState(), { currentReplicas: current, recommendation: 1000 }, 0, spec(behaviorGiven)).desiredReplicas;
    expect([sync(false), sync(true)]).toEqual([legacy, v2]);
  });
});

