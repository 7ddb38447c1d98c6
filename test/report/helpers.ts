/** Shared by the report tests: build a fixture's page into a temporary folder and read it back. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../../src/report/index.ts';
import { FIXTURES_DIR } from '../fixtures/runs.ts';

/** A private copy of a committed fixture folder, so tests never write into test/fixtures. */
export function copyFixture(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'headroom-report-')), name);
  cpSync(join(FIXTURES_DIR, name), dir, { recursive: true });
  return dir;
}

export interface BuiltReport {
  dir: string;
  path: string;
  html: string;
  summary: Record<string, unknown>;
}

export async function buildFixtureReport(name: string): Promise<BuiltReport> {
  const dir = copyFixture(name);
  const path = await buildReport(dir);
  return { dir, path, html: readFileSync(path, 'utf8'), summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) };
}

/** The attributes of every element with a data-key, in page order. */
export function dataKeyed(html: string): { tag: string; attrs: Record<string, string>; text: string }[] {
  const out: { tag: string; attrs: Record<string, string>; text: string }[] = [];
  const re = /<(\w+)((?:\s+[\w-]+="[^"]*")*)\s*>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (!m[2].includes('data-key=')) continue;
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    const rest = html.slice(re.lastIndex);
    const text = m[1] === 'td' ? rest.slice(0, rest.indexOf('</td>')) : (/<div class="value">([^<]*)<\/div>/.exec(rest)?.[1] ?? '');
    out.push({ tag: m[1], attrs, text });
  }
  return out;
}

/** Undo escapeHtml, for comparing attribute values with the raw names. */
export function unescapeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
