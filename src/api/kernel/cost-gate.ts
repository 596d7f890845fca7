import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.js';

/** The longest a costly turn yields to cheap requests (ms), however long the turn before it ran. */
const MAX_YIELD_MS = 50;

/**
 * Admission by estimated cost, for fairness between callers: requests whose estimate (src/api/kernel/limits.ts)
 * is at most `cheap` run at once; costlier ones share `capacity` cost units in flight and wait their turn in
 * order (one always runs, however costly). A few callers sending maximal queries then take turns for a slice
 * of the gateway instead of queueing everyone else's small searches behind theirs. Waiting is bounded: past
 * `maxWaiting` queued requests, the next is refused with SERVER_BUSY.
 *
 * Turns are also paced while cheap requests are in flight: after a costly request ends, the next one starts
 * only after a pause as long as the one that ended ran (at most MAX_YIELD_MS). A costly request's work comes in
 * big synchronous slices (parsing large answers, shaping hundreds of hits), so taking turns by count would
 * still give it most of the event loop; paced, the costly lane has at most about half of the time when others
 * are waiting, and all of it when nobody is.
 */
export class CostGate {
  private inFlight = 0;
  private cheapInFlight = 0;
  /** No costly turn starts before this (performance.now()); set when a turn ends with cheap requests in flight. */
  private pausedUntil = 0;
  private pauseTimer: NodeJS.Timeout | undefined;
  private readonly waiting: { cost: number; admitted: (release: () => void) => void }[] = [];

  constructor(
    private readonly cheap: number,
    private readonly capacity: number,
    private readonly maxWaiting: number,
  ) {}

  /** Resolves to a release function once `cost` may run; cheap requests never wait. */
  async admit(cost: number): Promise<() => void> {
    if (cost <= this.cheap) return this.cheapTurn();
    const paused = performance.now() < this.pausedUntil;
    if (!paused && this.waiting.length === 0 && (this.inFlight === 0 || this.inFlight + cost <= this.capacity)) return this.take(cost);
    if (this.waiting.length >= this.maxWaiting) {
      throw new GraphQLError('too many costly queries are waiting; try again later', { extensions: { code: ErrorCode.ServerBusy } });
    }
    return new Promise((admitted) => {
      this.waiting.push({ cost, admitted });
      if (paused) this.wakeAfterPause();
    });
  }

  private cheapTurn(): () => void {
    this.cheapInFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.cheapInFlight--;
    };
  }

  private take(cost: number): () => void {
    this.inFlight += cost;
    const started = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= cost;
      if (this.cheapInFlight > 0) {
        const now = performance.now();
        this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(MAX_YIELD_MS, now - started));
      }
      this.wake();
    };
  }

  /** Admits waiters in order while they fit (the head always runs when nothing else does), unless paused. */
  private wake(): void {
    if (this.waiting.length > 0 && performance.now() < this.pausedUntil) {
      this.wakeAfterPause();
      return;
    }
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (this.inFlight !== 0 && this.inFlight + next.cost > this.capacity) return;
      this.waiting.shift();
      next.admitted(this.take(next.cost));
    }
  }

  private wakeAfterPause(): void {
    if (this.pauseTimer !== undefined) return;
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = undefined;
      this.wake();
    }, Math.max(0, this.pausedUntil - performance.now()));
  }
}
