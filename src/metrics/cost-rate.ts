/**
 * A run's cost as the rates a planner budgets in. A month is 730 hours (365 days × 24 h ÷ 12),
 * the convention cloud providers' price pages and calculators use for a monthly figure.
 */
import { HOURS_PER_MONTH } from '../quantity.ts';

export { HOURS_PER_MONTH };

export interface CostRates {
  /** the run's mean burn rate: total cost ÷ simulated hours */
  perHour: number;
  /** perHour × 730: what the run's pattern would cost if repeated for a month */
  perMonth: number;
}

export function costRates(total: number, simulatedSeconds: number): CostRates {
  const perHour = simulatedSeconds > 0 ? (total * 3600) / simulatedSeconds : 0;
  return { perHour, perMonth: perHour * HOURS_PER_MONTH };
}
