/**
 * `--vary path=spec`: one axis of a sweep's grid. A spec is a range (`0:100:10`, end included;
 * `30s:120s:30s` with one unit throughout), a list (`a,b,c`, or `a|b|c` when a value itself
 * holds commas, such as an expander chain) or a single value. Each value is kept as the text the
 * user wrote and applied exactly like `--set path=text`, so `500m`, `2Gi` and `90s` stay strings
 * and the scenario's own validation reads them.
 */
import { parse as parseYaml } from 'yaml';
import { HeadroomError } from '../errors.ts';
import { checkScenarioPath } from '../scenario/index.ts';

export interface VaryValue {
  /** as it goes into `--set path=text` and into sweep.csv */
  text: string;
  /** the text read as YAML (a number, a string, a boolean), as it goes into sweep.json */
  value: unknown;
}

export interface VaryAxis {
  path: string;
  /** the spec as the user wrote it, for messages and the manifest */
  spec: string;
  values: VaryValue[];
}

/** No axis may have more values than this: a typo such as `0:100000:1` should fail at once. */
export const MAX_AXIS_VALUES = 100_000;

const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)`;
const RANGE_PART = new RegExp(String.raw`^(${NUMBER})([A-Za-zµ%]*)$`);

export function parseVary(text: string): VaryAxis {
  const eq = text.indexOf('=');
  if (eq <= 0) throw usage(text, 'expected path=values, e.g. overprovisioner.0.replicasPerCluster=0:100:10');
  const path = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim();
  try {
    checkScenarioPath(path);
  } catch (e) {
    if (e instanceof HeadroomError) throw usage(text, e.message, path);
    throw e;
  }
  if (path === 'seed') throw usage(text, 'the seed is not a grid axis: use --seeds N (seeds are the scenario seed + 0..N-1)', path);
  if (spec === '') throw usage(text, 'no values after "="', path);
  const texts = parseSpec(spec, text, path);
  const seen = new Set<string>();
  for (const t of texts) {
    if (seen.has(t)) throw usage(text, `the value ${t} appears twice`, path);
    seen.add(t);
  }
  return { path, spec, values: texts.map(varyValue) };
}

function parseSpec(spec: string, text: string, path: string): string[] {
  if (spec.includes('|')) return splitList(spec, '|', text, path);
  if (spec.includes(',')) return splitList(spec, ',', text, path);
  if (spec.includes(':') && looksLikeRange(spec)) return expandRange(spec, text, path);
  return [spec];
}

function splitList(spec: string, sep: string, text: string, path: string): string[] {
  const items = spec.split(sep).map((s) => s.trim());
  if (items.some((s) => s === '')) throw usage(text, `an empty value in the list (two "${sep}" in a row, or one at an end)`, path);
  if (items.length > MAX_AXIS_VALUES) throw usage(text, `${items.length} values, more than the ${MAX_AXIS_VALUES} an axis may have`, path);
  return items;
}

/** A spec whose first part is a number is meant as a range; anything else with a colon is a plain value. */
function looksLikeRange(spec: string): boolean {
  return RANGE_PART.test(spec.split(':')[0].trim());
}

/** `start:end[:step]`, end included, step 1 by default; every part in one unit (or none). */
export function expandRange(spec: string, text = spec, path?: string): string[] {
  const parts = spec.split(':').map((s) => s.trim());
  if (parts.length < 2 || parts.length > 3) {
    throw usage(text, `a range is start:end or start:end:step (end included), got "${spec}"`, path);
  }
  const parsed = parts.map((p) => RANGE_PART.exec(p));
  const bad = parsed.findIndex((m) => m === null);
  if (bad >= 0) throw usage(text, `"${parts[bad]}" in the range ${spec} is not a number (with an optional unit)`, path);
  const units = new Set(parsed.map((m) => m![2]));
  if (units.size > 1) {
    throw usage(text, `the range ${spec} mixes units (${[...units].map((u) => u || 'none').join(', ')}): write every part in one unit, or list the values`, path);
  }
  const unit = parsed[0]![2];
  const numbers = parsed.map((m) => m![1]);
  if (numbers.length === 2) numbers.push('1');
  const [start, end] = numbers;
  // Work in integers scaled by the most decimals any part has, so 0.1:0.5:0.1 gives 0.3, not 0.30000000000000004.
  const decimals = Math.max(...numbers.map(decimalsOf));
  const scale = 10 ** decimals;
  const [a, b, s] = numbers.map((n) => Math.round(Number(n) * scale));
  if (s <= 0) throw usage(text, `the step of ${spec} must be above zero`, path);
  if (a > b) throw usage(text, `the range ${spec} starts above its end (${start} > ${end})`, path);
  const count = Math.floor((b - a) / s) + 1;
  if (count > MAX_AXIS_VALUES) throw usage(text, `the range ${spec} has ${count} values, more than the ${MAX_AXIS_VALUES} an axis may have`, path);
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(`${((a + k * s) / scale).toFixed(decimals)}${unit}`);
  return out;
}

function decimalsOf(n: string): number {
  const dot = n.indexOf('.');
  return dot < 0 ? 0 : n.length - dot - 1;
}

/** A value as written, and the value `--set path=text` would assign. */
export function varyValue(text: string): VaryValue {
  let value: unknown = text;
  try {
    value = parseYaml(text) as unknown;
  } catch {
    // left as text: applying it will report the problem with its path
  }
  return { text, value };
}

function usage(text: string, message: string, path?: string): HeadroomError {
  return new HeadroomError('usage', `--vary ${text}: ${message}`, path ? { path } : {});
}
