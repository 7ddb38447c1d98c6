/**
 * Reading and writing baseline files. `--baseline` names a file (one or more scenarios) or a
 * folder holding one file per scenario, `<scenario name>.json`. Anything wrong with a baseline is
 * a HeadroomError of code `baseline` naming the file and, when known, the line or key.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HeadroomError } from '../errors.ts';
import { toJson, writeFileAtomic } from '../report/write.ts';
import { jsonErrorPosition } from './json-position.ts';
import { BASELINE_FORMAT, BASELINE_FORMAT_VERSION, type BaselineEntry, type BaselineFile } from './types.ts';

const numbers = z.record(z.string(), z.number());

const runSchema = z.object({
  seed: z.number().int(),
  numbers,
  perCluster: z.record(z.string(), numbers),
  slo: z.object({ latencyP99Ms: z.number(), errorRate: z.number(), met: z.boolean() }),
});

const entrySchema = z.object({
  scenario: z.string().min(1),
  scenarioFile: z.string(),
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  headroomVersion: z.string(),
  sets: z.array(z.string()),
  currency: z.string(),
  runs: z.array(runSchema).min(1, 'a baseline needs at least one run'),
});

const fileSchema = z.object({
  format: z.literal(BASELINE_FORMAT, { error: `expected "${BASELINE_FORMAT}": is this a headroom baseline?` }),
  formatVersion: z.number().int(),
  scenarios: z.array(entrySchema),
});

/** The file name a scenario's baseline has inside a baseline folder. */
export function baselineFileName(scenarioName: string): string {
  const cleaned = scenarioName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return `${cleaned.length > 0 ? cleaned.slice(0, 100) : 'scenario'}.json`;
}

/** Parses and validates the text of one baseline file. */
export function parseBaseline(text: string, file: string): BaselineFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    throw new HeadroomError('baseline', `the baseline is not valid JSON (${message}); re-record it with headroom baseline`, {
      file,
      ...jsonErrorPosition(text),
    });
  }
  if (raw !== null && typeof raw === 'object' && typeof (raw as { formatVersion?: unknown }).formatVersion === 'number') {
    const v = (raw as { formatVersion: number }).formatVersion;
    if (v > BASELINE_FORMAT_VERSION) {
      throw new HeadroomError(
        'baseline',
        `the baseline has format version ${v}, newer than this headroom reads (${BASELINE_FORMAT_VERSION}); upgrade headroom or re-record it`,
        { file, path: 'formatVersion' },
      );
    }
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join('.');
    throw new HeadroomError('baseline', `malformed baseline: ${issue.message}; re-record it with headroom baseline`, {
      file,
      path: path.length > 0 ? path : undefined,
    });
  }
  const seen = new Set<string>();
  for (const [i, entry] of parsed.data.scenarios.entries()) {
    if (seen.has(entry.scenario)) {
      throw new HeadroomError('baseline', `scenario "${entry.scenario}" is recorded twice`, { file, path: `scenarios.${i}.scenario` });
    }
    seen.add(entry.scenario);
  }
  return { format: BASELINE_FORMAT, formatVersion: BASELINE_FORMAT_VERSION, scenarios: parsed.data.scenarios };
}

export function readBaselineFile(file: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new HeadroomError('baseline', `cannot read the baseline: ${why}; record one with headroom baseline <scenario> --out ${file}`, { file });
  }
  return parseBaseline(text, file);
}

/** A folder as `--out` takes it to mean a folder: one trailing slash, whatever the user typed. */
export function asFolderArg(path: string): string {
  return `${path.replace(/\/+$/, '')}/`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A baseline file or folder, opened: finds each scenario's entry. */
export interface BaselineSource {
  path: string;
  /** a single file holds every scenario: re-recording one means re-recording them all */
  kind: 'file' | 'folder';
  /** the entries of a single file (empty for a folder) */
  entries: BaselineEntry[];
  /** the scenario's recorded entry, and the file it came from; throws if there is none */
  entryFor(scenarioName: string): { entry: BaselineEntry; file: string };
}

export function openBaseline(path: string): BaselineSource {
  if (isDirectory(path)) {
    return {
      path,
      kind: 'folder',
      entries: [],
      entryFor(name) {
        const file = join(path, baselineFileName(name));
        if (!existsSync(file)) {
          const held = listBaselineFiles(path).join(', ') || 'no .json files';
          throw new HeadroomError(
            'baseline',
            `no baseline for scenario "${name}" in this folder (it holds ${held}); record it with headroom baseline <scenario> --out ${asFolderArg(path)}`,
            { file },
          );
        }
        const found = readBaselineFile(file).scenarios.find((e) => e.scenario === name);
        if (!found) {
          throw new HeadroomError('baseline', `the baseline file holds no scenario named "${name}"`, { file });
        }
        return { entry: found, file };
      },
    };
  }
  const loaded = readBaselineFile(path);
  return {
    path,
    kind: 'file',
    entries: loaded.scenarios,
    entryFor(name) {
      const found = loaded.scenarios.find((e) => e.scenario === name);
      if (!found) {
        const held = loaded.scenarios.map((e) => `"${e.scenario}"`).join(', ') || 'none';
        throw new HeadroomError(
          'baseline',
          `no baseline for scenario "${name}" (the file holds ${held}); record it with headroom baseline`,
          { file: path },
        );
      }
      return { entry: found, file: path };
    },
  };
}

export function baselineFile(entries: BaselineEntry[]): BaselineFile {
  return { format: BASELINE_FORMAT, formatVersion: BASELINE_FORMAT_VERSION, scenarios: entries };
}

/**
 * Writes entries to `out`: one file holding them all, or, when `out` is an existing folder or
 * ends with a slash, one `<scenario>.json` per entry inside it. Returns the paths written.
 */
export function writeBaseline(out: string, entries: BaselineEntry[]): string[] {
  if (out.endsWith('/') || isDirectory(out)) {
    const written: string[] = [];
    for (const entry of entries) {
      const file = join(out, baselineFileName(entry.scenario));
      writeFileAtomic(file, toJson(baselineFile([entry])));
      written.push(file);
    }
    return written;
  }
  writeFileAtomic(out, toJson(baselineFile(entries)));
  return [out];
}

/** Every baseline file of a folder (for messages listing what is there). */
export function listBaselineFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
}
