/**
 * A progress bar on stderr for runs that last more than a second, only when stderr is a terminal
 * (never in CI logs or pipes) and not with --quiet.
 */
import cliProgress from 'cli-progress';

export class ProgressReporter {
  private bar: cliProgress.SingleBar | null = null;
  private readonly startedAt = performance.now();
  private readonly enabled: boolean;

  constructor(quiet: boolean, private readonly label = 'simulating') {
    this.enabled = !quiet && Boolean(process.stderr.isTTY);
  }

  /** fraction in [0, 1] */
  update(fraction: number): void {
    if (!this.enabled) return;
    if (!this.bar) {
      if (performance.now() - this.startedAt < 1000) return;
      this.bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: `${this.label} [{bar}] {percentage}% | eta {eta_formatted}`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(1000, 0);
    }
    this.bar.update(Math.round(fraction * 1000));
  }

  stop(): void {
    if (this.bar) {
      this.bar.update(1000);
      this.bar.stop();
      this.bar = null;
    }
  }
}
