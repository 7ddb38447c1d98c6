/**
 * docs/terraform.md against the code: its `npx headroom` commands run, in order, and print what
 * the doc shows after them (a text block: those lines; a json block: the scenario's first node
 * group; a yaml block: lines of the written file), with the exit code its `# exits N` says; its
 * worked table of allocatable figures is what the formulas give; its catalogue lists real families.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { familyOf, findInstanceType, INSTANCE_TYPES, nodeShape } from '../../src/cloud/index.ts';

const doc = readFileSync(new URL('../../docs/terraform.md', import.meta.url), 'utf8');
const MiB = 2 ** 20;

interface Block {
  lang: string;
  text: string;
}

const blocks: Block[] = [...doc.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));

describe('docs/terraform.md: the walkthrough runs as written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-tf-doc-'));
  const OUTS = ['fleet.yaml', 'gpu.yaml'];
  const toTemp = (arg: string) => (OUTS.includes(arg) ? join(dir, arg) : arg);
  const fromTemp = (s: string) => s.split(`${dir}/`).join('');
  const captured = { out: '', err: '' };

  beforeAll(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((captured.out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((captured.err += String(s)), true));
  });
  afterAll(() => vi.restoreAllMocks());

  const commands = blocks.flatMap((b, i) =>
    b.lang === 'sh' && b.text.trim().startsWith('npx headroom') ? [{ line: b.text.trim(), next: blocks[i + 1] as Block | undefined }] : [],
  );

  it('has the commands it walks through', () => {
    expect(commands.map((c) => c.line.split(/\s+/).slice(2, 3)[0])).toEqual(['import', 'validate', 'import', 'import']);
  });

  // Each depends on the files the ones before wrote, so they run in order in one test.
  it('each prints what the doc shows after it', async () => {
    for (const { line, next } of commands) {
      const [command, comment] = line.split('#');
      const args = command.trim().split(/\s+/).slice(2).map(toTemp);
      const exits = Number(/exits (\d+)/.exec(comment ?? '')?.[1] ?? 0);
      captured.out = '';
      captured.err = '';
      expect(await main(['node', 'headroom', ...args]), line).toBe(exits);
      const shown = fromTemp(captured.out + captured.err);
      if (next?.lang === 'text') {
        expect(shown.trim().split('\n').sort(), line).toEqual(next.text.trim().split('\n').sort());
      } else if (next?.lang === 'json') {
        const scenario = JSON.parse(captured.out);
        expect(scenario.clusters[0].nodeGroups[0], line).toMatchObject(JSON.parse(next.text));
      } else if (next?.lang === 'yaml') {
        expect(readFileSync(join(dir, 'fleet.yaml'), 'utf8'), line).toContain(next.text);
      }
    }
  });
});

describe('docs/terraform.md: the scenario the import writes', () => {
  it('holds the excerpt the walkthrough shows', async () => {
    const { importTerraform } = await import('../../src/import/terraform/index.ts');
    const excerpt = /`fleet\.yaml` names[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1];
    const text = importTerraform({ paths: ['test/fixtures/terraform/eks-plan.json'], outFile: 'fleet.yaml' }).text;
    expect(text).toContain(excerpt.split('\n\nnodeGroups:\n')[1]);
    expect(text).toContain(excerpt.split('\n\nnodeGroups:\n')[0]);
  });
});

describe('docs/terraform.md: the figures', () => {
  it('works the allocatable table out as the formulas do', () => {
    const table = doc.slice(doc.indexOf('\n| Instance type |') + 1).split('\n\n')[0].split('\n').slice(2);
    expect(table.length).toBeGreaterThanOrEqual(4);
    for (const row of table) {
      const [name, vcpu, memory, cpuReserved, cpu, memReserved, mem, pods] = row.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
      const type = findInstanceType(name)!;
      const shape = nodeShape(type);
      expect([type.vcpu, `${type.memoryMiB / 1024} GiB`], name).toEqual([Number(vcpu), memory]);
      expect(`${shape.reserved.kubeCpuMilli}m`, name).toBe(cpuReserved);
      expect(`${shape.allocatable.cpuMilli}m`, name).toBe(cpu);
      expect(`${shape.reserved.kubeMemoryBytes / MiB}Mi + ${shape.reserved.evictionMemoryBytes / MiB}Mi`, name).toBe(memReserved);
      expect(`${shape.allocatable.memoryBytes / MiB}Mi`, name).toBe(mem);
      expect(shape.allocatable.pods, name).toBe(Number(pods));
    }
  });

  it('names only families the catalogue has', () => {
    const section = doc.slice(doc.indexOf('### The catalogue'), doc.indexOf('A type not in the catalogue'));
    const families = new Set(INSTANCE_TYPES.map((t) => familyOf(t.name)));
    const named = [...section.matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1]).filter((f) => !['large', 'nano', 'amazon-eks-ami'].includes(f));
    expect(named.length).toBeGreaterThan(10);
    for (const f of named) expect(families, f).toContain(f);
  });
});
