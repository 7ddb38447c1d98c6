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

/** `zonesOf`: cluster name -> the zones a cluster over several zones lists (absent for a single-zone cluster) */
export function normalizeRouting(raw: RawRouting | undefined, clusters: readonly string[], ctx: NormalizeContext, zonesOf: ReadonlyMap<string, readonly string[] | undefined> = new Map()): RoutingSpec {
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

  // `zone` names a single-zone cluster (the whole cluster goes) or one zone of the cluster spanning it
  const outageTarget = (cluster: string | undefined, zone: string | undefined, path: KeyPath): { cluster: string; zone?: string } | null => {
    if (zone === undefined) {
      if (cluster === undefined) {
        sink.add(path, 'an outage takes cluster: <cluster> or zone: <zone>');
        return null;
      }
      return known(cluster, [...path, 'cluster']) ? { cluster } : null;
    }
    const spanning = clusters.filter((c) => zonesOf.get(c)?.includes(zone) === true);
    const owner = spanning[0] ?? (zonesOf.get(zone) === undefined && clusters.includes(zone) ? zone : undefined);
    if (owner === undefined) {
      const zones = [...new Set(clusters.flatMap((c) => zonesOf.get(c) ?? [c]))];
      sink.add([...path, 'zone'], `unknown zone "${zone}"${didYouMean(zone, zones)}; zones: ${zones.join(', ')}`);
      return null;
    }
    if (cluster !== undefined && cluster !== owner) {
      sink.add([...path, 'cluster'], `zone ${zone} is in cluster ${owner}, not ${cluster}`);
      return null;
    }
    return zonesOf.get(owner) === undefined ? { cluster: owner } : { cluster: owner, zone };
  };

  const outages = (raw?.outages ?? []).flatMap((o, i) => {
    const path: KeyPath = ['routing', 'outages', i];
    const atSec = sec(o.at);
    withinRun(atSec, [...path, 'at']);
    const forSec = sec(o.for);
    if (forSec <= 0) sink.add([...path, 'for'], 'an outage must last more than 0s');
    const where = outageTarget(o.cluster, o.zone, path);
    if (where === null) return [];
    return [
      {
        atSec,
        ...where,
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
