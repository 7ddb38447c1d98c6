/**
 * CapacityBuffers, resolved as far as they can be before the run: the pod each virtual replica
 * stands for (a template of its own, or a workload's pod for `percentOf`), its priority, and the
 * count rules (replicas, percent, limits) the simulation applies to the workload's replicas then.
 * Rules follow the cluster-autoscaler's buffer translators: at least one count rule is needed, and
 * a limit must name a resource the pod requests.
 */
import type { RawBuffer } from '../schema/index.ts';
import { didYouMean } from '../../input/suggest.ts';
import type { CapacityBufferSpec, PriorityClass, WorkloadSpec } from '../types.ts';
import { type At, bytes, checkUnique, type IssueSink, milli } from './context.ts';
import { resolvePriority } from './priority.ts';

export function normalizeBuffers(
  raw: readonly RawBuffer[],
  at: At,
  ctx: { sink: IssueSink; classes: readonly PriorityClass[]; workloads: readonly WorkloadSpec[] },
): CapacityBufferSpec[] {
  const { sink } = ctx;
  checkUnique(raw, at, 'buffer', sink);
  const out: CapacityBufferSpec[] = [];
  raw.forEach((b, i) => {
    const here: At = (sub = []) => at([i, ...sub]);
    if ((b.podTemplate === undefined) === (b.percentOf === undefined)) {
      sink.add(here(), 'a buffer needs either podTemplate (its own pod) or percentOf (a workload whose pods it stands for), not both');
      return;
    }
    if (b.percent !== undefined && b.percentOf === undefined) {
      sink.add(here(['percent']), 'percent applies to percentOf: a share of that workload\'s replicas', true);
    }
    if (b.replicas === undefined && b.percent === undefined && b.limits === undefined) {
      sink.add(here(), b.percentOf !== undefined ? 'needs percent, replicas or limits to size it' : 'needs replicas or limits to size it');
      return;
    }
    let spec: CapacityBufferSpec | undefined;
    if (b.podTemplate !== undefined) {
      const t = b.podTemplate;
      const priority = resolvePriority(t.priorityClass, ctx.classes, (sub = []) => here(['podTemplate', 'priorityClass', ...sub]), sink);
      spec = {
        name: b.name,
        requests: { cpuMilli: milli(t.requests.cpu), memoryBytes: bytes(t.requests.memory) },
        priorityClass: priority?.priorityClass ?? '',
        priority: priority?.priority ?? 0,
        labels: { ...(t.labels ?? {}) },
      };
    } else {
      const w = ctx.workloads.find((x) => x.name === b.percentOf);
      if (!w) {
        const names = ctx.workloads.map((x) => x.name);
        sink.add(here(['percentOf']), `unknown workload "${b.percentOf}"${didYouMean(b.percentOf!, names)}`);
        return;
      }
      spec = {
        name: b.name,
        requests: { ...w.requests },
        priorityClass: w.priorityClass,
        priority: w.priority,
        // Not the workload's labels: no PodDisruptionBudget of the workload covers room kept for it.
        labels: {},
      };
      // Without percent the workload only lends its pod; replicas or limits size the buffer.
      if (b.percent !== undefined) spec.percentOf = { workload: w.name, percent: b.percent };
    }
    if (spec.requests.cpuMilli === 0 && spec.requests.memoryBytes === 0) {
      sink.add(here(b.podTemplate ? ['podTemplate', 'requests'] : ['percentOf']), 'a buffer of pods that request nothing keeps no room');
    }
    if (b.replicas !== undefined) spec.replicas = b.replicas;
    if (b.limits !== undefined) {
      const limits: CapacityBufferSpec['limits'] = {};
      if (b.limits.cpu !== undefined) limits.cpuMilli = milli(b.limits.cpu);
      if (b.limits.memory !== undefined) limits.memoryBytes = bytes(b.limits.memory);
      const cpuCounts = limits.cpuMilli !== undefined && spec.requests.cpuMilli > 0;
      const memCounts = limits.memoryBytes !== undefined && spec.requests.memoryBytes > 0;
      if (!cpuCounts && !memCounts) sink.add(here(['limits']), 'limits must name a resource the buffer\'s pod requests (cpu or memory)');
      spec.limits = limits;
    }
    out.push(spec);
  });
  return out;
}
