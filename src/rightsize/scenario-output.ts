/**
 * Every file `headroom rightsize SCENARIO --out DIR` writes, rendered in memory so the CLI writes
 * them together (atomically) or not at all.
 */
import { HeadroomError } from '../errors.ts';
import { POLICY_NAMES } from '../decisions/rightsize/policies.ts';
import { BURST_ROOM_SUFFIX } from './apply-policy.ts';
import { rightsizedYaml, type Folders } from './rightsized-yaml.ts';
import { scenarioRightsizeJson, scenarioRightsizeMarkdown } from './scenario-files.ts';
import { scenarioRightsizeHtml } from './scenario-html.ts';
import type { ScenarioRightsize } from './scenario-rightsize.ts';

export const RIGHTSIZE_FILES = ['rightsize.json', 'rightsize.md', 'rightsize.html', 'rightsized.yaml'] as const;

/** `--policy`: which policy's run rightsized.yaml takes (default the recommended one). */
export function checkPolicyName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const base = name.endsWith(BURST_ROOM_SUFFIX) ? name.slice(0, -BURST_ROOM_SUFFIX.length) : name;
  if (!(POLICY_NAMES as readonly string[]).includes(base)) {
    throw new HeadroomError('usage', `--policy ${name}: one of ${POLICY_NAMES.join(', ')}, or one of them + ${BURST_ROOM_SUFFIX} (its run with burst-room targets)`);
  }
  return name;
}

export interface RenderedRightsize {
  files: Record<(typeof RIGHTSIZE_FILES)[number], string>;
  /** files rightsized.yaml names outside its folder: `headroom run` needs --allow-read for them */
  outside: string[];
}

/** `folders`: where the scenario is and where rightsized.yaml goes, so its file paths still lead to the same files. */
export async function renderRightsize(r: ScenarioRightsize, plan: { text: string; sets: readonly string[] }, policy?: string, folders?: Folders): Promise<RenderedRightsize> {
  const chosen = policy ?? r.recommended;
  const row = chosen === null ? null : (r.policies.find((p) => p.name === chosen) ?? null);
  if (chosen !== null && row === null) {
    // Burst-room runs happen only when no policy met the SLO with targets that keep today's replicas.
    throw new HeadroomError('usage', `--policy ${chosen}: no such run (${r.policies.map((p) => p.name).join(', ')} ran)`);
  }
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
