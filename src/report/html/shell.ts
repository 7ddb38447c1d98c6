/**
 * The frame of every page the report writes: a strict Content-Security-Policy (no script may
 * run, nothing may be fetched), the style sheet, and the body.
 */
import { escapeHtml, jsonForScript } from '../escape.ts';
import { PAGE_CSS } from './styles.ts';

/** No scripts, no fetches: only inline styles and data: images are allowed. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface ShellOptions {
  title: string;
  body: string;
  /** machine-readable data embedded as an inert JSON block (never executed) */
  data?: { id: string; value: unknown };
}

export function pageShell(o: ShellOptions): string {
  const data = o.data ? `\n<script type="application/json" id="${escapeHtml(o.data.id)}">${jsonForScript(o.data.value)}</script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="headroom">
<title>${escapeHtml(o.title)}</title>
<link rel="icon" href="data:,">
<style>${PAGE_CSS}</style>
</head>
<body>
${o.body}${data}
</body>
</html>
`;
}
