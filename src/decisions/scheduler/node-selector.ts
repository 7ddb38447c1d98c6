/**
 * Matching node selectors against a node's labels and name, as k8s.io/component-helpers'
 * scheduling/corev1/nodeaffinity does it (the one implementation kube-scheduler, the kubelet and
 * the DaemonSet controller share):
 *
 * - a term's requirements are ANDed, the terms of a selector ORed; a term with no requirement
 *   matches nothing;
 * - In: the label is there with one of the values; NotIn: it is absent or has none of them;
 *   Exists / DoesNotExist: it is there / absent; Gt / Lt: it is there, is an integer, and is
 *   greater / less than the one value (a value that is no integer matches nothing);
 * - matchFields name only `metadata.name`, with In or NotIn.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Placement, PreferredSchedulingTerm } from './placement.ts';

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const INTEGER = /^[+-]?\d+$/;

export function matchesRequirement(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1 || !INTEGER.test(labels[r.key]) || !INTEGER.test(values[0])) return false;
      const label = BigInt(labels[r.key]);
      const bound = BigInt(values[0]);
      return r.operator === 'Gt' ? label > bound : label < bound;
    }
  }
}

function matchesField(r: NodeSelectorRequirement, nodeName: string): boolean {
  if (r.key !== 'metadata.name') return false;
  const values = r.values ?? [];
  if (r.operator === 'In') return values.includes(nodeName);
  if (r.operator === 'NotIn') return !values.includes(nodeName);
  return false;
}

export function matchesTerm(term: NodeSelectorTerm, nodeName: string, labels: Readonly<Record<string, string>> = NO_LABELS): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!matchesRequirement(r, labels)) return false;
  for (const r of fields) if (!matchesField(r, nodeName)) return false;
  return true;
}

/**
 * RequiredNodeAffinity.Match: the nodeSelector's every pair is on the node, and some required
 * term matches (when the pod gives any).
 */
export function matchesRequiredNodeAffinity(placement: Placement, nodeName: string, labels: Readonly<Record<string, string>> = NO_LABELS): boolean {
  const selector = placement.nodeSelector;
  if (selector !== undefined) {
    for (const key in selector) if (labels[key] !== selector[key]) return false;
  }
  const required = placement.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined) return true;
  for (const term of required.nodeSelectorTerms) if (matchesTerm(term, nodeName, labels)) return true;
  return false;
}

/** PreferredSchedulingTerms.Score: the sum of the weights of the terms the node matches (empty terms and weight 0 skipped). */
export function preferredTermsScore(terms: readonly PreferredSchedulingTerm[], nodeName: string, labels: Readonly<Record<string, string>> = NO_LABELS): number {
  let sum = 0;
  for (const t of terms) {
    if (t.weight === 0) continue;
    if (matchesTerm(t.preference, nodeName, labels)) sum += t.weight;
  }
  return sum;
}
