import { closeSync, existsSync } from 'node:fs';
import { extname, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { formatDuration } from '../../quantity.ts';
import { TRAFFIC_DEFAULTS } from '../defaults.ts';
import type { trafficSchema } from '../schema/workload.ts';
import type { GeneratorSpec, TrafficSpec } from '../types.ts';
import { type At, type NormalizeContext, rate, sec } from './context.ts';
import { isHeadroomError } from '../../errors.ts';
import { confinePath, fileDigest, openRegularFile, traceLimit } from '../../input/files.ts';
import type { KeyPath } from '../../input/document.ts';

type RawTraffic = z.output<ReturnType<typeof trafficSchema>>;
type RawGenerator = NonNullable<RawTraffic['generator']>;

const TRACE_KEYS = ['column', 'timeColumn', 'format', 'interpolate', 'scale', 'speedup', 'loop', 'offset', 'aggregate'] as const;
const CSV_ONLY = ['column', 'timeColumn'] as const;

export function normalizeTraffic(raw: RawTraffic | undefined, at: At, ctx: NormalizeContext): TrafficSpec {
  const { sink } = ctx;
  if (raw === undefined) return { kind: 'none' };
  if (raw.trace !== undefined && raw.generator !== undefined) {
    sink.add(at(['generator']), 'traffic takes either a trace or a generator, not both', true);
    return { kind: 'none' };
  }
  if (raw.trace === undefined) {
    for (const key of TRACE_KEYS) {
      if (raw[key] !== undefined) sink.add(at([key]), `${key} applies to a trace; add trace: <file>`, true);
    }
    if (raw.generator === undefined) return { kind: 'none' };
    return { kind: 'generator', generator: normalizeGenerator(raw.generator, (sub = []) => at(['generator', ...sub]), ctx) };
  }
  const format = raw.format ?? (extname(raw.trace).toLowerCase() === '.json' ? 'prometheus' : 'csv');
  if (format === 'prometheus') {
    for (const key of CSV_ONLY) {
      if (raw[key] !== undefined) sink.add(at([key]), `${key} applies to CSV traces, not Prometheus JSON`, true);
    }
  } else if (raw.aggregate !== undefined) {
    sink.add(at(['aggregate']), 'aggregate applies to Prometheus JSON traces with several series', true);
  }
  const path = resolve(ctx.baseDir, raw.trace);
  checkTraceFile(raw.trace, at(['trace']), ctx);
  const spec: TrafficSpec = {
    kind: 'trace',
    path,
    displayPath: raw.trace,
    format,
    interpolate: raw.interpolate ?? TRAFFIC_DEFAULTS.interpolate,
    scale: raw.scale ?? TRAFFIC_DEFAULTS.scale,
    speedup: raw.speedup ?? TRAFFIC_DEFAULTS.speedup,
    loop: raw.loop ?? TRAFFIC_DEFAULTS.loop,
    offsetSec: raw.offset === undefined ? TRAFFIC_DEFAULTS.offsetSec : sec(raw.offset),
  };
  if (raw.column !== undefined) spec.column = raw.column;
  if (raw.timeColumn !== undefined) spec.timeColumn = raw.timeColumn;
  if (raw.aggregate !== undefined) spec.aggregate = raw.aggregate;
  return spec;
}

/**
 * A trace must be inside what the scenario may read, always; with checkFiles, also a regular
 * file under the size cap, whose digest joins the scenario's inputs. Nothing of its contents is
 * read into a message here.
 */
function checkTraceFile(trace: string, at: KeyPath, ctx: NormalizeContext): void {
  const confined = confinePath(trace, ctx.baseDir, ctx.reads);
  if (!confined.ok) return ctx.sink.add(at, confined.message);
  if (!ctx.checkFiles) return;
  let opened;
  try {
    opened = openRegularFile(confined.path, trace, { maxBytes: traceLimit(ctx.reads), code: 'trace', what: 'the trace' });
  } catch (e) {
    if (!isHeadroomError(e)) throw e;
    const missing = !existsSync(confined.path);
    return ctx.sink.add(at, missing ? `trace file "${trace}" not found (looked for ${confined.path})` : e.message);
  }
  closeSync(opened.fd);
  // Named relative to the scenario's folder, so a checkout anywhere hashes alike.
  const file = relative(ctx.baseDir, confined.path);
  ctx.inputs.set(file, { file, sha256: fileDigest(confined.path) });
}

function normalizeGenerator(raw: RawGenerator, at: At, ctx: NormalizeContext): GeneratorSpec {
  const base = raw.base === undefined ? TRAFFIC_DEFAULTS.generatorBase : rate(raw.base);
  const bursts = (raw.bursts ?? []).map((b, i) => {
    const atSec = sec(b.at);
    if (atSec >= ctx.durationSec) {
      ctx.sink.add(at(['bursts', i, 'at']), `the burst starts at ${formatDuration(atSec)}, at or after the end of the scenario (${formatDuration(ctx.durationSec)})`);
    }
    return {
      atSec,
      peak: rate(b.peak),
      riseSec: b.rise === undefined ? 0 : sec(b.rise),
      holdSec: b.hold === undefined ? 0 : sec(b.hold),
      fallSec: b.fall === undefined ? 0 : sec(b.fall),
    };
  });
  const spec: GeneratorSpec = { base, bursts, noise: raw.noise ?? TRAFFIC_DEFAULTS.noise };
  if (raw.diurnal) {
    const periodSec = raw.diurnal.period === undefined ? TRAFFIC_DEFAULTS.diurnalPeriodSec : sec(raw.diurnal.period);
    if (periodSec <= 0) ctx.sink.add(at(['diurnal', 'period']), 'period must be greater than 0');
    spec.diurnal = {
      amplitude: raw.diurnal.amplitude,
      periodSec,
      phaseSec: raw.diurnal.phase === undefined ? 0 : sec(raw.diurnal.phase),
    };
  }
  return spec;
}
