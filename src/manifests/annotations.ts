/**
 * `headroom/*` annotations: what a Deployment's pods do with a request, which Kubernetes does not
 * know. Each value is read as YAML, so a map fits in one annotation:
 *
 *   headroom/service-time: 50ms                  (or "{mean: 50ms, p99: 400ms}")
 *   headroom/concurrency: "4"
 *   headroom/startup-delay: "{dist: uniform, min: 20s, max: 40s}"
 *   headroom/timeout: 2s
 *
 * They may sit on the Deployment or on its pod template; the Deployment's win.
 */
import { parse as parseYaml } from 'yaml';
import type { KeyPath } from '../input/document.ts';
import { didYouMean } from '../input/suggest.ts';
import type { ManifestProblems } from './problems.ts';
import type { ObjectSource } from './source.ts';
import type { HeadroomAnnotations } from './types.ts';

export const ANNOTATION_PREFIX = 'headroom/';

export const ANNOTATIONS: Record<string, keyof HeadroomAnnotations> = {
  'headroom/service-time': 'serviceTime',
  'headroom/concurrency': 'concurrency',
  'headroom/startup-delay': 'startupDelay',
  'headroom/timeout': 'timeout',
};

interface Place {
  annotations: Record<string, string> | undefined;
  path: KeyPath;
}

export function readAnnotations(places: readonly Place[], source: ObjectSource, problems: ManifestProblems): HeadroomAnnotations {
  const out: HeadroomAnnotations = {};
  for (const place of places) {
    for (const [key, text] of Object.entries(place.annotations ?? {})) {
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      const path = [...place.path, key];
      const field = ANNOTATIONS[key];
      if (field === undefined) {
        problems.warn(source, path, `unknown annotation ${key}${didYouMean(key, Object.keys(ANNOTATIONS))}; headroom reads ${Object.keys(ANNOTATIONS).join(', ')}`);
        continue;
      }
      if (out[field] !== undefined) continue; // the Deployment's own annotation came first
      let value: unknown;
      try {
        value = parseYaml(text);
      } catch (e) {
        problems.error(source, path, `${key}: "${text}" is not a value headroom can read (${(e as Error).message.split('\n')[0]})`);
        continue;
      }
      out[field] = { value: value ?? text, path };
    }
  }
  return out;
}
