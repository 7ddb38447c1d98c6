/**
 * The wait of those who wait in M/G/c (c >= 2) with a timeout, for any service-time law: a sum of a
 * geometric number of draws (the M/G/1 form, solved on mg1-wait.ts's grid), each draw from a mixture
 * of the wait's two limits.
 *
 * - In light traffic a request that finds every server busy waits for the first of them to free:
 *   the minimum of c equilibrium residual service times, P(R > t) = (1 − Gₑ(t))^c (Burman & Smith,
 *   "A light-traffic theorem for multi-server queues", Math. Oper. Res. 8, 1983).
 * - In heavy traffic the c busy servers act as one server c times as fast: the wait is that of
 *   M/G/1 with service time S/c, the sum of a geometric number of residuals of S/c. This is the
 *   system equivalence of the approximations that build the M/G/c queue from single-server and
 *   M/M/c systems (Cosmetatos, "Some approximate equilibrium results for the multi-server queue
 *   (M/G/r)", Oper. Res. Quarterly 27, 1976; Kimura, "Approximations for multi-server queues: system
 *   interpolations", Queueing Systems 17, 1994), and of Tijms, van Hoorn & Federgruen's state
 *   probabilities of M/G/c ("Approximations for the steady-state probabilities in the M/G/c queue",
 *   Adv. Appl. Prob. 13, 1981; Tijms, "Stochastic Models: An Algorithmic Approach", Wiley 1994),
 *   where with every server busy the next departure comes as from one server c times as fast.
 *
 * Each draw is the heavy-traffic residual with probability h, the light-traffic one otherwise, and
 * the number of draws is geometric, P(N >= n + 1 | N >= n) = r (mgc.ts mgcWaitLaw sets h and r so
 * that the mean is the one meanWaitStretch gives). In light traffic that is the exact light-traffic
 * wait, one draw of the first residual to end; near saturation many draws, towards Kingman's
 * exponential; for one server with h = 1 and r = ρ it is the M/G/1 wait itself, and for the
 * exponential (both draws Exp(cμ), r = ρ) M/M/c's wait exactly. The mean alone does not settle the
 * shape with a heavy-tailed service time (Gupta, Harchol-Balter, Dai & Zwart, "On the
 * inapproximability of M/G/K: why two moments of job size distribution are not enough", Queueing
 * Systems 64, 2010): the two residual laws carry it.
 *
 * Kernels depend on the law and c; they are kept for the last few fleet sizes a queue met.
 */
import { Mg1Wait, type ResidualKernels, type TabledResidual, tabledResidualKernels, WaitGrid } from './mg1-wait.ts';
import { type Equilibrium, equilibriumOf, type ServiceLaw } from './service-laws.ts';
import type { WaitLaw } from './mgc.ts';
import type { TabledWait } from './grid-latency.ts';

/**
 * Cells 3% wide rather than the one-server 2%: a solve costs about half (it grows with the square
 * of the cells), and on several servers the wait is a smaller part of the latency (docs/latency.md's
 * table is computed with it; M/M/c through it stays within 1% on p50, p95 and p99).
 */
const WAIT_GRID = new WaitGrid(1.03);

/** fleet sizes whose kernels a queue keeps */
const KEPT_SIZES = 16;

interface SizeKernels {
  servers: number;
  /** the first of c residuals to end */
  light: ResidualKernels;
  /** the residual of S/c */
  heavy: ResidualKernels;
}

export class MgcWait implements TabledWait {
  /** P(waits, then is served | waits) */
  servedShare = 1;
  /** mean wait of those who waited and were served, in mean service times */
  meanWaitMeans = 0;
  private readonly solver: Mg1Wait;
  private readonly equilibrium: Equilibrium;
  private readonly sizes: SizeKernels[] = [];

  constructor(law: ServiceLaw) {
    this.solver = new Mg1Wait(law, WAIT_GRID);
    this.equilibrium = equilibriumOf(law);
  }

  /** The time until the first of `count` equilibrium residuals ends, `speed` times as fast: P(R > t) = (1 − Gₑ(speed·t))^count. */
  private firstOf(count: number, speed: number): TabledResidual {
    const { t, ge, total, lnLo, step } = this.equilibrium;
    const values = new Float64Array(ge.length);
    for (let i = 0; i < ge.length; i++) values[i] = 1 - Math.pow(Math.max(0, 1 - ge[i] / total), count);
    values[values.length - 1] = 1;
    return { values, t, lnLo, step, scale: speed };
  }

  get reachMeans(): number {
    return this.solver.reachMeans;
  }

  responseCdf(xMeans: number): number {
    return this.solver.responseCdf(xMeans);
  }

  /**
   * Solves for `servers` servers, the wait's law `law` (mgc.ts mgcWaitLaw) and the timeout
   * `tauMeans` (mean service times, may be Infinity).
   */
  solve(servers: number, law: WaitLaw, tauMeans: number): this {
    const cells = WAIT_GRID.cellsBelow(tauMeans);
    const size = this.kernelsFor(servers, cells);
    const w = this.solver.solveWith(size.light, law.geometric, tauMeans, size.heavy, law.heavyShare, true);
    const waiting = 1 - w.noWait;
    this.servedShare = waiting > 0 ? w.waitServed / waiting : 1;
    this.meanWaitMeans = w.meanWaitMeans;
    return this;
  }

  private kernelsFor(servers: number, cells: number): SizeKernels {
    const sizes = this.sizes;
    for (let i = 0; i < sizes.length; i++) {
      const s = sizes[i];
      if (s.servers === servers && s.light.cells >= cells) {
        if (i > 0) {
          sizes.splice(i, 1);
          sizes.unshift(s);
        }
        return s;
      }
    }
    const light = tabledResidualKernels(this.firstOf(servers, 1), cells, WAIT_GRID);
    const heavy = tabledResidualKernels(this.firstOf(1, servers), cells, WAIT_GRID);
    const made = { servers, light, heavy };
    sizes.unshift(made);
    if (sizes.length > KEPT_SIZES) sizes.pop();
    return made;
  }
}
