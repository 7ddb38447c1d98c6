import { describe, expect, it } from 'vitest';
import { filter, fits } from '../../../src/decisions/scheduler/plugins/noderesources/fit.ts';
import { node, pod } from './fixtures.ts';

// Modelled on kube-scheduler's fit_test.go (TestEnoughRequests), with our own numbers.
describe('NodeResourcesFit filter', () => {
  it.each([
    {
      // free: cpu 1000-600 = 400, memory 1000-600 = 400; the pod asks exactly that
      what: 'fits exactly into what is left',
      pod: pod({ cpu: 400, memory: 400 }),
      node: node('n', { cpu: 1000, memory: 1000 }, [pod({ cpu: 600, memory: 600 })]),
      code: 'Success',
      reasons: [],
    },
    {
      // free cpu 400 < 500
      what: 'one millicore too many',
      pod: pod({ cpu: 401, memory: 100 }),
      node: node('n', { cpu: 1000, memory: 1000 }, [pod({ cpu: 600, memory: 600 })]),
      code: 'Unschedulable',
      reasons: ['Insufficient cpu'],
    },
    {
      // free cpu 200 < 300, free memory 100 < 500
      what: 'short of both, reasons in kube-scheduler order',
      pod: pod({ cpu: 300, memory: 500 }),
      node: node('n', { cpu: 1000, memory: 1000 }, [pod({ cpu: 800, memory: 900 })]),
      code: 'Unschedulable',
      reasons: ['Insufficient cpu', 'Insufficient memory'],
    },
    {
      // 2 pods already on a node allowing 2: 2+1 > 2
      what: 'pod limit reached',
      pod: pod({ cpu: 1, memory: 1 }),
      node: node('n', { cpu: 1000, memory: 1000, pods: 2 }, [pod({ cpu: 0, memory: 0 }), pod({ cpu: 0, memory: 0 })]),
      code: 'Unschedulable',
      reasons: ['Too many pods'],
    },
    {
      what: 'pod limit applies to pods without requests too',
      pod: pod(),
      node: node('n', { cpu: 1000, memory: 1000, pods: 1 }, [pod({ cpu: 0, memory: 0 })]),
      code: 'Unschedulable',
      reasons: ['Too many pods'],
    },
    {
      // 2000m > the node's whole 1000m: no eviction can help
      what: 'bigger than the whole node is unresolvable',
      pod: pod({ cpu: 2000, memory: 10 }),
      node: node('n', { cpu: 1000, memory: 1000 }),
      code: 'UnschedulableAndUnresolvable',
      reasons: ['Insufficient cpu'],
    },
    {
      // 1200m requested on a 1000m node: free is -200, yet a pod asking for no cpu still fits
      what: 'a request of 0 fits an over-committed resource',
      pod: pod({ cpu: 0, memory: 100 }),
      node: node('n', { cpu: 1000, memory: 1000 }, [pod({ cpu: 1200, memory: 0 })]),
      code: 'Success',
      reasons: [],
    },
    {
      what: 'a pod with no requests fits an over-committed node',
      pod: pod(),
      node: node('n', { cpu: 1000, memory: 1000 }, [pod({ cpu: 1200, memory: 1200 })]),
      code: 'Success',
      reasons: [],
    },
  ])('$what', ({ pod: p, node: n, code, reasons }) => {
    expect(filter(p, n)).toEqual({ code, reasons });
    expect(fits(p, n)).toBe(code === 'Success');
  });
});

describe('nominated pods', () => {
  // node 1000m; a preemptor of priority 10 asking 600m is nominated to it
  const nominee = pod({ name: 'nominee', cpu: 600, memory: 0, priority: 10 });
  const withNominee = () => node('n', { cpu: 1000, memory: 1000, pods: 2 }, [], [nominee]);

  it.each([
    // 600 + 500 > 1000
    { what: 'a lower-priority pod sees the room as taken', priority: 5, code: 'Unschedulable' },
    { what: 'an equal-priority pod sees the room as taken', priority: 10, code: 'Unschedulable' },
    // a higher-priority pod may take the room (kube-scheduler ignores lower nominees)
    { what: 'a higher-priority pod ignores the nomination', priority: 11, code: 'Success' },
  ])('$what', ({ priority, code }) => {
    const p = pod({ cpu: 500, memory: 0, priority });
    expect(filter(p, withNominee()).code).toBe(code);
    expect(fits(p, withNominee())).toBe(code === 'Success');
  });

  it('a pod is not blocked by its own nomination', () => {
    expect(fits(nominee, withNominee())).toBe(true);
    // the simulation may hand over a copy: the same uid is the same pod
    const a = pod({ cpu: 600, memory: 0, priority: 10, uid: 7 });
    const b = { ...a };
    expect(fits(b, node('n', { cpu: 1000, memory: 1000 }, [], [a]))).toBe(true);
  });

  it('nominated pods count against the pod limit', () => {
    // 1 bound + 1 nominated + this one = 3 > 2
    const n = node('n', { cpu: 1000, memory: 1000, pods: 2 }, [pod({ cpu: 0, memory: 0 })], [nominee]);
    expect(filter(pod({ cpu: 0, memory: 0 }), n)).toEqual({ code: 'Unschedulable', reasons: ['Too many pods'] });
  });
});
