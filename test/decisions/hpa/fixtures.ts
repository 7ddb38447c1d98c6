/**
 * Fluent pods for HPA tests. A pod is by default Running, Ready for long (started 600 s ago,
 * Ready since 570 s ago, well past the 300 s cpu initialization period), requesting 1000m.
 */
import type { HpaPod } from '../../../src/decisions/hpa/types.ts';

export class PodBuilder {
  private pod: HpaPod;

  constructor(name: string) {
    this.pod = {
      name,
      phase: 'Running',
      ready: true,
      deleting: false,
      startedAgoSec: 600,
      readySinceAgoSec: 570,
      cpuRequestMilli: 1000,
    };
  }

  req(milli: number): this {
    this.pod.cpuRequestMilli = milli;
    return this;
  }

  use(milli: number): this {
    this.pod.cpuUsageMilli = milli;
    return this;
  }

  /** Not Ready and never has been (its Ready condition last changed when it started). */
  neverReady(): this {
    this.pod.ready = false;
    this.pod.readySinceAgoSec = this.pod.startedAgoSec;
    return this;
  }

  /** Started a minute ago and Ready for 15 s: its 30 s sample still covers start-up. */
  hot(): this {
    this.pod.startedAgoSec = 60;
    this.pod.readySinceAgoSec = 15;
    return this;
  }

  pending(): this {
    this.pod.phase = 'Pending';
    this.pod.ready = false;
    return this;
  }

  failed(): this {
    this.pod.phase = 'Failed';
    this.pod.ready = false;
    return this;
  }

  deleting(): this {
    this.pod.deleting = true;
    return this;
  }

  started(agoSec: number, readySinceAgoSec: number, ready: boolean): this {
    this.pod.startedAgoSec = agoSec;
    this.pod.readySinceAgoSec = readySinceAgoSec;
    this.pod.ready = ready;
    return this;
  }

  obj(): HpaPod {
    return { ...this.pod };
  }
}

export function pod(name: string): PodBuilder {
  return new PodBuilder(name);
}

/** Ready pods p0, p1, ... each requesting reqMilli and using the given millicores. */
export function readyPods(reqMilli: number, ...usesMilli: number[]): HpaPod[] {
  return usesMilli.map((u, i) => pod(`p${i}`).req(reqMilli).use(u).obj());
}
