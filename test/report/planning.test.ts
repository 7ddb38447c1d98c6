/**
 * The single-run report's "how much headroom to buy": the recommend --search command built from
 * the run (its scenario file, --set and read flags as given), kept in run-info.json so a rebuilt
 * page says the same, and the command as printed runs; without a fixed-count over-provisioner, a
 * sentence on what to do instead.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planningHint, shellWord } from '../../src/report/planning.ts';
import { headroomIn } from '../helpers/cli.ts';
import { smallFleet } from '../helpers/scenario.ts';

const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('planningHint', () => {
  const fixed = { scenarioFile: 'plans/shop.yaml', readFlags: ['--allow-read', '../traces'], overprovisioners: [{ name: 'headroom', replicasPerCluster: 30 }] };

  it('searches the fixed count from 0 to twice the run’s, with the run’s other overrides and read flags', () => {
    const h = planningHint(fixed, { scenario: 'shop', overrides: ['overprovisioner.0.replicasPerCluster=30', 'clusters=[az-a, az-b]', 'duration=2h'] });
    expect(h.command).toBe(
      "headroom recommend plans/shop.yaml --search overprovisioner.0.replicasPerCluster=0:60 --set 'clusters=[az-a, az-b]' --set duration=2h --allow-read ../traces --seeds 5",
    );
    expect(h.text).toContain('This run has 30 placeholders a cluster (headroom)');
  });

  it('searches at least 0..40, and the first fixed-count over-provisioner', () => {
    const h = planningHint({ readFlags: [], overprovisioners: [{ name: 'cpa', replicasPerCluster: null }, { name: 'small', replicasPerCluster: 0 }] }, { scenario: 'x' });
    expect(h.command).toBe('headroom recommend x.yaml --search overprovisioner.1.replicasPerCluster=0:40 --seeds 5');
  });

  it('says how to add one when there is none, and why not when it is cluster-proportional', () => {
    const none = planningHint({ readFlags: [], overprovisioners: [] }, {});
    expect(none.command).toBeNull();
    expect(none.text).toMatch(/^This scenario has no over-provisioner: add an `overprovisioner:` entry .*replicasPerCluster/);
    const cpa = planningHint({ readFlags: [], overprovisioners: [{ name: 'cpa', replicasPerCluster: null }] }, {});
    expect(cpa.command).toBeNull();
    expect(cpa.text).toMatch(/cluster-proportional/);
  });

  it('quotes a word the shell would split or expand', () => {
    expect(['a=b', 'x y', "it's", '$HOME', 'a/b.yaml'].map(shellWord)).toEqual(['a=b', "'x y'", `'it'\\''s'`, "'$HOME'", 'a/b.yaml']);
  });
});

describe('the report of a run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-planning-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the command, the same after a rebuild, and the command runs as printed', async () => {
    writeFileSync(join(dir, 'small.yaml'), smallFleet({ duration: '10m', placeholders: 2 }));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await headroomIn(['run', 'small.yaml', '--set', 'duration=5m', '--out', 'run', '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      const page = readFileSync('run/report.html', 'utf8');
      const card = page.slice(page.indexOf('<section class="card" id="headroom-to-buy">'));
      expect(page).toContain('<a href="#headroom-to-buy">Headroom to buy</a>');
      const command = unescape(/<code>([^<]*)<\/code>/.exec(card)![1]);
      expect(command).toBe('headroom recommend small.yaml --search overprovisioner.0.replicasPerCluster=0:40 --set duration=5m --seeds 5');
      expect(JSON.parse(readFileSync('run/run-info.json', 'utf8'))).toMatchObject({ scenarioFile: 'small.yaml', readFlags: [], overprovisioners: [{ name: 'headroom', replicasPerCluster: 2 }] });
      expect((await headroomIn(['report', 'run'])).code).toBe(0);
      expect(readFileSync('run/report.html', 'utf8')).toBe(page);
      const rec = await headroomIn([...command.split(' ').slice(1), '--workers', '1', '--quiet', '--out', 'rec']);
      expect([0, 1]).toContain(rec.code);
      expect(JSON.parse(readFileSync('rec/recommendation.json', 'utf8')).searched).toMatchObject({ path: 'overprovisioner.0.replicasPerCluster', low: 0, high: 40 });
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);
});
