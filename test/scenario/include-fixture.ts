/** Scenarios with included manifests, written to a temporary folder (paths are relative to it). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { formatError, isHeadroomError, ValidationError } from '../../src/errors.ts';
import { loadScenarioResult, type LoadOptions, type LoadResult } from '../../src/scenario/index.ts';
import { formatWarning } from '../../src/input/warnings.ts';

/** Writes `files` (relative path -> text, or data written as YAML) under a new folder; returns it. */
export function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-include-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, typeof content === 'string' ? content : stringify(content));
  }
  return dir;
}

/** Loads `<dir>/scenario.yaml`, with messages naming files relative to the folder. */
export function loadIn(dir: string, opts: LoadOptions = {}): LoadResult & { warningText: string[] } {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const r = loadScenarioResult('scenario.yaml', { checkFiles: false, ...opts });
    return { ...r, warningText: r.warnings.map(formatWarning) };
  } finally {
    process.chdir(cwd);
  }
}

export function problemsIn(dir: string, opts: LoadOptions = {}): string[] {
  try {
    loadIn(dir, opts);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map(formatError);
    if (isHeadroomError(e)) return [formatError(e)];
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

export const NODE_GROUP = {
  name: 'general',
  allocatable: { cpu: '8', memory: '32Gi' },
  pricePerHour: 0.4,
  max: 50,
  initial: 10,
  provisioningDelay: '60s',
};

export function deployment(name: string, extra: { annotations?: Record<string, string>; replicas?: number; podSpec?: Record<string, unknown>; cpu?: string } = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, annotations: extra.annotations ?? { 'headroom/service-time': '50ms' } },
    spec: {
      ...(extra.replicas !== undefined ? { replicas: extra.replicas } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(extra.podSpec ?? {}),
          containers: [{ name: 'app', image: `example/${name}:1`, resources: { requests: { cpu: extra.cpu ?? '500m', memory: '512Mi' } } }],
        },
      },
    },
  };
}

/** Several objects as one multi-document YAML text. */
export function docs(...objects: unknown[]): string {
  return objects.map((o) => stringify(o)).join('---\n');
}
