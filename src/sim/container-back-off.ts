/**
 * OOM kills and the kubelet's restart back-off over time: a killed container waits out
 * crashLoopBackOffSec (decisions/usage/crash-loop-backoff.ts: 10 s doubling to 5 min, reset after
 * 10 min of running) before it runs again, its pod NotReady meanwhile.
 */
import { crashLoopBackOffSec } from '../decisions/usage/crash-loop-backoff.ts';
import { PodColumn } from './pod-column.ts';
import type { Pod } from './types.ts';
import type { World } from './world.ts';

export class ContainerBackOff {
  /** by pod: when its last back-off began and how long it was */
  private readonly startedAt = new PodColumn();
  private readonly lengthSec = new PodColumn();
  /** when the last back-off begun so far ends: from then on until the next kill every container runs */
  endsAt = -Infinity;

  constructor(private readonly world: World) {}

  /** Kill the pod's container (over its memory limit) and restart it after the back-off. */
  kill(pod: Pod): void {
    const { world } = this;
    const now = world.now;
    this.startedAt.fit(world.pods.length);
    this.lengthSec.fit(world.pods.length);
    const delay = crashLoopBackOffSec(this.lengthSec.values[pod.uid], now - this.startedAt.values[pod.uid]);
    this.startedAt.values[pod.uid] = now;
    this.lengthSec.values[pod.uid] = delay;
    if (now + delay > this.endsAt) this.endsAt = now + delay;
    world.killContainer(pod, delay);
    world.log.add({
      time_s: now,
      cluster: world.clusters[pod.cluster].name,
      kind: 'Pod',
      reason: 'OOMKilled',
      object: pod.info.name,
      message: `container of ${pod.info.name} went over its memory limit and was killed; back-off ${delay}s restarting it`,
      node: pod.node?.name,
    });
  }

  /** Is the pod's container still waiting out its back-off now? */
  isWaiting(pod: Pod): boolean {
    const uid = pod.uid;
    if (uid >= this.startedAt.values.length || !(this.lengthSec.values[uid] > 0)) return false;
    return this.world.now < this.startedAt.values[uid] + this.lengthSec.values[uid];
  }
}
