/**
 * A short pause before answering a login refused for capacity (503) or throttled (429). Answered at once, a client that retries
 * immediately turns a full bcrypt queue into a request flood that the event loop must serve at full speed,
 * and signed-in requests wait behind it; paused, each such client costs a timer. The pause is bounded in
 * count as well: past `maxHeld` paused answers, refusals go out at once, so the pause cannot itself become a
 * way to hold memory.
 */
export class RefusalPause {
  private held = 0;

  constructor(
    private readonly pauseMs: number,
    private readonly maxHeld: number,
  ) {}

  async wait(): Promise<void> {
    if (this.pauseMs <= 0 || this.held >= this.maxHeld) return;
    this.held++;
    try {
      // Jittered (0.5–1.5× the pause): refusals paused together would otherwise come back together, a burst
      // every pause that signed-in requests queue behind.
      await new Promise<void>((resolve) => setTimeout(resolve, this.pauseMs * (0.5 + Math.random())).unref());
    } finally {
      this.held--;
    }
  }
}
