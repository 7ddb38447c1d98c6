/**
 * 8-point Gauss–Legendre rule on [-1, 1]: exact for polynomials up to degree 15, which covers a
 * routing share while up to 15 linear ramps overlap.
 */
const HALF_NODES = [0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
const HALF_WEIGHTS = [0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

/** Nodes and weights mapped to [0, 1] (the weights sum to 1). */
export const GAUSS_NODES: readonly number[] = [
  ...HALF_NODES.map((x) => (1 - x) / 2).reverse(),
  ...HALF_NODES.map((x) => (1 + x) / 2),
];
export const GAUSS_WEIGHTS: readonly number[] = [...HALF_WEIGHTS.map((w) => w / 2).reverse(), ...HALF_WEIGHTS.map((w) => w / 2)];
