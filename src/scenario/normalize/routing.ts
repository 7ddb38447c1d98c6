/** Traffic split over clusters: weights, planned shifts and zone outages. */
import type { z } from 'zod';
import { formatDuration } from '../../quantity.ts';
import { ROUTING_DEFAULTS } from '../defaults.ts';
import type { KeyPath } from '../../input/document.ts';
import type { routingSchema } from '../schema/routing.ts';
import { didYouMean } from '../../input/suggest.ts';
import type { RoutingSpec, ShiftSpec } from '../types.ts';
import { type NormalizeContext, sec } from './context.ts';

type RawRouting = z.output<ReturnType<typeof routingSchema>>;

export function normalizeRouting(raw: RawRouting | undefined, clusters: readonly string[], ctx: NormalizeContext): RoutingSpec {
  const { sink } = ctx;
  const known = (name: string, path: KeyPath, atKey = false) => {
    if (clusters.includes(name)) return true;
    sink.add(path, `unknown cluster "${name}"${didYouMean(name, clusters)}; clusters: ${clusters.join(', ')}`, atKey);
    return false;
  };
  const withinRun = (atSec: number, path: KeyPath) => {
    if (atSec >= ctx.durationSec) {
      sink.add(path, `${formatDuration(atSec)} is at or after the end of the scenario (${formatDuration(ctx.durationSec)})`);
    }
  };

  const weights: Record<string, number> = {};
  for (const c of clusters) weights[c] = ROUTING_DEFAULTS.weight;
  for (const [name, w] of Object.entries(raw?.weights ?? {})) {
    if (known(name, ['routing', 'weights', name], true)) weights[name] = w;
  }
  if (clusters.every((c) => weights[c] === 0)) sink.add(['routing', 'weights'], 'at least one cluster needs a weight above 0');

  const shifts: ShiftSpec[] = (raw?.shifts ?? []).flatMap((s, i) => {
    const path: KeyPath = ['routing', 'shifts', i];
    const atSec = sec(s.at);
    withinRun(atSec, [...path, 'at']);
    if ((s.drain === undefined) === (s.restore === undefined)) {
      sink.add(path, 'a shift takes exactly one of drain: <cluster> or restore: <cluster>');
      return [];
    }
    const action = s.drain !== undefined ? 'drain' : 'restore';
    const cluster = (s.drain ?? s.restore)!;
    if (!known(cluster, [...path, action])) return [];
    return [{ atSec, cluster, action, overSec: s.over === undefined ? ROUTING_DEFAULTS.shiftOverSec : sec(s.over) }];
  });

  const outages = (raw?.outages ?? []).flatMap((o, i) => {
    const path: KeyPath = ['routing', 'outages', i];
    const atSec = sec(o.at);
    withinRun(atSec, [...path, 'at']);
    const forSec = sec(o.for);
    if (forSec <= 0) sink.add([...path, 'for'], 'an outage must last more than 0s');
    if (!known(o.cluster, [...path, 'cluster'])) return [];
    return [
      {
        atSec,
        cluster: o.cluster,
        forSec,
        autoShift: o.autoShift ?? ROUTING_DEFAULTS.outageAutoShift,
        detectionDelaySec: o.detectionDelay === undefined ? ROUTING_DEFAULTS.outageDetectionDelaySec : sec(o.detectionDelay),
        shiftOverSec: o.shiftOver === undefined ? ROUTING_DEFAULTS.outageShiftOverSec : sec(o.shiftOver),
        restoreDelaySec: o.restoreDelay === undefined ? ROUTING_DEFAULTS.outageRestoreDelaySec : sec(o.restoreDelay),
      },
    ];
  });

  // Time order, stable for equal times, so the traffic layer can walk them once.
  return {
    weights,
    shifts: [...shifts].sort((a, b) => a.atSec - b.atSec),
    outages: [...outages].sort((a, b) => a.atSec - b.atSec),
  };
}
