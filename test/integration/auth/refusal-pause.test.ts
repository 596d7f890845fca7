import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicHeader, startCustomGateway, type CustomGateway } from './custom-gateway.js';
import { ME } from './support.js';

/**
 * A throttled login's 429 waits `auth.throttle.refusalPauseMs` before it is sent: a guesser retrying at once
 * gets one answer per pause instead of as many as the event loop can serve, and signed-in callers are not
 * delayed by it. Past `maxPausedRefusals` held answers, refusals go out at once (the pause holds no memory).
 */
const PAUSE_MS = 400;

let gw: CustomGateway;
beforeAll(async () => {
  gw = await startCustomGateway({
    adjust: (config) => {
      config.auth = {
        domains: [{ type: 'basic', name: 'internal' }],
        throttle: { maxFailuresPerUser: 2, maxFailuresPerAddress: 1000, windowSeconds: 60, lockSeconds: 60, refusalPauseMs: PAUSE_MS },
        passwordChecks: { maxPending: 32, busyPauseMs: 1000, maxPausedRefusals: 3 },
      };
    },
  });
}, 60_000);
afterAll(() => gw?.close());

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

describe('throttled logins are answered after a pause', () => {
  it('a locked user gets 429 only after the pause; a signed-in caller meanwhile is answered at once', async () => {
    for (let i = 0; i < 2; i++) expect((await gw.post({ query: ME }, basicHeader('bob', `guess-${i}`))).status).toBe(401);
    const [locked, signedIn] = await Promise.all([
      timed(() => gw.post({ query: ME }, basicHeader('bob', 'guess-again'))),
      timed(() => gw.post({ query: ME }, basicHeader('alice', 'alice-password'))),
    ]);
    expect(locked.value.status, locked.value.text).toBe(429);
    expect(locked.value.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    // Jittered between half and one and a half pauses.
    expect(locked.ms).toBeGreaterThanOrEqual(PAUSE_MS / 2 - 20);
    expect(signedIn.value.status, signedIn.value.text).toBe(200);
    expect(signedIn.value.body.data).toBeDefined();
    expect(signedIn.ms).toBeLessThan(locked.ms);
  });

  it('holds at most maxPausedRefusals answers; the rest are refused at once', async () => {
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) => timed(() => gw.post({ query: ME }, basicHeader('bob', `guess-burst-${i}`)))));
    for (const r of all) expect(r.value.status).toBe(429);
    const paused = all.filter((r) => r.ms >= PAUSE_MS / 2 - 20).length;
    expect(paused).toBeGreaterThanOrEqual(1);
    expect(paused).toBeLessThanOrEqual(3);
    expect(all.filter((r) => r.ms < PAUSE_MS / 2 - 20).length).toBeGreaterThanOrEqual(5);
  });
});
