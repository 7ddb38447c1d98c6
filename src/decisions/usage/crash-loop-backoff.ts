/**
 * How long the kubelet waits before it restarts a container that crashed (an OOM kill, here):
 * kuberuntime_manager.go doBackOff asks flowcontrol.Backoff (client-go util/flowcontrol/backoff.go)
 * for the container's next delay. The first crash waits the initial 10 s; each crash after doubles
 * the last delay up to 300 s; a container that has gone 10 min (2 × the maximum, Backoff's
 * hasExpired) since its last back-off starts again from 10 s.
 */
import { CRASH_LOOP_BACKOFF } from '../defaults.ts';

/**
 * @param previousDelaySec the delay of the container's last back-off, 0 if it never crashed
 * @param sinceLastBackOffSec time from that back-off's start to this crash
 */
export function crashLoopBackOffSec(previousDelaySec: number, sinceLastBackOffSec: number): number {
  const { initialSec, maxSec, resetAfterSec } = CRASH_LOOP_BACKOFF;
  if (previousDelaySec <= 0 || sinceLastBackOffSec > resetAfterSec) return initialSec;
  return Math.min(previousDelaySec * 2, maxSec);
}
