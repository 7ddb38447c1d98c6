/** Reading manifest text the way `include:` does, with problems formatted as the CLI prints them. */
import { formatError } from '../../src/errors.ts';
import { ManifestProblems, parseManifests, readKubernetesObjects, type ManifestSet } from '../../src/manifests/index.ts';
import { formatWarning } from '../../src/input/warnings.ts';

export const FILE = 'deploy/app.yaml';

export interface Read {
  set: ManifestSet;
  errors: string[];
  warnings: string[];
}

export function read(text: string, file = FILE): Read {
  const problems = new ManifestProblems();
  const parsed = parseManifests(text, file);
  problems.errors.push(...parsed.errors);
  const set = readKubernetesObjects(parsed.objects, parsed.notObjects, problems);
  return { set, errors: problems.errors.map(formatError), warnings: problems.warnings.map(formatWarning) };
}

/** A Deployment with one container; `extra` is YAML appended under the pod spec. */
export function deployment(name: string, opts: { cpu?: string; memory?: string; replicas?: number; podSpec?: string; annotations?: string } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${opts.annotations ? `  annotations:\n${opts.annotations}\n` : ''}spec:
${opts.replicas !== undefined ? `  replicas: ${opts.replicas}\n` : ''}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${opts.podSpec ?? ''}      containers:
        - name: app
          image: example/${name}:1
          resources:
            requests: {cpu: ${opts.cpu ?? '500m'}, memory: ${opts.memory ?? '512Mi'}}
`;
}
