/**
 * What the docs tests share: a doc's fenced blocks, a `headroom` command line run in-process with
 * its output captured, and the figures a `# p99 N ms, errors X%, cost Y USD` line states, held to
 * a run's summary within a tolerance.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { headroomIn } from '../helpers/cli.ts';

export interface Block {
  lang: string;
  text: string;
}

export function readDoc(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}

export function fencedBlocks(doc: string): Block[] {
  return [...doc.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
}

/** A command line's words, quotes kept together (`'clusters=[az-a, az-b]'` is one word). */
export function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** The words after `npx headroom` / `headroom`, run through main(), with what it printed. */
export async function runHeadroom(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await headroomIn(args);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

/**
 * Runs each command line's words (after `npx headroom`) with `dir` as the working folder, so
 * reports/ is written there; scenarios/ paths are read from the repo. Fails on a non-zero exit.
 */
export async function runCommandsIn(dir: string, commands: readonly string[][]): Promise<void> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    for (const args of commands) {
      const r = await runHeadroom(args.map((a) => (a.startsWith('scenarios/') ? join(cwd, a) : a)));
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
    }
  } finally {
    process.chdir(cwd);
  }
}

export interface StatedFigures {
  p99Ms?: number;
  errorPercent?: number;
  cost?: number;
}

/** `p99 2,004 ms`, `errors 0.42%`, `cost 51.23 USD` where a line of prose states them. */
export function statedFigures(text: string): StatedFigures {
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1].replace(/,/g, '')) : undefined;
  };
  return { p99Ms: num(/p99 (?:about )?([\d,.]+) ms/), errorPercent: num(/errors ([\d.]+)%/), cost: num(/cost (?:of )?([\d,.]+) USD/) };
}

interface SummaryFigures {
  latencyMs: { p99: number };
  requests: { errorRate: number };
  cost: { total: number };
}

/**
 * The stated figures against a summary: p99 within 2%, cost within 1% (both print rounded), the
 * error rate within 25% or 0.001 percentage points (a rate of a few in a million prints as 0.001%).
 */
export function expectFigures(summary: SummaryFigures, stated: StatedFigures, what: string): void {
  if (stated.p99Ms !== undefined) expect(Math.abs(summary.latencyMs.p99 / stated.p99Ms - 1), `${what}: p99 ${summary.latencyMs.p99}`).toBeLessThan(0.02);
  if (stated.cost !== undefined) expect(Math.abs(summary.cost.total / stated.cost - 1), `${what}: cost ${summary.cost.total}`).toBeLessThan(0.01);
  if (stated.errorPercent !== undefined) {
    const percent = summary.requests.errorRate * 100;
    const off = Math.abs(percent - stated.errorPercent);
    expect(off <= 0.001 || off / stated.errorPercent < 0.25, `${what}: errors ${percent}%`).toBe(true);
  }
}
