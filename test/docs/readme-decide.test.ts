/**
 * Every example of README's "decide" section runs, and answers what its `# ...` line shows (`...`
 * stands for any text).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDecisionKind, runDecide } from '../../src/cli/decide.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### decide'), readme.indexOf('## Scenario reference'));
const block = /```sh\n([\s\S]*?)```/.exec(section)![1];

interface Example {
  kind: string;
  input: string;
  expected?: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  const re = /echo '([\s\S]*?)'\s*\\?\s*\|\s*npx headroom decide ([\w-]+)\n(?:# (.*)\n)?/g;
  for (const m of block.matchAll(re)) out.push({ input: m[1], kind: m[2], expected: m[3] });
  return out;
}

const pattern = (expected: string) => new RegExp(`^${expected.split('...').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?')}$`);

describe("README's decide examples", () => {
  const all = examples();
  it('are all found', () => {
    expect(all.map((e) => e.kind)).toEqual(['schedule', 'scale-up', 'scale-up', 'scale-down', 'hpa', 'deployment', 'provision', 'consolidate', 'usage']);
  });

  it.each(all.map((e, i) => [i, e] as const))('example %i (%s) answers as shown', (_i, e) => {
    if (!isDecisionKind(e.kind)) throw new Error(`unknown decision ${e.kind}`);
    const { stdout, errors } = runDecide(e.kind, e.input, false);
    expect(errors).toEqual([]);
    if (e.expected) expect(stdout.trim()).toMatch(pattern(e.expected));
  });
});
