/**
 * The layout's one rule, enforced: data flows one way through the layers, and no file takes part
 * in an import cycle. Every `import`, `import type`, `export … from` and `import()` of a relative
 * path under src/ is read as text and resolved to a file; the file's layer must be allowed to use
 * the target's layer. README.md ("How the code is laid out") explains the layers.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

/** Each layer, the files it holds (a folder or one file under src/), and the layers it may use besides itself. */
const LAYERS: Record<string, { holds: string[]; uses: string[] }> = {
  ground: { holds: ['errors.ts', 'quantity.ts', 'limits.ts', 'version.ts'], uses: [] },
  engine: { holds: ['engine'], uses: [] },
  maths: { holds: ['maths'], uses: ['ground'] },
  decisions: { holds: ['decisions'], uses: ['ground'] },
  cloud: { holds: ['cloud'], uses: ['ground'] },
  input: { holds: ['input'], uses: ['ground'] },
  terraform: { holds: ['terraform'], uses: ['cloud', 'input', 'ground'] },
  serving: { holds: ['serving'], uses: ['maths', 'ground'] },
  manifests: { holds: ['manifests'], uses: ['input', 'decisions', 'ground'] },
  traffic: { holds: ['traffic'], uses: ['scenario', 'maths', 'ground'] },
  scenario: { holds: ['scenario'], uses: ['manifests', 'terraform', 'input', 'decisions', 'serving', 'cloud', 'ground'] },
  sim: { holds: ['sim'], uses: ['engine', 'decisions', 'serving', 'maths', 'traffic', 'scenario', 'ground'] },
  metrics: { holds: ['metrics'], uses: ['sim', 'serving', 'maths', 'decisions', 'scenario', 'ground'] },
  run: { holds: ['run.ts', 'run'], uses: ['sim', 'metrics', 'traffic', 'scenario', 'serving', 'maths', 'ground'] },
  report: { holds: ['report'], uses: ['run', 'metrics', 'scenario', 'input', 'maths', 'ground'] },
  decide: { holds: ['decide'], uses: ['decisions', 'engine', 'scenario', 'input', 'ground'] },
  import: { holds: ['import'], uses: ['scenario', 'manifests', 'terraform', 'input', 'decisions', 'cloud', 'ground'] },
  check: { holds: ['check'], uses: ['run', 'report', 'metrics', 'scenario', 'input', 'ground'] },
  sweep: { holds: ['sweep'], uses: ['check', 'run', 'report', 'metrics', 'scenario', 'input', 'ground'] },
  rightsize: { holds: ['rightsize'], uses: ['sweep', 'run', 'report', 'metrics', 'scenario', 'decisions', 'input', 'ground'] },
  cli: { holds: ['cli'], uses: ['*'] },
};

/** Imports against the rule that are known and being removed; this list only ever shrinks. */
const KNOWN: string[] = [];
/** File cycles known and being removed (each as its sorted files joined by " "); this list only ever shrinks. */
const KNOWN_CYCLES: string[] = [];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}

const SPEC = /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(SPEC)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) out.push(resolve(dirname(file), spec));
  }
  return out;
}

function layerOf(file: string): string | undefined {
  const rel = relative(SRC, file).split('\\').join('/');
  for (const [name, l] of Object.entries(LAYERS)) {
    if (l.holds.some((h) => rel === h || rel.startsWith(`${h}/`))) return name;
  }
  return undefined;
}

const files = walk(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the layers', () => {
  it('place every file under src/ in a layer', () => {
    expect(files.filter((f) => layerOf(f) === undefined).map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('import only what their layer may use', () => {
    const bad: string[] = [];
    for (const [from, targets] of graph) {
      const a = layerOf(from)!;
      for (const to of targets) {
        const rel = `${relative(ROOT, from)} -> ${relative(ROOT, to)}`;
        if (!to.startsWith(SRC)) {
          bad.push(`${rel}: src/ imports from outside src/`);
          continue;
        }
        const b = layerOf(to);
        if (b === undefined || a === b) continue;
        const uses = LAYERS[a].uses;
        if (!uses.includes('*') && !uses.includes(b) && !KNOWN.includes(rel)) bad.push(`${rel}: ${a} may not use ${b}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('have no import cycle between files', () => {
    // Tarjan's strongly connected components over the file graph
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(relative(ROOT, w));
        } while (w !== v);
        if ((comp.length > 1 || (graph.get(v) ?? []).includes(v)) && !KNOWN_CYCLES.includes(comp.sort().join(' '))) cycles.push(comp.sort());
      }
    };
    for (const f of files) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('have no cycle between layers either', () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, targets] of graph) {
      for (const to of targets) {
        const a = layerOf(from);
        const b = layerOf(to);
        if (!a || !b || a === b || KNOWN.includes(`${relative(ROOT, from)} -> ${relative(ROOT, to)}`)) continue;
        if (!edges.has(a)) edges.set(a, new Set());
        edges.get(a)!.add(b);
      }
    }
    const reaches = (a: string, b: string, seen = new Set<string>()): boolean => {
      if (a === b) return true;
      if (seen.has(a)) return false;
      seen.add(a);
      return [...(edges.get(a) ?? [])].some((n) => reaches(n, b, seen));
    };
    const loops: string[] = [];
    for (const [a, bs] of edges) for (const b of bs) if (reaches(b, a)) loops.push(`${a} <-> ${b}`);
    expect(loops).toEqual([]);
  });
});
