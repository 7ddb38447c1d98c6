/** PodDisruptionBudget specs as the disruption decisions read them. */

/** An IntOrString of a PodDisruptionBudget: `2` or `"50%"`. */
export interface IntOrPercent {
  kind: 'count' | 'percent';
  value: number;
}

/** policy/v1 PodDisruptionBudget spec; at most one of minAvailable and maxUnavailable. */
export interface PodDisruptionBudgetSpec {
  name: string;
  /** pods with all these labels are covered; empty selects every pod */
  matchLabels: Record<string, string>;
  minAvailable?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
}
