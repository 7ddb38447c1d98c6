/**
 * Karpenter in the clusters that run it: its state per cluster, the batcher woken by pods the
 * scheduler finds no room for, the disruption controller on its 10 s poll, the termination of the
 * nodes it disrupts, and what it does when a launch fails (the offering goes into the
 * unavailable-offerings cache and the pods are batched again at once, and once more when the
 * cache forgets it).
 */
import { KARPENTER_DEFAULTS } from '../../decisions/defaults.ts';
import { PRIORITY, type World } from '../world.ts';
import { disruptionPass, replacementDone } from './disruption.ts';
import { batchTimer, noteNewPod } from './provisioner.ts';
import { KarpenterState } from './state.ts';
import { drainStep } from './termination.ts';

/** Karpenter's state per cluster (null where the cluster-autoscaler runs). */
export function installKarpenter(world: World): (KarpenterState | null)[] {
  const states = world.clusters.map((c) => (c.spec.karpenter === undefined ? null : new KarpenterState(c, c.spec.karpenter)));
  if (states.every((k) => k === null)) return states;
  const e = world.engine;
  const batch = e.defineKind('KarpenterBatch', PRIORITY.controller, (ci) => batchTimer(world, states[ci]!, batch));
  const wake = e.defineKind('KarpenterWake', PRIORITY.controller, (ci) => noteNewPod(world, states[ci]!, batch));
  const drain = e.defineKind('KarpenterDrain', PRIORITY.lifecycle, (uid) => {
    const node = world.nodes[uid];
    drainStep(world, states[node.cluster]!, node, drain);
  });
  const poll = e.defineKind('KarpenterDisruption', PRIORITY.controller, (ci, _b, now) => {
    disruptionPass(world, states[ci]!, drain);
    e.schedule(now + KARPENTER_DEFAULTS.disruptionPollSec, poll, ci);
  });
  world.onPodUnschedulable = (c) => {
    const k = states[c.index];
    if (k) noteNewPod(world, k, batch);
  };
  world.onLaunchFailed = (node) => {
    const k = states[node.cluster];
    if (!k) return;
    const o = k.offeringOfGroup[node.group];
    if (o < 0) return;
    const ttl = k.spec.unavailableOfferingsTtlSec;
    k.unavailableUntil[o] = world.now + ttl;
    replacementDone(world, k, node, drain);
    noteNewPod(world, k, batch);
    e.schedule(world.now + ttl, wake, node.cluster);
  };
  const prevReady = world.onNodeReady;
  world.onNodeReady = (node) => {
    prevReady(node);
    const k = states[node.cluster];
    if (k && k.replacing.has(node.uid)) replacementDone(world, k, node, drain);
  };
  for (const k of states) if (k) e.schedule(KARPENTER_DEFAULTS.disruptionPollSec, poll, k.cluster.index);
  return states;
}
