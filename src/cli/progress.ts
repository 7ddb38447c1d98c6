/**
 * Progress of long work on stderr, never with --quiet: on a terminal a bar with the time left,
 * once the work has lasted a second; elsewhere (CI logs, pipes) one line every half minute once
 * it has lasted five seconds, so a long job shows it is alive without flooding the log.
 * `headroom run` reports simulated time, sweeps report runs.
 */
import cliProgress from 'cli-progress';

/** Seconds before a bar appears on a terminal, and before the first line in a log. */
const BAR_AFTER_SEC = 1;
const LINES_AFTER_SEC = 5;
/** Seconds between two lines in a log. */
const LINE_EVERY_SEC = 30;

export interface ProgressOptions {
  quiet: boolean;
  /** what is being done: `simulating`, `sweep` */
  label?: string;
  /** stderr is a terminal (default: asked of process.stderr) */
  tty?: boolean;
  /** the clock, in seconds (tests pass their own) */
  now?: () => number;
  write?: (line: string) => void;
}

export class ProgressReporter {
  private bar: cliProgress.SingleBar | null = null;
  private readonly now: () => number;
  private readonly startedAt: number;
  private readonly tty: boolean;
  private readonly label: string;
  private readonly write: (line: string) => void;
  private nextLineAt: number;
  private stopped = false;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? (() => performance.now() / 1000);
    this.startedAt = this.now();
    this.tty = opts.tty ?? Boolean(process.stderr.isTTY);
    this.label = opts.label ?? 'simulating';
    this.write = opts.write ?? ((line) => process.stderr.write(line));
    this.nextLineAt = this.startedAt + LINES_AFTER_SEC;
  }

  /**
   * `fraction` in [0, 1]; `detail` says what it stands for (`2h of 6h simulated`); `leftSec`, when
   * the caller knows better (a sweep's recent rate), the time left; else it is extrapolated.
   */
  update(fraction: number, detail?: string, leftSec?: number): void {
    if (this.opts.quiet || this.stopped) return;
    const now = this.now();
    const elapsed = now - this.startedAt;
    const left = leftSec ?? timeLeft(fraction, elapsed);
    if (this.tty) {
      const payload = { detail: detail ?? '', left: formatSeconds(left) };
      if (!this.bar) {
        if (elapsed < BAR_AFTER_SEC) return;
        this.bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: `${this.label} [{bar}] {percentage}% | {detail} | {left} left`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(1000, 0, payload);
      }
      this.bar.update(Math.round(fraction * 1000), payload);
      return;
    }
    if (now < this.nextLineAt) return;
    this.nextLineAt = now + LINE_EVERY_SEC;
    this.write(`${progressLine(this.label, fraction, elapsed, detail, left)}\n`);
  }

  /** Seconds since the reporter was made. */
  elapsedSec(): number {
    return this.now() - this.startedAt;
  }

  stop(): void {
    this.stopped = true;
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }
}

function timeLeft(fraction: number, elapsedSec: number): number {
  return fraction > 0 ? (elapsedSec * (1 - fraction)) / fraction : NaN;
}

/** `simulating: 42% (2h31m of 6h simulated), 12s so far, about 17s left` */
export function progressLine(label: string, fraction: number, elapsedSec: number, detail?: string, leftSec = timeLeft(fraction, elapsedSec)): string {
  const pct = `${Math.floor(fraction * 100)}%`;
  const left = Number.isFinite(leftSec) ? `, about ${formatSeconds(leftSec)} left` : '';
  return `${label}: ${pct}${detail ? ` (${detail})` : ''}, ${formatSeconds(elapsedSec)} so far${left}`;
}

export function formatSeconds(sec: number): string {
  if (!Number.isFinite(sec)) return '-';
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
