/** Long work shows that it is alive: a bar on a terminal, a line every 30 s in a log (src/cli/progress.ts). */
import { describe, it, expect } from 'vitest';
import { progressLine, ProgressReporter } from '../../src/cli/progress.ts';

describe('progress of long work', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, advance: (sec: number) => (t += sec) };
  };

  it('in a log: nothing for the first 5 s, then a line every 30 s with the time so far and the time left', () => {
    const c = clock();
    const lines: string[] = [];
    const p = new ProgressReporter({ quiet: false, tty: false, now: c.now, write: (l) => lines.push(l) });
    for (let s = 0; s <= 100; s++) {
      p.update(s / 100, `${s}m of 100m simulated`);
      c.advance(1);
    }
    expect(lines).toEqual([
      'simulating: 5% (5m of 100m simulated), 5s so far, about 1m35s left\n',
      'simulating: 35% (35m of 100m simulated), 35s so far, about 1m05s left\n',
      'simulating: 65% (65m of 100m simulated), 1m05s so far, about 35s left\n',
      'simulating: 95% (95m of 100m simulated), 1m35s so far, about 5s left\n',
    ]);
  });

  it('a caller that knows the rate gives the time left itself; --quiet says nothing', () => {
    expect(progressLine('sweep', 0.5, 10, '50/100 runs, 2.00 runs/s', 25)).toBe('sweep: 50% (50/100 runs, 2.00 runs/s), 10s so far, about 25s left');
    const c = clock();
    const lines: string[] = [];
    const p = new ProgressReporter({ quiet: true, tty: false, now: c.now, write: (l) => lines.push(l) });
    c.advance(60);
    p.update(0.5);
    expect(lines).toEqual([]);
  });
});
