/** Erlang's M/D/1 waiting-time CDF, service time 1, load ρ, at x mean service times. */
export function erlangMd1WaitCdf(rho: number, x: number): number {
  if (x < 0) return 0;
  let sum = 0;
  let factorial = 1;
  for (let k = 0; k <= Math.floor(x); k++) {
    if (k > 0) factorial *= k;
    const y = rho * (k - x);
    sum += (Math.pow(y, k) * Math.exp(-y)) / factorial;
  }
  return (1 - rho) * sum;
}
