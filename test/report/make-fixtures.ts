/** Regenerates the synthetic run folders under test/fixtures/ (see fixtures.ts). */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateFixtureRun } from '../../src/report/index.ts';
import { FIXTURES, FIXTURES_DIR } from './fixtures.ts';

for (const [name, options] of Object.entries(FIXTURES)) {
  const dir = join(FIXTURES_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  await generateFixtureRun(dir, options);
  process.stdout.write(`wrote ${dir}\n`);
}
