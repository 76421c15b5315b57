/**
 * How many requests the stand-in is answering at once, and the most it
 * has seen, across every token's server: the figure GitHub's secondary
 * rate limits are about, so tests can check a client's cap held.
 */
export class InFlight {
  private now = 0;
  private most = 0;

  get current(): number {
    return this.now;
  }

  get peak(): number {
    return this.most;
  }

  enter(): void {
    this.now += 1;
    this.most = Math.max(this.most, this.now);
  }

  leave(): void {
    this.now -= 1;
  }

  /** Starts a new measurement from what is in flight now. */
  resetPeak(): void {
    this.most = this.now;
  }
}
