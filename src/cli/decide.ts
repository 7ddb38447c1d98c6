/**
 * `headroom decide <schedule|scale-up|scale-down|hpa|deployment|recommend|provision|consolidate|usage>`: one Kubernetes decision from JSON on stdin, as JSON on
 * stdout. With --batch, one input per line and one decision per line.
 */
import { HeadroomError, formatError, isHeadroomError } from '../errors.ts';
import { decideDeployment } from '../decide/deployment.ts';
import { decideHpa } from '../decide/hpa.ts';
import { decideConsolidate, decideProvision } from '../decide/karpenter.ts';
import { decideRecommend } from '../decide/recommend.ts';
import { decideScaleDown } from '../decide/scale-down.ts';
import { decideScaleUp } from '../decide/scale-up.ts';
import { decideSchedule } from '../decide/schedule.ts';
import { decideUsage } from '../decide/usage.ts';

export const DECISIONS = {
  schedule: (input: unknown) => decideSchedule(input),
  'scale-up': (input: unknown) => decideScaleUp(input),
  'scale-down': (input: unknown) => decideScaleDown(input),
  hpa: (input: unknown) => decideHpa(input),
  deployment: (input: unknown) => decideDeployment(input),
  recommend: (input: unknown) => decideRecommend(input),
  provision: (input: unknown) => decideProvision(input),
  consolidate: (input: unknown) => decideConsolidate(input),
  usage: (input: unknown) => decideUsage(input),
} as const;

export type DecisionKind = keyof typeof DECISIONS;

export function isDecisionKind(s: string): s is DecisionKind {
  return Object.hasOwn(DECISIONS, s);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HeadroomError('input', `${where} is not valid JSON (${(e as Error).message})`);
  }
}

export interface DecideOutput {
  stdout: string;
  /** one message per failed input, already formatted */
  errors: string[];
}

/** Runs decisions over stdin's text; never throws for bad input, reports it in `errors`. */
export function runDecide(kind: DecisionKind, text: string, batch: boolean): DecideOutput {
  const decide = DECISIONS[kind];
  if (!batch) {
    try {
      if (text.trim() === '') throw new HeadroomError('input', 'no input on stdin: pass the decision input as JSON');
      return { stdout: `${JSON.stringify(decide(parseJson(text, 'stdin')))}\n`, errors: [] };
    } catch (e) {
      if (!isHeadroomError(e)) throw e;
      return { stdout: '', errors: [formatError(e)] };
    }
  }
  const out: string[] = [];
  const errors: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.stringify(decide(parseJson(line, `line ${i + 1}`))));
    } catch (e) {
      if (!isHeadroomError(e)) throw e;
      errors.push(`stdin:${i + 1}: ${formatError(e)}`);
      out.push(JSON.stringify({ error: formatError(e) }));
    }
  });
  return { stdout: out.length ? `${out.join('\n')}\n` : '', errors };
}
