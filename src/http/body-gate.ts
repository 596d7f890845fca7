/**
 * A cap on request bodies being read at once by callers who proved nothing (anonymous access). Credentials are
 * checked from the headers before any body is read, so a caller with wrong or no credentials never gets a body
 * buffered; with an anonymous domain configured, anyone counts as signed in, and this bounds what stalled
 * anonymous uploads can hold (each at most `limits.maxBodyBytes`).
 */
export class BodyGate {
  private active = 0;

  constructor(readonly max: number) {}

  /** A release function, or undefined when the cap is reached (the caller answers 503). */
  tryEnter(): (() => void) | undefined {
    if (this.active >= this.max) return undefined;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }

  get inUse(): number {
    return this.active;
  }
}
