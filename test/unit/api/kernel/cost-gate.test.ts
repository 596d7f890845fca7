import { describe, expect, it } from 'vitest';
import { CostGate } from '../../../../src/api/kernel/cost-gate.js';

describe('CostGate', () => {
  it('lets cheap requests through at once, and costly ones share the capacity in order', async () => {
    const gate = new CostGate(10, 100, 10);
    const order: string[] = [];
    const cheap = await gate.admit(5);
    cheap();
    const a = await gate.admit(60);
    const b = gate.admit(60).then((r) => (order.push('b'), r));
    const c = gate.admit(30).then((r) => (order.push('c'), r));
    // Cheap requests never wait, even while costly ones do.
    const again = await gate.admit(10);
    again();
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    const releaseB = await b;
    const releaseC = await c;
    // b first (in order), and c fits beside it (60 + 30 <= 100).
    expect(order).toEqual(['b', 'c']);
    releaseB();
    releaseC();
  });

  it('always runs one request, however costly, and bounds the queue', async () => {
    const gate = new CostGate(10, 100, 1);
    const huge = await gate.admit(10_000);
    const waiting = gate.admit(50);
    await expect(gate.admit(50)).rejects.toMatchObject({ extensions: { code: 'SERVER_BUSY' } });
    huge();
    (await waiting)();
    const again = await gate.admit(10_000);
    again();
    again(); // a second release changes nothing
    (await gate.admit(100))();
  });

  it('paces costly turns while cheap requests are in flight, and only then', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const gate = new CostGate(10, 100, 10);

    // Nobody cheap in flight: the next costly request starts as soon as the previous one ends.
    const first = await gate.admit(100);
    const next = gate.admit(100);
    await sleep(30);
    let t0 = performance.now();
    first();
    (await next)();
    expect(performance.now() - t0).toBeLessThan(15);

    // A cheap request in flight: after a 30 ms costly turn the next waits about as long, the cheap never waits.
    const cheap = await gate.admit(5);
    const costly = await gate.admit(100);
    const queued = gate.admit(100);
    await sleep(30);
    t0 = performance.now();
    costly();
    const alsoCheap = await gate.admit(1);
    expect(performance.now() - t0).toBeLessThan(5);
    // A costly request arriving during the pause waits too, behind the one queued before it.
    const late = gate.admit(50);
    (await queued)();
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(25);
    expect(waited).toBeLessThan(200);
    alsoCheap();
    cheap();
    (await late)();
  });
});
