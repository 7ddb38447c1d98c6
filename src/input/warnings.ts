/**
 * Warnings: things the loader noticed and chose to go on with (a Kubernetes kind it does not read,
 * a cluster-autoscaler flag it does not know). The loader returns them; the CLI prints them.
 */
import type { ErrorLocation } from '../errors.ts';

export interface ScenarioWarning extends ErrorLocation {
  message: string;
}

/** `file:line: path: message`, leaving out what is unknown (as formatError does for errors). */
export function formatWarning(w: ScenarioWarning): string {
  let where = '';
  if (w.file) where += w.file;
  if (w.line !== undefined) where += `:${w.line}`;
  if (w.line !== undefined && w.column !== undefined) where += `:${w.column}`;
  const head = [where, w.path].filter((s) => s && s.length > 0).join(': ');
  return head ? `${head}: ${w.message}` : w.message;
}
