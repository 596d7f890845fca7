import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.js';

/**
 * Admission by estimated cost, for fairness between callers: requests whose estimate (src/api/kernel/limits.ts)
 * is at most `cheap` run at once; costlier ones share `capacity` cost units in flight and wait their turn in
 * order (one always runs, however costly). A few callers sending maximal queries then take turns for a slice
 * of the gateway instead of queueing everyone else's small searches behind theirs. Waiting is bounded: past
 * `maxWaiting` queued requests, the next is refused with SERVER_BUSY.
 */
export class CostGate {
  private inFlight = 0;
  private readonly waiting: { cost: number; admitted: (release: () => void) => void }[] = [];

  constructor(
    private readonly cheap: number,
    private readonly capacity: number,
    private readonly maxWaiting: number,
  ) {}

  /** Resolves to a release function once `cost` may run; cheap requests never wait. */
  async admit(cost: number): Promise<() => void> {
    if (cost <= this.cheap) return () => {};
    if (this.waiting.length === 0 && (this.inFlight === 0 || this.inFlight + cost <= this.capacity)) return this.take(cost);
    if (this.waiting.length >= this.maxWaiting) {
      throw new GraphQLError('too many costly queries are waiting; try again later', { extensions: { code: ErrorCode.ServerBusy } });
    }
    return new Promise((admitted) => this.waiting.push({ cost, admitted }));
  }

  private take(cost: number): () => void {
    this.inFlight += cost;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= cost;
      this.wake();
    };
  }

  /** Admits waiters in order while they fit (the head always runs when nothing else does). */
  private wake(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (this.inFlight !== 0 && this.inFlight + next.cost > this.capacity) return;
      this.waiting.shift();
      next.admitted(this.take(next.cost));
    }
  }
}
