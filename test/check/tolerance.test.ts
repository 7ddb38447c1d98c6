import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../../src/errors.ts';
import { buildRules, parseToleranceFlag } from '../../src/check/tolerance.ts';
import { RULES } from '../../src/check/rules.ts';

describe('--tolerance key=spec', () => {
  // [flag, direction, relative, absolute]
  const good: [string, string, number | undefined, number | undefined][] = [
    ['latencyMs.p99=5%', 'higherIsWorse', 0.05, undefined],
    ['latencyMs.p99=+5%', 'higherIsWorse', 0.05, undefined],
    ['requests.errorRate=0.1pp', 'higherIsWorse', undefined, 0.001], // 0.1 points = 0.001
    ['requests.errorRate=.5pp', 'higherIsWorse', undefined, 0.005],
    ['pods.maxPending=3', 'higherIsWorse', undefined, 3],
    ['latencyMs.p50=10%,2', 'higherIsWorse', 0.1, 2],
    ['binPacking.workloadCpuRequestedShare=1pp', 'lowerIsWorse', undefined, 0.01],
    ['nodes.peak=10%', 'eitherIsWorse', 0.1, undefined], // neutral given a tolerance: both ways
    ['nodes.peak=+10%', 'higherIsWorse', 0.1, undefined],
    ['nodes.peak=-10%', 'lowerIsWorse', 0.1, undefined],
    ['cost.total=±2%', 'eitherIsWorse', 0.02, undefined],
    ['cost.total=off', 'neutral', undefined, undefined],
  ];
  it.each(good)('%s', (flag, direction, relative, absolute) => {
    const { rule } = parseToleranceFlag(flag);
    expect(rule.direction).toBe(direction);
    if (relative === undefined) expect(rule.tolerance).not.toHaveProperty('relative');
    else expect((rule.tolerance as { relative: number }).relative).toBeCloseTo(relative, 12);
    if (absolute === undefined) expect(rule.tolerance).not.toHaveProperty('absolute');
    else expect((rule.tolerance as { absolute: number }).absolute).toBeCloseTo(absolute, 12);
  });

  // [flag, part of the message]
  const bad: [string, string][] = [
    ['latencyMs.p999=5%', 'did you mean "latencyMs.p99"'],
    ['p99=5%', 'unknown number "p99"'],
    ['latencyMs.p99', 'takes key=value'],
    ['=5%', 'takes key=value'],
    ['latencyMs.p99=five', 'is not a tolerance'],
    ['latencyMs.p99=5%%', 'is not a tolerance'],
    ['latencyMs.p99=-', 'is not a tolerance'],
    ['latencyMs.p99=0.1pp', 'pp (percentage points) is for rates and shares'],
    ['latencyMs.p99=5%,6%', 'two relative tolerances'],
  ];
  it.each(bad)('%s is a usage error', (flag, message) => {
    let err: unknown;
    try {
      parseToleranceFlag(flag);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeadroomError);
    expect((err as HeadroomError).code).toBe('usage');
    expect((err as HeadroomError).message).toContain(message);
  });

  it('buildRules keeps the defaults and lets the last flag for a key win', () => {
    const rules = buildRules(['latencyMs.p99=5%', 'latencyMs.p99=7%']);
    expect(rules['latencyMs.p99'].tolerance).toEqual({ relative: 0.07 });
    expect(rules['cost.total']).toBe(RULES['cost.total']);
  });
});
