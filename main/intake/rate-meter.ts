/**
 * Files per second over a sliding window, for the progress bar's "time left". A window (not the run's
 * average) follows the rate as it changes: the first files wait for workers to start, later ones for a
 * slow PDF.
 */
export class RateMeter {
  private readonly times: number[] = [];

  constructor(
    private readonly windowMs = 30_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(): void {
    const t = this.now();
    this.times.push(t);
    while (this.times.length > 0 && t - this.times[0]! > this.windowMs) this.times.shift();
  }

  /** Files per second in the last window (or since `since`, the run's start, while that is shorter). */
  perSecond(since: number): number {
    const t = this.now();
    while (this.times.length > 0 && t - this.times[0]! > this.windowMs) this.times.shift();
    const spanMs = Math.min(this.windowMs, t - since);
    return spanMs > 0 && this.times.length > 0 ? this.times.length / (spanMs / 1000) : 0;
  }
}
