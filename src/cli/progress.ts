/**
 * Progress of a long run on stderr, never with --quiet: on a terminal a bar with the time left,
 * once the run has lasted a second; elsewhere (CI logs, pipes) one line every half minute once it
 * has lasted five seconds, so a long job shows it is alive without flooding the log.
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

  /** `fraction` in [0, 1]; `detail` says what it stands for (`2h of 6h simulated`). */
  update(fraction: number, detail?: string): void {
    if (this.opts.quiet || this.stopped) return;
    const now = this.now();
    const elapsed = now - this.startedAt;
    if (this.tty) {
      if (!this.bar) {
        if (elapsed < BAR_AFTER_SEC) return;
        this.bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: `${this.label} [{bar}] {percentage}% | {detail} | eta {eta_formatted}`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(1000, 0, { detail: detail ?? '' });
      }
      this.bar.update(Math.round(fraction * 1000), { detail: detail ?? '' });
      return;
    }
    if (now < this.nextLineAt) return;
    this.nextLineAt = now + LINE_EVERY_SEC;
    this.write(`${progressLine(this.label, fraction, elapsed, detail)}\n`);
  }

  stop(): void {
    this.stopped = true;
    if (this.bar) {
      this.bar.update(1000);
      this.bar.stop();
      this.bar = null;
    }
  }
}

/** `simulating: 42% (2h31m of 6h simulated), 12s so far, about 17s left` */
export function progressLine(label: string, fraction: number, elapsedSec: number, detail?: string): string {
  const pct = `${Math.floor(fraction * 100)}%`;
  const left = fraction > 0 ? `, about ${formatSeconds((elapsedSec * (1 - fraction)) / fraction)} left` : '';
  return `${label}: ${pct}${detail ? ` (${detail})` : ''}, ${formatSeconds(elapsedSec)} so far${left}`;
}

export function formatSeconds(sec: number): string {
  if (!Number.isFinite(sec)) return '-';
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
