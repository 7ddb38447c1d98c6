/**
 * The FailedScheduling message, built from the filter's Status on each node and preemption's own
 * message, as kube-scheduler's FitError.Error() writes it. The expected strings are the shapes
 * kube-scheduler prints (`kubectl describe pod`), e.g. "0/3 nodes are available: 3 Insufficient
 * cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
 */
import { describe, it, expect } from 'vitest';
import { fitErrorMessage, preemptionFailureMessage, reasonHistogram } from '../../../src/decisions/scheduler/fit-error.ts';
import { filter } from '../../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import { Gi, node, pod } from './fixtures.ts';

describe('reasonHistogram', () => {
  it('counts each reason over the nodes and sorts the lines as strings', () => {
    const s = (...reasons: string[]) => ({ code: 'Unschedulable' as const, reasons });
    const statuses = [
      ...Array.from({ length: 10 }, () => s('Insufficient memory')),
      s('Insufficient cpu', 'Insufficient memory'),
      s('Too many pods'),
      s('Too many pods'),
    ];
    // "10 …" sorts before "2 …" and "1 …" before both, as Go's sort.Strings does
    expect(reasonHistogram(statuses)).toEqual(['1 Insufficient cpu', '11 Insufficient memory', '2 Too many pods']);
  });
});

describe('fitErrorMessage and preemptionFailureMessage', () => {
  const full = () => node('n', { cpu: 4000, memory: 16 * Gi }, [pod({ cpu: 3500, memory: Gi, priority: 100 })]);

  it('a pod whose class never preempts', () => {
    const p = pod({ cpu: 1000, memory: Gi, never: true });
    const nodes = [full(), full(), full()];
    expect(fitErrorMessage(3, nodes.map((n) => filter(p, n)), preemptionFailureMessage(p, nodes))).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('no lower-priority pods anywhere', () => {
    const p = pod({ cpu: 1000, memory: Gi, priority: 100 });
    const nodes = [full(), full(), full()];
    expect(fitErrorMessage(3, nodes.map((n) => filter(p, n)), preemptionFailureMessage(p, nodes))).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });

  it('each node its own reason: too big for one, full of its peers on another, short even without victims on a third', () => {
    const p = pod({ cpu: 6000, memory: Gi, priority: 100 });
    const small = node('small', { cpu: 4000, memory: 16 * Gi });
    const peers = node('peers', { cpu: 8000, memory: 16 * Gi }, [pod({ cpu: 4000, memory: Gi, priority: 100 })]);
    // evicting the priority-0 pod frees 2 cores, but the priority-100 pod keeps 3 of 8: still short
    const mixed = node('mixed', { cpu: 8000, memory: 16 * Gi }, [pod({ cpu: 3000, memory: Gi, priority: 100 }), pod({ cpu: 2000, memory: Gi })]);
    const nodes = [small, peers, mixed];
    expect(fitErrorMessage(3, nodes.map((n) => filter(p, n)), preemptionFailureMessage(p, nodes))).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: ' +
        '1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it('every reason of a node is counted, and no nodes says so', () => {
    const p = pod({ cpu: 1000, memory: 2 * Gi });
    const n = node('n', { cpu: 1000, memory: 2 * Gi, pods: 1 }, [pod({ cpu: 500, memory: Gi, priority: 5 })]);
    expect(fitErrorMessage(1, [filter(p, n)])).toBe('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 Too many pods.');
    expect(fitErrorMessage(0, [])).toBe('0/0 nodes are available:');
  });
});
