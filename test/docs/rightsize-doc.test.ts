/** docs/rightsize.md's examples run and show what its prose says. */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, headroomIn } from '../helpers/cli.ts';

const doc = readFileSync(join(ROOT, 'docs/rightsize.md'), 'utf8');
const EXAMPLES = join(ROOT, 'docs/examples/rightsize');

describe('docs/rightsize.md', () => {
  it('the example writes the table the page shows, and the JSON beside it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rightsize-')), 'web');
    const r = await headroomIn(['rightsize', join(EXAMPLES, 'cpu.json'), join(EXAMPLES, 'memory.json'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(out, 'recommendations.md'), 'utf8');
    const shown = /```\n(## goldilocks-burstable[\s\S]*?)```/.exec(doc)![1];
    expect(md).toContain(shown);
    const json = JSON.parse(readFileSync(join(out, 'recommendations.json'), 'utf8'));
    const web = json.containers[0];
    expect(web.workload).toBe('web');
    expect(web.pods).toBe(2);
    // "the guaranteed target ... 476m, above the 0.41 core the busier pod uses then"
    expect(web.policies['goldilocks-guaranteed'].requests.cpuMilli).toBe(476);
    expect(web.policies['goldilocks-guaranteed'].requests.cpuMilli).toBeGreaterThan(410);
    // "the upper bound ... widened for two days of history (× 1.5)": 714 / 476
    expect(web.vpa.upperBound.cpuMilli / web.vpa.target.cpuMilli).toBeCloseTo(1.5, 2);
    expect(doc).toContain('| web | app | 125m | 714m | 454Mi | 682Mi |');
  });

  it('a bad export is one line naming the file and the series, exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rightsize-bad-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { pod: 'web-1', container: 'app' }, values: [[1, 'NaN']] }] } }));
    const out = join(dir, 'out');
    const r = await headroomIn(['rightsize', join(EXAMPLES, 'cpu.json'), bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.json.*series \{pod="web-1",container="app"\}: the value is not a finite number/);
    expect(existsSync(out)).toBe(false);
  });
});
