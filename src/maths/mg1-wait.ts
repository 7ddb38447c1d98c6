/**
 * The waiting time of M/G/1 FIFO, exactly up to its grid, with a deterministic timeout on the wait
 * (M/G/1+D: a request that would wait the timeout τ gives up without being served).
 *
 * With one server the wait of a request is the work in the system when it arrives, counting only
 * the requests ahead that will be served: the queue is M/G/1 where an arrival finding work V >= τ
 * leaves at once. The density v of that work obeys the level-crossing equation (Brill & Posner,
 * "Level crossings in point processes applied to queues", Oper. Res. 25, 1977; Stanford, "Reneging
 * phenomena in single channel queues", Math. Oper. Res. 4, 1979), in units of the mean service time
 * and with ρ = λE[S]:
 *
 *   v(x) = ρ [ P₀ gₑ(x) + ∫₀^min(x, τ) v(y) gₑ(x − y) dy ],   gₑ = 1 − G (the equilibrium residual density),
 *
 * and work flows in as fast as it flows out, ρ (P₀ + ∫₀^τ v) = 1 − P₀, which gives P₀. Without the
 * timeout this is the renewal equation of the Pollaczek–Khinchine (Beneš) compound geometric: the
 * wait is the sum of N equilibrium residual service times, P(N >= n) = ρⁿ, P₀ = 1 − ρ.
 *
 * The equation is solved cell by cell on a geometric grid (each cell 2% wider than the last, from
 * 10⁻³ to 10⁶ mean service times): the mass each cell receives from the no-wait atom and from every
 * cell below it is the exact integral of gₑ over the receiving cell, with the sender's mass at its
 * midpoint. The kernels depend only on the law, so they are worked out once per law; a solve for one
 * (ρ, τ) costs a pass over the cells below τ. The response time of those who waited, wait plus
 * service, is tabulated on the same grid from the law's CDF.
 */
import { equilibriumOf, type ServiceLaw } from './service-laws.ts';

const FIRST_EDGE = 1e-3;
const LAST_EDGE = 1e6;

/**
 * The cells waits are solved on: [0, FIRST_EDGE], then each `ratio` times as wide as the last, up
 * to LAST_EDGE (mean service times).
 */
export class WaitGrid {
  readonly lnRatio: number;
  readonly cells: number;
  /** lower edges of the cells, then the last upper edge (cells + 1) */
  readonly edges: Float64Array;
  /** cell midpoints */
  readonly mid: Float64Array;
  /** ln(1 − mid of cell j / upper edge of cell i) at d = i + 1 − j (j >= 1): the grid is geometric */
  readonly farOffset: Float64Array;

  constructor(readonly ratio: number) {
    this.lnRatio = Math.log(ratio);
    const n = (this.cells = 1 + Math.ceil(Math.log(LAST_EDGE / FIRST_EDGE) / this.lnRatio));
    const edges = (this.edges = new Float64Array(n + 1));
    for (let i = 1; i <= n; i++) edges[i] = FIRST_EDGE * Math.pow(ratio, i - 1);
    const mid = (this.mid = new Float64Array(n));
    for (let i = 0; i < n; i++) mid[i] = 0.5 * (edges[i] + edges[i + 1]);
    const far = (this.farOffset = new Float64Array(n + 1));
    for (let d = 2; d <= n; d++) far[d] = Math.log1p(-(0.5 * (1 + ratio)) * Math.pow(ratio, -d));
  }

  /** The cells needed for waits below `tauMeans` (Infinity: all of them). */
  cellsBelow(tauMeans: number): number {
    const all = this.cells;
    if (!(tauMeans < LAST_EDGE)) return all;
    const edges = this.edges;
    let cells = Math.max(1, Math.min(all, tauMeans <= FIRST_EDGE ? 1 : 2 + Math.floor(Math.log(tauMeans / FIRST_EDGE) / this.lnRatio)));
    while (cells > 1 && edges[cells - 1] >= tauMeans) cells--;
    return cells;
  }
}

/** each cell 2% wider than the last: the one-server wait, exact up to it */
export const FINE_GRID = new WaitGrid(1.02);

/**
 * What a residual law sends from cell to cell, for the first `cells` cells: the equation's kernel.
 * It is linear in the residual law, so a mixture of two laws has the mixture of their kernels.
 */
export interface ResidualKernels {
  cells: number;
  /** Gₑ over cell i: what the no-wait atom sends to cell i */
  fromAtom: Float64Array;
  /** share of its own mass a cell sends back into itself: the mean of Gₑ(upper edge − y) over the cell */
  self: Float64Array;
  /** for j < i, at i(i − 1)/2 + j: Gₑ over cell i, shifted by the midpoint of j (what j sends to i) */
  feed: Float64Array;
}

interface Kernels {
  grid: WaitGrid;
  /** the law's own equilibrium residual (one server) */
  residual: ResidualKernels;
  /** G at the cells' upper edges */
  serviceCdf: Float64Array;
  /** the first upper edge where G passes 1 − 10⁻¹² (mean service times; Infinity if none) */
  serviceTopMeans: number;
  /** for j <= i, at i(i + 1)/2 + j: G(upper edge of i − midpoint of j) */
  response: Float64Array;
}

const kernelsByLaw = new WeakMap<ServiceLaw, Map<WaitGrid, Kernels>>();

/** A law's tables read between their points: G and the normalized Gₑ, linear in log t. */
class LawReader {
  private readonly t: Float64Array;
  private readonly g: Float64Array;
  private readonly ge: Float64Array;
  private readonly lnLo: number;
  private readonly step: number;
  private readonly last: number;

  constructor(law: ServiceLaw) {
    const e = equilibriumOf(law);
    this.t = e.t;
    this.g = e.g;
    // normalized so that a unit of work sent out arrives whole, whatever the integration's rounding
    this.ge = e.ge.map((v) => v / e.total);
    this.lnLo = e.lnLo;
    this.step = e.step;
    this.last = e.t.length - 1;
  }

  cdf(x: number): number {
    return this.read(this.g, x);
  }

  equilibriumCdf(x: number): number {
    return this.read(this.ge, x);
  }

  private read(table: Float64Array, x: number): number {
    if (!(x > 0)) return 0;
    const pos = (Math.log(x) - this.lnLo) / this.step;
    if (pos <= 0) return (table[0] * x) / this.t[0];
    const i = Math.floor(pos);
    if (i >= this.last) return table[this.last];
    return table[i] + (table[i + 1] - table[i]) * (pos - i);
  }
}

/**
 * Within this many of its own widths of a cell, what it sends is averaged over the cell (its mass
 * spread evenly across it); farther, the cell is its midpoint. A cell far wider than the service
 * time sends much of its mass back into itself, which a midpoint would get wrong.
 */
const NEAR_WIDTHS = 4;
/** 3-point Gauss–Legendre on [−1, 1] */
const GAUSS_X = Math.sqrt(0.6);
const GAUSS_W0 = 8 / 9;
const GAUSS_W1 = 5 / 9;

/** E[f(x − y)] for y spread evenly over [lo, hi] (f a CDF: 0 below 0). */
function cellMean(f: (x: number) => number, x: number, lo: number, hi: number): number {
  const c = x - 0.5 * (lo + hi);
  if (x - hi >= NEAR_WIDTHS * (hi - lo)) return f(c);
  const h = 0.5 * (hi - lo);
  return 0.5 * (GAUSS_W0 * f(c) + GAUSS_W1 * (f(c - h * GAUSS_X) + f(c + h * GAUSS_X)));
}

/** The kernels of the residual law of CDF `ge` (normalized, in mean service times) over the first `cells` cells. */
export function residualKernels(ge: (x: number) => number, cells: number, grid = FINE_GRID): ResidualKernels {
  const { edges } = grid;
  const n = cells;
  const fromAtom = new Float64Array(n);
  const self = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    fromAtom[i] = ge(edges[i + 1]) - ge(edges[i]);
    self[i] = cellMean(ge, edges[i + 1], edges[i], edges[i + 1]);
  }
  // what cell j sends below the upper edge of cell i is a CDF in i, and the feeds are its
  // differences: they telescope, so the mass a cell sends (to itself, then to each cell above)
  // adds up to exactly what leaves it, and nothing is lost however often the equation compounds it
  const feed = new Float64Array((n * (n - 1)) / 2);
  for (let j = 0; j < n; j++) {
    const lo = edges[j];
    const hi = edges[j + 1];
    let below = self[j];
    for (let i = j + 1; i < n; i++) {
      const above = cellMean(ge, edges[i + 1], lo, hi);
      feed[(i * (i - 1)) / 2 + j] = above - below;
      below = above;
    }
  }
  return { cells: n, fromAtom, self, feed };
}

/**
 * A residual CDF given as a table on the law's equilibrium grid (equilibriumOf: the same points
 * as the law's G and Gₑ), read at `scale`·x, linear in log t between the points.
 */
export interface TabledResidual {
  /** the CDF at the grid's points, ending at 1 */
  values: Float64Array;
  /** the law's equilibrium grid: points e^(lnLo + i·step) */
  t: Float64Array;
  lnLo: number;
  step: number;
  /** the CDF is values read at scale·x */
  scale: number;
}

function readTabled(r: TabledResidual, pos: number, x: number): number {
  const v = r.values;
  if (pos <= 0) return x > 0 ? (v[0] * r.scale * x) / r.t[0] : 0;
  const i = Math.floor(pos);
  const last = v.length - 1;
  if (i >= last) return v[last];
  return v[i] + (v[i + 1] - v[i]) * (pos - i);
}

/**
 * residualKernels for a tabled residual law, the same kernels worked out faster: far from the
 * diagonal the shifted edge sits at a position on the law's grid that is a sum of one term for
 * the receiving cell and one for the distance, so the kernel needs no logarithm there.
 */
export function tabledResidualKernels(r: TabledResidual, cells: number, grid = FINE_GRID): ResidualKernels {
  const shift = (Math.log(r.scale) - r.lnLo) / r.step;
  const invStep = 1 / r.step;
  const at = (x: number): number => (x > 0 ? readTabled(r, (Math.log(x) * invStep) + shift, x) : 0);
  const { edges, farOffset } = grid;
  const n = cells;
  const fromAtom = new Float64Array(n);
  const self = new Float64Array(n);
  const edgePos = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) edgePos[i] = Math.log(edges[i]) * invStep + shift;
  const farPos = new Float64Array(n + 1);
  for (let d = 2; d <= n; d++) farPos[d] = farOffset[d] * invStep;
  for (let i = 0; i < n; i++) {
    fromAtom[i] = at(edges[i + 1]) - at(edges[i]);
    self[i] = cellMean(at, edges[i + 1], edges[i], edges[i + 1]);
  }
  const feed = new Float64Array((n * (n - 1)) / 2);
  for (let j = 0; j < n; j++) {
    const lo = edges[j];
    const hi = edges[j + 1];
    const width = hi - lo;
    const mid = 0.5 * (lo + hi);
    let below = self[j];
    for (let i = j + 1; i < n; i++) {
      const x = edges[i + 1];
      // the first cell is not geometric, and cells near the sender are averaged over it (cellMean)
      const above = j === 0 || x - hi < NEAR_WIDTHS * width ? cellMean(at, x, lo, hi) : readTabled(r, edgePos[i + 1] + farPos[i + 1 - j], x - mid);
      feed[(i * (i - 1)) / 2 + j] = above - below;
      below = above;
    }
  }
  return { cells: n, fromAtom, self, feed };
}

/** past where the service time's survival is below this, a settled solve's response is 1 */
const SERVICE_TAIL = 1e-12;

function kernelsOf(law: ServiceLaw, grid: WaitGrid): Kernels {
  let byGrid = kernelsByLaw.get(law);
  if (!byGrid) kernelsByLaw.set(law, (byGrid = new Map()));
  const known = byGrid.get(grid);
  if (known) return known;
  const read = new LawReader(law);
  const g = (x: number): number => read.cdf(x);
  const n = grid.cells;
  const { edges } = grid;
  const residual = residualKernels((x) => read.equilibriumCdf(x), n, grid);
  const serviceCdf = new Float64Array(n);
  for (let i = 0; i < n; i++) serviceCdf[i] = g(edges[i + 1]);
  const response = new Float64Array((n * (n + 1)) / 2);
  for (let j = 0; j < n; j++) {
    const lo = edges[j];
    const hi = edges[j + 1];
    for (let i = j; i < n; i++) response[(i * (i + 1)) / 2 + j] = cellMean(g, edges[i + 1], lo, hi);
  }
  let serviceTopMeans = Infinity;
  for (let i = 0; i < n; i++) {
    if (serviceCdf[i] >= 1 - SERVICE_TAIL) {
      serviceTopMeans = edges[i + 1];
      break;
    }
  }
  const k = { grid, residual, serviceCdf, serviceTopMeans, response };
  byGrid.set(grid, k);
  return k;
}

/**
 * One M/G/1+D steady state: the shares of arrivals served at once, served after waiting and given
 * up, and the response time of those who waited (`responseCdf`). Times in mean service times.
 */
export class Mg1Wait {
  /** P(no wait) */
  noWait = 1;
  /** P(waits, then is served) */
  waitServed = 0;
  /** P(gives up at the timeout) */
  abandon = 0;
  /** mean wait of those who waited and were served, in mean service times */
  meanWaitMeans = 0;
  /** beyond this (mean service times) the waits hold no mass */
  reachMeans = 0;
  private readonly k: Kernels;
  /** the wait's mass per cell (shares of all arrivals) */
  private readonly mass: Float64Array;
  /** P(wait + service <= upper edge of cell i | waited and served) */
  private readonly response: Float64Array;

  /** `grid`: the cells the wait is solved on (FINE_GRID unless a coarser one will do) */
  constructor(law: ServiceLaw, readonly grid = FINE_GRID) {
    this.k = kernelsOf(law, grid);
    this.mass = new Float64Array(grid.cells);
    this.response = new Float64Array(grid.cells);
  }

  /** Solves for utilization `rho` (< 1 unless the timeout is finite) and timeout `tauMeans` (may be Infinity). */
  solve(rho: number, tauMeans: number): this {
    return this.solveWith(this.k.residual, rho, tauMeans);
  }

  /**
   * The same equation with other residual laws' kernels (covering the cells below the timeout):
   * the wait is then the sum of a geometric number of draws, each from `residual` or, with
   * probability `otherShare`, from `other`, cut at the timeout. With `settle`, the solve stops
   * once the cells hold all but a 10⁻⁹ share of the mass the waits have without a timeout,
   * ρ/(1 − ρ) per unit of P₀: waits far shorter than the timeout need no cells up to it.
   */
  solveWith(residual: ResidualKernels, rho: number, tauMeans: number, other = residual, otherShare = 0, settle = false): this {
    const { edges, mid } = this.grid;
    const m = this.mass;
    const bounded = tauMeans < LAST_EDGE;
    // the cells that hold waits below the timeout; the last one in part
    let cells = this.grid.cellsBelow(tauMeans);
    if (cells > residual.cells || cells > other.cells) throw new RangeError(`residual kernels cover ${Math.min(residual.cells, other.cells)} cells, ${cells} needed`);
    let lastShare = 1;
    if (bounded) lastShare = Math.min(1, Math.max(0, (tauMeans - edges[cells - 1]) / (edges[cells] - edges[cells - 1])));
    const settled = settle && rho < 1 ? (1 - 1e-9) * (rho / (1 - rho)) : Infinity;
    // masses per unit of P₀
    let waited = 0;
    if (otherShare === 0) {
      const { fromAtom, self, feed } = residual;
      for (let i = 0; i < cells; i++) {
        let s = fromAtom[i];
        const row = (i * (i - 1)) / 2;
        for (let j = 0; j < i; j++) s += m[j] * feed[row + j];
        m[i] = (rho * s) / (1 - rho * self[i]);
        waited += i === cells - 1 ? lastShare * m[i] : m[i];
        if (waited >= settled) cells = i + 1;
      }
    } else {
      // the two kernels mixed as they are read (they are linear in the residual law)
      const b = otherShare;
      const a = 1 - b;
      const fa = residual.feed;
      const fb = other.feed;
      for (let i = 0; i < cells; i++) {
        let s = a * residual.fromAtom[i] + b * other.fromAtom[i];
        const row = (i * (i - 1)) / 2;
        for (let j = 0; j < i; j++) s += m[j] * (a * fa[row + j] + b * fb[row + j]);
        m[i] = (rho * s) / (1 - rho * (a * residual.self[i] + b * other.self[i]));
        waited += i === cells - 1 ? lastShare * m[i] : m[i];
        if (waited >= settled) cells = i + 1;
      }
    }
    if (cells < this.grid.cellsBelow(tauMeans)) lastShare = 1;
    m[cells - 1] *= lastShare;
    const p0 = bounded ? 1 / (1 + rho * (1 + waited)) : 1 - rho;
    let sum = 0;
    let moment = 0;
    for (let i = 0; i < cells; i++) {
      m[i] *= p0;
      sum += m[i];
      moment += m[i] * mid[i];
    }
    if (!bounded) {
      // what lies past the grid (a remnant of the heaviest tails) waits at its end
      const past = Math.max(0, 1 - p0 - sum);
      m[cells - 1] += past;
      sum += past;
      moment += past * mid[cells - 1];
    }
    this.noWait = p0;
    this.waitServed = sum;
    this.abandon = bounded ? Math.max(0, 1 - p0 - sum) : 0;
    this.meanWaitMeans = sum > 0 ? moment / sum : 0;
    let top = 0;
    for (let i = cells - 1; i >= 0; i--) {
      if (m[i] > 0) {
        top = i;
        break;
      }
    }
    this.reachMeans = bounded ? Math.min(tauMeans, edges[top + 1]) : edges[top + 1];
    this.tabulateResponse(cells, sum, settle ? edges[top + 1] + this.k.serviceTopMeans : Infinity);
    return this;
  }

  /** P(wait + service <= x | waited and served), x in mean service times. */
  responseCdf(x: number): number {
    if (!(this.waitServed > 0) || !(x > 0)) return 0;
    const r = this.response;
    if (x <= FIRST_EDGE) return (r[0] * x) / FIRST_EDGE;
    const pos = Math.log(x / FIRST_EDGE) / this.grid.lnRatio;
    const i = Math.floor(pos);
    if (i >= this.grid.cells - 1) return 1;
    return r[i] + (r[i + 1] - r[i]) * (pos - i);
  }

  /** the response at the cells' upper edges; from `oneFrom` (mean service times) on, 1 */
  private tabulateResponse(cells: number, total: number, oneFrom: number): void {
    const r = this.response;
    if (!(total > 0)) {
      r.fill(0);
      return;
    }
    const m = this.mass;
    const g = this.k.response;
    let last = 0;
    const edges = this.grid.edges;
    for (let i = 0; i < this.grid.cells; i++) {
      if (edges[i + 1] >= oneFrom) {
        r.fill(1, i);
        return;
      }
      const row = (i * (i + 1)) / 2;
      const top = Math.min(i, cells - 1);
      let s = 0;
      for (let j = 0; j <= top; j++) s += m[j] * g[row + j];
      last = r[i] = Math.min(1, Math.max(last, s / total));
    }
  }
}
