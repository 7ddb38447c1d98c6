/**
 * `--tolerance key=spec`: replaces a number's default rule.
 *
 *   latencyMs.p99=5%          relative: 5% of the baseline value
 *   requests.errorRate=0.1pp  absolute, in percentage points (rates and shares only)
 *   pods.maxPending=3         absolute, in the number's own unit (ms, s, pods, hours, money)
 *   latencyMs.p50=10%,2       both: the larger allowance wins
 *   nodes.peak=+10%           a sign picks the worse direction: + higher, - lower, ± either;
 *                             without one the default direction holds (either, for a neutral number)
 *   cost.total=off            not checked (reported only)
 */
import { HeadroomError } from '../errors.ts';
import { KEY_NUMBERS, type KeyNumber } from '../metrics/summary-types.ts';
import { didYouMean } from '../input/suggest.ts';
import { RULES, isKeyNumber, type Direction, type NumberRule, type Tolerance } from './rules.ts';

export type RuleTable = Readonly<Record<KeyNumber, NumberRule>>;

const PART = /^(\d+(?:\.\d+)?|\.\d+)(%|pp)?$/;

/** One `key=spec`, as the rule it makes for that key. */
export function parseToleranceFlag(flag: string): { key: KeyNumber; rule: NumberRule } {
  const eq = flag.indexOf('=');
  if (eq <= 0) {
    throw new HeadroomError('usage', `--tolerance takes key=value (e.g. latencyMs.p99=5%), got "${flag}"`);
  }
  const key = flag.slice(0, eq).trim();
  const spec = flag.slice(eq + 1).trim();
  if (!isKeyNumber(key)) {
    throw new HeadroomError(
      'usage',
      `--tolerance: unknown number "${key}"${didYouMean(key, KEY_NUMBERS)}; the numbers are ${KEY_NUMBERS.join(', ')}`,
    );
  }
  return { key, rule: parseToleranceSpec(key, spec) };
}

export function parseToleranceSpec(key: KeyNumber, spec: string): NumberRule {
  const base = RULES[key];
  if (spec === 'off') return { ...base, direction: 'neutral', tolerance: {}, describe: 'not checked (--tolerance off)' };

  let body = spec;
  let direction: Direction = base.direction === 'neutral' ? 'eitherIsWorse' : base.direction;
  const sign = body[0];
  if (sign === '+' || sign === '-' || sign === '±') {
    direction = sign === '+' ? 'higherIsWorse' : sign === '-' ? 'lowerIsWorse' : 'eitherIsWorse';
    body = body.slice(1);
  }

  const tolerance: Tolerance = {};
  const parts = body.split(',').map((p) => p.trim());
  for (const part of parts) {
    const m = PART.exec(part);
    if (!m) {
      throw new HeadroomError(
        'usage',
        `--tolerance ${key}: "${spec}" is not a tolerance; write 5% (relative), 0.1pp (points, for rates) or a number in the value's unit`,
      );
    }
    const n = Number(m[1]);
    const kind = m[2] === '%' ? 'relative' : 'absolute';
    if (m[2] === 'pp' && base.unit !== 'fraction') {
      throw new HeadroomError('usage', `--tolerance ${key}: pp (percentage points) is for rates and shares; use % or a number`);
    }
    if (tolerance[kind] !== undefined) {
      throw new HeadroomError('usage', `--tolerance ${key}: "${spec}" gives two ${kind} tolerances`);
    }
    tolerance[kind] = m[2] === undefined ? n : n / 100;
  }
  // A sign against a number's own direction (`latencyMs.p99=-5`) reads as a negative
  // tolerance, which would fail every run: a tolerance is never below 0. Signs choose the
  // direction of the numbers that have none (nodes.peak), or say the default again.
  if ((sign === '+' || sign === '-') && base.direction !== 'neutral' && direction !== base.direction) {
    const worse = base.direction === 'higherIsWorse' ? 'higher' : 'lower';
    throw new HeadroomError(
      'usage',
      `--tolerance ${key}=${spec}: a tolerance is never negative; ${key} is worse when ${worse}, so give the allowance as ${body} (or ${base.direction === 'higherIsWorse' ? '+' : '-'}${body})`,
    );
  }
  const shown = direction === 'higherIsWorse' ? '+' : direction === 'lowerIsWorse' ? '-' : '±';
  return { ...base, direction, tolerance, describe: `${shown}${parts.join(', ')} (--tolerance)` };
}

/** The default rules with every `--tolerance` applied (a later flag for the same key wins). */
export function buildRules(flags: readonly string[] = []): RuleTable {
  const rules: Record<string, NumberRule> = { ...RULES };
  for (const flag of flags) {
    const { key, rule } = parseToleranceFlag(flag);
    rules[key] = rule;
  }
  return rules as RuleTable;
}
