/**
 * Whether `headroom import` was handed Terraform's output rather than manifests: a file whose JSON
 * carries Terraform's own keys (format_version, terraform_version), or a saved binary plan (a zip),
 * so that the Terraform reader can say precisely what is wrong with it.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

export function looksLikeTerraform(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const head = Buffer.alloc(2);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, 2, 0);
    } finally {
      closeSync(fd);
    }
    if (head.toString('latin1') === 'PK') return true;
    const text = readFileSync(path, 'utf8');
    try {
      const doc: unknown = JSON.parse(text);
      return typeof doc === 'object' && doc !== null && ('format_version' in doc || 'terraform_version' in doc);
    } catch {
      // broken JSON that starts as Terraform's does: the Terraform reader says where it breaks
      return /^\s*\{\s*"(format_version|terraform_version)"/.test(text);
    }
  } catch {
    return false;
  }
}
