/** Small scenarios for tests: a minimal valid one, changed with plain object edits. */
import { stringify } from 'yaml';
import { formatError, isHeadroomError, type HeadroomError, ValidationError } from '../../src/errors.ts';
import { parseScenario, type LoadOptions } from '../../src/scenario/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';

export const FILE = '/fixtures/scenario.yaml';

/** One cluster, one node group, one workload: every other key left to its default. */
export function minimal(): Record<string, any> {
  return {
    nodeGroups: [
      {
        name: 'general',
        allocatable: { cpu: '4', memory: '16Gi' },
        pricePerHour: 0.2,
        max: 10,
        initial: 2,
        provisioningDelay: { fixed: '60s' },
      },
    ],
    workloads: [{ name: 'web', requests: { cpu: '500m', memory: '512Mi' }, serviceTime: '50ms' }],
  };
}

export function load(raw: unknown, opts: LoadOptions = {}): Scenario {
  return parseScenario(stringify(raw), FILE, { checkFiles: false, ...opts });
}

/** The issues a scenario text is refused with, each formatted `file:line:col: path: message`. */
export function problems(text: string, opts: LoadOptions = {}): string[] {
  try {
    parseScenario(text, FILE, { checkFiles: false, ...opts });
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map(formatError);
    if (isHeadroomError(e)) return [formatError(e)];
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

export function problemsOf(raw: unknown, opts: LoadOptions = {}): string[] {
  return problems(stringify(raw), opts);
}

export function issuesOf(raw: unknown, opts: LoadOptions = {}): HeadroomError[] {
  try {
    load(raw, opts);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}
