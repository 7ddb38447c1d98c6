/**
 * Whether `headroom import` was handed Terraform's output rather than manifests: a file whose JSON
 * carries Terraform's own keys (format_version, terraform_version), or a saved binary plan (a zip),
 * so that the Terraform reader can say precisely what is wrong with it.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { MAX_TERRAFORM_BYTES } from '../input/files.ts';

const TERRAFORM_START = /^\s*\{\s*"(format_version|terraform_version)"/;

function readHead(path: string): string {
  const head = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function looksLikeTerraform(path: string): boolean {
  try {
    const st = statSync(path);
    if (!st.isFile()) return false;
    const head = readHead(path);
    if (head.startsWith('PK')) return true;
    // too large to read whole: the Terraform reader says so if it starts as Terraform's output does
    if (st.size > MAX_TERRAFORM_BYTES) return TERRAFORM_START.test(head);
    const text = readFileSync(path, 'utf8');
    try {
      const doc: unknown = JSON.parse(text);
      return typeof doc === 'object' && doc !== null && ('format_version' in doc || 'terraform_version' in doc);
    } catch {
      // broken JSON that starts as Terraform's does: the Terraform reader says where it breaks
      return TERRAFORM_START.test(text);
    }
  } catch {
    return false;
  }
}
