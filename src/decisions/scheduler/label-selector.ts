/**
 * A label selector over pod labels, as metav1.LabelSelectorAsSelector builds it
 * (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go): matchLabels and matchExpressions are ANDed;
 * an empty selector matches every pod and an absent one matches none (the topology spread plugin
 * relies on both); operators In, NotIn, Exists and DoesNotExist.
 */

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
export const LABEL_SELECTOR_OPERATORS: readonly LabelSelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values?: readonly string[];
}

export interface LabelSelector {
  matchLabels?: Readonly<Record<string, string>>;
  matchExpressions?: readonly LabelSelectorRequirement[];
}

const has = (labels: Readonly<Record<string, string>>, key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key);

function matchesRequirement(r: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  switch (r.operator) {
    case 'In':
      return has(labels, r.key) && (r.values ?? []).includes(labels[r.key]);
    case 'NotIn':
      return !has(labels, r.key) || !(r.values ?? []).includes(labels[r.key]);
    case 'Exists':
      return has(labels, r.key);
    case 'DoesNotExist':
      return !has(labels, r.key);
  }
}

/** Does the selector select a pod with these labels? `undefined` selects nothing. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined) return false;
  const pairs = selector.matchLabels;
  if (pairs !== undefined) {
    for (const key in pairs) if (!has(labels, key) || labels[key] !== pairs[key]) return false;
  }
  const exprs = selector.matchExpressions;
  if (exprs !== undefined) for (const r of exprs) if (!matchesRequirement(r, labels)) return false;
  return true;
}
