/**
 * The library's entry point for one run: scenario in, numbers (in memory) out. It wires the
 * simulation to the metrics that observe it. The CLI, sweeps, checks and tests all call this;
 * it never prints, never exits and writes no file (report/outputs.ts does).
 */
import type { Scenario } from './scenario/types.ts';
import type { Summary } from './metrics/summary-types.ts';
import type { RunSeries } from './metrics/series.ts';
import { MetricsCollector } from './metrics/collector.ts';
import { buildSummary } from './metrics/summary.ts';
import type { SimEvent } from './sim/event-log.ts';
import type { RunObserver, StepObservation } from './sim/observer.ts';
import { simulate, type SimulateOptions } from './sim/simulation.ts';

export interface RunOptions extends SimulateOptions {
  /** skip the time series (sweeps only need the summary) */
  summaryOnly?: boolean;
  /** the `--set` overrides the scenario was loaded with, recorded in summary.json */
  overrides?: readonly string[];
  /** told of every sample step and of the end after the metrics (an observation is overwritten by the next step: copy what you keep) */
  tap?: RunTap;
}

/** recordsUsage: every step carries what pods used, even for a scenario with no usage or limits */
export type RunTap = Partial<Pick<RunObserver, 'step' | 'end' | 'recordsUsage'>>;
export type { StepObservation, RunEnd } from './sim/observer.ts';

export interface RunResult {
  scenario: Scenario;
  summary: Summary;
  /** every sample step per cluster and per workload; null with summaryOnly */
  series: RunSeries | null;
  /** events.jsonl's lines (empty unless recordEvents) */
  events: readonly string[];
  /** scale-ups, outages, shifts: what the report marks on its time axes */
  annotations: readonly SimEvent[];
  /** things the run has to say (never in summary.json), e.g. where the fluid model is approximate */
  warnings?: readonly string[];
}

export async function runScenario(scenario: Scenario, opts: RunOptions = {}): Promise<RunResult> {
  const metrics = new MetricsCollector(scenario, { series: !opts.summaryOnly });
  const end = await simulate(scenario, opts.tap ? tapped(metrics, opts.tap) : metrics, opts);
  return {
    scenario,
    summary: buildSummary(scenario, metrics, opts.overrides),
    series: metrics.series,
    events: end.eventLines,
    annotations: end.annotations,
    ...(end.warnings ? { warnings: end.warnings } : {}),
  };
}

/** The metrics, with `tap` told of each step after them; a run without a tap keeps the collector itself. */
function tapped(metrics: MetricsCollector, tap: RunTap): RunObserver {
  return {
    recordsSeries: metrics.recordsSeries,
    recordsUsage: tap.recordsUsage,
    latencySketch: (c, w) => metrics.latencySketch(c, w),
    step: (obs: StepObservation) => {
      metrics.step(obs);
      tap.step?.(obs);
    },
    end: (e) => {
      metrics.end(e);
      tap.end?.(e);
    },
  };
}
