import type { LinearPiece } from './burst.ts';

export interface Diurnal {
  amplitude: number;
  periodSec: number;
  phaseSec: number;
}

/**
 * ∫ over [x, y] ⊂ [piece.startSec, piece.endSec] of the piece's straight-line rate times
 * (1 + A·sin(2π(t + phase)/period)), in closed form (integration by parts):
 *   ∫ (v + s·u)·sin(θ0 + ω·u) du = [−(v + s·u)·cos(θ0 + ω·u)/ω + s·sin(θ0 + ω·u)/ω²]
 */
export function integratePiece(piece: LinearPiece, x: number, y: number, diurnal?: Diurnal): number {
  const slope = (piece.rate1 - piece.rate0) / (piece.endSec - piece.startSec);
  const vx = piece.rate0 + slope * (x - piece.startSec);
  const vy = piece.rate0 + slope * (y - piece.startSec);
  const flat = ((y - x) * (vx + vy)) / 2;
  if (!diurnal || diurnal.amplitude === 0) return flat;
  const w = (2 * Math.PI) / diurnal.periodSec;
  // angles reduced to one period, so a month-long run keeps its precision
  const thetaX = w * mod(x + diurnal.phaseSec, diurnal.periodSec);
  const thetaY = thetaX + w * (y - x);
  const primitive = (v: number, theta: number) => (-v * Math.cos(theta)) / w + (slope * Math.sin(theta)) / (w * w);
  return flat + diurnal.amplitude * (primitive(vy, thetaY) - primitive(vx, thetaX));
}

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}
