/** Problems and notices found while reading manifests, each placed at the object's field. */
import type { z } from 'zod';
import { HeadroomError } from '../errors.ts';
import type { KeyPath } from '../input/document.ts';
import { fromZodIssues } from '../input/zod-issues.ts';
import type { ScenarioWarning } from '../input/warnings.ts';
import type { KubeObject } from './read.ts';
import type { ObjectSource } from './source.ts';

export class ManifestProblems {
  readonly errors: HeadroomError[] = [];
  readonly warnings: ScenarioWarning[] = [];

  error(source: ObjectSource, path: KeyPath, message: string, opts: { key?: boolean } = {}): void {
    this.errors.push(new HeadroomError('manifest', message, source.at(path, opts)));
  }

  warn(source: ObjectSource, path: KeyPath, message: string): void {
    this.warnings.push({ message, ...source.at(path) });
  }

  /** The object checked against its kind's schema; undefined (with errors) when it does not fit. */
  check<S extends z.ZodType>(obj: KubeObject, schema: S): z.output<S> | undefined {
    const parsed = schema.safeParse(obj.raw, { reportInput: true });
    if (parsed.success) return parsed.data;
    for (const issue of fromZodIssues(parsed.error.issues)) this.error(obj.source, issue.path, issue.message, { key: issue.atKey });
    return undefined;
  }
}
