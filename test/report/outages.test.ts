import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/run.ts';
import { writeRunOutputs } from '../../src/report/outputs.ts';
import { scenarioFromYaml, smallFleet } from '../helpers/scenario.ts';

describe('the report of a run with a zone outage', () => {
  it('shows the errors of the outage window and when latency recovered', async () => {
    const yaml = `${smallFleet({ duration: '30m', rate: 400, replicas: 6, clusters: '[az-a, az-b, az-c]' })}
routing:
  outages: [{at: 10m, cluster: az-c, for: 5m, autoShift: true}]
`;
    const result = await runScenario(scenarioFromYaml(yaml));
    const dir = mkdtempSync(join(tmpdir(), 'headroom-outage-'));
    try {
      await writeRunOutputs(dir, result, { wallSec: 1, report: true });
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      const [o] = result.summary.outages;
      expect(html).toContain('<h2>Zone outages</h2>');
      expect(html).toContain('data-outage="az-c"');
      expect(html).toContain(`data-value="${o.failed}"`);
      expect(html).toMatch(/after \d/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
