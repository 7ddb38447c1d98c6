/**
 * What `headroom rightsize FILE...` was given: one scenario (.yaml/.yml) to re-simulate, or usage
 * exports (.json Prometheus answers, .csv) to recommend from. A file of another extension is told
 * by its first line; one that is neither is a one-line error naming it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { HeadroomError } from '../errors.ts';
import { ioReason } from '../report/write.ts';

export type InputKind = 'scenario' | 'export';

const SCENARIO_KEY = /^(name|seed|duration|step|clusters|nodeGroups|workloads|include|priorityClasses|overprovisioner)\s*:/m;

export function inputKind(file: string, firstText: () => string): InputKind {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'scenario';
  if (ext === '.json' || ext === '.csv') return 'export';
  const text = firstText();
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#')) ?? '';
  if (first.trimStart().startsWith('{')) return 'export';
  if (/^[^:]*timestamp[^:]*,/.test(first)) return 'export';
  if (SCENARIO_KEY.test(text)) return 'scenario';
  throw new HeadroomError('usage', `${file}: neither a scenario (.yaml, .yml) nor a usage export (Prometheus query_range JSON, or CSV with timestamp,pod,container,metric,value)`);
}

/** One scenario, or exports only; a scenario with exports takes them through --usage. */
export function splitInputs(files: readonly string[], kinds: readonly InputKind[]): { scenario?: string; exports: string[] } {
  const scenarios = files.filter((_, i) => kinds[i] === 'scenario');
  const exports = files.filter((_, i) => kinds[i] === 'export');
  if (scenarios.length > 1) throw new HeadroomError('usage', `rightsize takes one scenario, got ${scenarios.length} (${scenarios.join(', ')})`);
  if (scenarios.length === 1 && exports.length > 0) {
    throw new HeadroomError('usage', `give the usage export of a scenario with --usage: headroom rightsize ${scenarios[0]} --usage ${exports.join(' ')}`);
  }
  return { scenario: scenarios[0], exports };
}

/** The first 4 KiB of a file, to tell its kind. */
export function readHead(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } catch (e) {
    throw new HeadroomError('input', `cannot read it: ${ioReason(e)}`, { file });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
