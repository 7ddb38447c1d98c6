/**
 * The cluster-autoscaler's command line as a list (`--scan-interval=10s`, `--nodes=3:200:general`)
 * -> the values of the flags the simulation follows. Parsed as Go's flag package does: one or two
 * dashes, `--name=value`, `--name value` (two items) for a non-boolean flag, a bare `--name` for a
 * boolean (true), a repeated flag's last value wins, and --nodes may repeat (one node group each).
 */
import { parseDurationSec } from '../../quantity.ts';
import { closest } from '../../input/suggest.ts';
import { KNOWN_UNSIMULATED_FLAGS, SIMULATED_FLAGS, type SimulatedFlag } from './flag-table.ts';

export interface FlagValue {
  flag: string;
  /** as written, for messages */
  text: string;
  /** index of the (first) list item it was written in */
  index: number;
  value: string | number | boolean;
}

export interface NodesFlag {
  text: string;
  index: number;
  min: number;
  max: number;
  /** the node group's name: everything after the second colon */
  name: string;
}

export interface ReadFlags {
  /** scenario key -> the last value given for it */
  keys: Map<string, FlagValue>;
  nodes: NodesFlag[];
  /** flags no cluster-autoscaler has, with a close real one when there is */
  unknown: { index: number; flag: string; suggestion?: string }[];
  /** real flags the simulation does not model */
  unsimulated: { index: number; flag: string }[];
  problems: { index: number; message: string }[];
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function readClusterAutoscalerFlags(items: readonly string[]): ReadFlags {
  const out: ReadFlags = { keys: new Map(), nodes: [], unknown: [], unsimulated: [], problems: [] };
  for (let i = 0; i < items.length; i++) {
    const item = items[i].trim();
    const m = /^--?([A-Za-z0-9][A-Za-z0-9_.-]*)(?:=(.*))?$/s.exec(item);
    if (!m) {
      out.problems.push({ index: i, message: `"${items[i]}" is not a flag (write --name=value)` });
      continue;
    }
    const flag = m[1];
    let value: string | undefined = m[2];
    const spec = SIMULATED_FLAGS[flag];
    const takesValue = spec ? spec.type !== 'bool' : !KNOWN_UNSIMULATED_FLAGS.has(flag) || !looksBoolean(items[i + 1]);
    // Go's flag package reads `-name value` for a non-boolean flag from the next argument.
    if (value === undefined && takesValue && i + 1 < items.length && !items[i + 1].trim().startsWith('-')) {
      value = items[i + 1].trim();
      i++;
    }
    const index = value !== undefined && m[2] === undefined ? i - 1 : i;
    const text = m[2] === undefined && value !== undefined ? `${item} ${value}` : item;
    if (!spec) {
      if (KNOWN_UNSIMULATED_FLAGS.has(flag)) out.unsimulated.push({ index, flag });
      else out.unknown.push({ index, flag, suggestion: closest(flag, [...Object.keys(SIMULATED_FLAGS), ...KNOWN_UNSIMULATED_FLAGS]) });
      continue;
    }
    const parsed = parseValue(flag, spec, value, text);
    if (typeof parsed === 'string' && parsed.startsWith('!')) {
      out.problems.push({ index, message: parsed.slice(1) });
      continue;
    }
    if (spec.type === 'nodes') {
      const n = parsed as unknown as Omit<NodesFlag, 'text' | 'index'>;
      out.nodes.push({ ...n, text, index });
      continue;
    }
    out.keys.set(spec.key!, { flag, text, index, value: parsed as string | number | boolean });
  }
  return out;
}

const looksBoolean = (next: string | undefined) => next === undefined || GO_TRUE.has(next.trim()) || GO_FALSE.has(next.trim()) || next.trim().startsWith('-');

/** The flag's value, or a message starting with "!" when it is not one the binary would accept. */
function parseValue(flag: string, spec: SimulatedFlag, value: string | undefined, text: string): unknown {
  if (spec.type === 'bool') {
    if (value === undefined || GO_TRUE.has(value)) return true;
    if (GO_FALSE.has(value)) return false;
    return `!${text}: --${flag} takes true or false`;
  }
  if (value === undefined || value === '') return `!${text}: --${flag} needs a value (--${flag}=...)`;
  switch (spec.type) {
    case 'duration':
      // Go's time.ParseDuration wants a unit on every number except a bare 0.
      if (/^\d+(\.\d*)?$/.test(value) && Number(value) !== 0) return `!${text}: "${value}" has no unit (Go durations: 10s, 10m, 1h30m)`;
      try {
        parseDurationSec(value, `--${flag}`);
      } catch (e) {
        return `!${text}: ${(e as Error).message}`;
      }
      return value;
    case 'int':
      if (!/^[+-]?\d+$/.test(value)) return `!${text}: --${flag} takes a whole number`;
      return Number(value);
    case 'float': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) return `!${text}: --${flag} takes a number such as 0.5`;
      return n;
    }
    case 'nodes': {
      const m = /^(\d+):(\d+):(.+)$/.exec(value);
      if (!m) return `!${text}: --nodes takes <min>:<max>:<node group name>, e.g. --nodes=3:200:general`;
      return { min: Number(m[1]), max: Number(m[2]), name: m[3] };
    }
    default:
      return value;
  }
}
