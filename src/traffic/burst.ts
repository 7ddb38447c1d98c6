import type { BurstSpec } from '../scenario/types.ts';

/** A straight piece of a rate function: `rate0` at `startSec` to `rate1` at `endSec`. */
export interface LinearPiece {
  startSec: number;
  endSec: number;
  rate0: number;
  rate1: number;
}

/**
 * The generator's rate before diurnal and noise, as straight pieces covering [0, horizonSec]:
 * the base rate, and while bursts last, the highest of them. A burst rises in a straight line
 * from base to its peak over `rise`, holds, and falls back over `fall`; a burst whose peak is
 * below base is a dip. Where bursts overlap the highest wins, and the crossings of two bursts'
 * lines become piece ends, so every piece is one straight line and integrates exactly.
 */
export function burstEnvelope(base: number, bursts: BurstSpec[], horizonSec: number): LinearPiece[] {
  const knots = new Set<number>([0, horizonSec]);
  for (const b of bursts) {
    for (const t of burstKnots(b)) if (t > 0 && t < horizonSec) knots.add(t);
  }
  const times = [...knots].sort((a, b) => a - b);
  const pieces: LinearPiece[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const a = times[i];
    const b = times[i + 1];
    const mid = (a + b) / 2;
    const lines = bursts.filter((burst) => isActive(burst, mid)).map((burst) => lineOf(burst, mid));
    if (lines.length === 0) {
      pieces.push({ startSec: a, endSec: b, rate0: base, rate1: base });
      continue;
    }
    // the upper envelope of a few lines: cut at every crossing inside (a, b)
    const cuts = new Set<number>([a, b]);
    for (let p = 0; p < lines.length; p++) {
      for (let q = p + 1; q < lines.length; q++) {
        const ds = lines[p].slope - lines[q].slope;
        if (ds === 0) continue;
        const t = (lines[q].at0 - lines[p].at0) / ds;
        if (t > a && t < b) cuts.add(t);
      }
    }
    const sub = [...cuts].sort((x, y) => x - y);
    for (let j = 0; j + 1 < sub.length; j++) {
      const x = sub[j];
      const y = sub[j + 1];
      const m = (x + y) / 2;
      let top = lines[0];
      for (const l of lines) if (l.at0 + l.slope * m > top.at0 + top.slope * m) top = l;
      pieces.push({ startSec: x, endSec: y, rate0: top.at0 + top.slope * x, rate1: top.at0 + top.slope * y });
    }
  }
  return pieces;

  /** The burst's straight piece around `t`, as rate = at0 + slope·t. */
  function lineOf(burst: BurstSpec, t: number): { at0: number; slope: number } {
    const [start, top, topEnd, end] = burstKnots(burst);
    if (t < top) return through(start, base, top, burst.peak);
    if (t < topEnd) return { at0: burst.peak, slope: 0 };
    return through(topEnd, burst.peak, end, base);
  }
}

function through(t0: number, r0: number, t1: number, r1: number): { at0: number; slope: number } {
  const slope = (r1 - r0) / (t1 - t0);
  return { at0: r0 - slope * t0, slope };
}

function burstKnots(b: BurstSpec): [number, number, number, number] {
  const top = b.atSec + b.riseSec;
  const topEnd = top + b.holdSec;
  return [b.atSec, top, topEnd, topEnd + b.fallSec];
}

function isActive(b: BurstSpec, t: number): boolean {
  const [start, , , end] = burstKnots(b);
  return t > start && t < end;
}
