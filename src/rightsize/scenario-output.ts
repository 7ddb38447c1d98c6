/**
 * Every file `headroom rightsize SCENARIO --out DIR` writes, rendered in memory so the CLI writes
 * them together (atomically) or not at all.
 */
import { HeadroomError } from '../errors.ts';
import { POLICY_NAMES, type PolicyName } from '../decisions/rightsize/policies.ts';
import { rightsizedYaml, type Folders } from './rightsized-yaml.ts';
import { scenarioRightsizeJson, scenarioRightsizeMarkdown } from './scenario-files.ts';
import { scenarioRightsizeHtml } from './scenario-html.ts';
import type { ScenarioRightsize } from './scenario-rightsize.ts';

export const RIGHTSIZE_FILES = ['rightsize.json', 'rightsize.md', 'rightsize.html', 'rightsized.yaml'] as const;

/** `--policy`: which policy rightsized.yaml takes (default the recommended one). */
export function checkPolicyName(name: string | undefined): PolicyName | undefined {
  if (name === undefined) return undefined;
  if (!(POLICY_NAMES as readonly string[]).includes(name)) throw new HeadroomError('usage', `--policy ${name}: one of ${POLICY_NAMES.join(', ')}`);
  return name as PolicyName;
}

export interface RenderedRightsize {
  files: Record<(typeof RIGHTSIZE_FILES)[number], string>;
  /** files rightsized.yaml names outside its folder: `headroom run` needs --allow-read for them */
  outside: string[];
}

/** `folders`: where the scenario is and where rightsized.yaml goes, so its file paths still lead to the same files. */
export async function renderRightsize(r: ScenarioRightsize, plan: { text: string; sets: readonly string[] }, policy?: PolicyName, folders?: Folders): Promise<RenderedRightsize> {
  const chosen = policy ?? r.recommended;
  const row = chosen === null ? null : r.policies.find((p) => p.name === chosen)!;
  const source = r.scenario.file ?? r.scenario.name;
  const flags = [...plan.sets.map((s) => ` --set ${s}`), ...(policy ? [` --policy ${policy}`] : [])].join('');
  const header = row
    ? `The requests of policy ${row.name} (headroom rightsize ${source}${flags}); rightsize.md beside this file compares it with today's.`
    : `No policy met the SLO with no OOM kill (headroom rightsize ${source}${flags}): today's requests, unchanged. rightsize.md beside this file says why.`;
  const yaml = rightsizedYaml(plan.text, plan.sets, row?.applied ?? null, header, folders);
  return {
    files: {
      'rightsize.json': scenarioRightsizeJson(r),
      'rightsize.md': scenarioRightsizeMarkdown(r),
      'rightsize.html': await scenarioRightsizeHtml(r),
      'rightsized.yaml': yaml.text,
    },
    outside: yaml.outside,
  };
}
