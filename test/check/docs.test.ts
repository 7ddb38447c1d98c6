import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/rules.ts';
import { KEY_NUMBERS } from '../../src/metrics/summary-types.ts';

const doc = readFileSync(new URL('../../docs/check.md', import.meta.url), 'utf8');

describe('docs/check.md', () => {
  it('documents each number with its default direction and tolerance', () => {
    const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
    for (const key of KEY_NUMBERS) {
      const row = rows.find((r) => r.split('|')[1].includes(`\`${key}\``));
      expect(row, key).toBeDefined();
      const [, , worse, tolerance] = (row as string).split('|').map((c) => c.trim());
      const direction = { higherIsWorse: 'higher', lowerIsWorse: 'lower', neutral: 'neutral', eitherIsWorse: 'either' }[RULES[key].direction];
      expect(worse, key).toBe(direction);
      expect(tolerance.startsWith(RULES[key].describe), key).toBe(true);
    }
  });
});
