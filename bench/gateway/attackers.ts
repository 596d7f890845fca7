/**
 * The under-attack scenario's attackers (bench/gateway.ts), on a worker thread of their own: 100 clients
 * guessing passwords and 50 sending maximal queries, each in a loop, on connections of their own. Other
 * clients are other machines; run on the measuring thread, reading their answers (hundreds of KB per maximal
 * query) delayed the signed-in client's own timing, so the bench measured its own event loop, not the gateway.
 *
 * workerData: { url, body, costly, user, auth }. Posts `{ refused }` when told 'stop'.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

// Other machines do not take this machine's CPU: at the lowest priority (on Linux per thread), generating the
// attack uses only what the gateway and the measuring thread leave, while the gateway still gets every request.
try {
  setPriority(0, 19);
} catch {
  // Not permitted: the attack then also competes for the CPU, which only makes the figure worse.
}

const { url, body, costly, user, auth } = workerData as { url: string; body: string; costly: string; user: string; auth: string };
const pool = new Pool(url, { connections: 256 });
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const status = async (payload: string, authorization: string): Promise<number> => {
  const res = await pool.request({ method: 'POST', path: '/graphql', body: payload, headers: { 'content-type': 'application/json', authorization } });
  await res.body.dump();
  return res.statusCode;
};

let attacking = true;
let refused = 0;
const loops = [
  ...Array.from({ length: 100 }, async () => {
    while (attacking) {
      const s = await status(body, basic(user, `wrong-${Math.random()}`)).catch(() => 0);
      if (s === 401 || s === 429 || s === 503) refused += 1;
    }
  }),
  ...Array.from({ length: 50 }, async () => {
    while (attacking) await status(costly, auth).catch(() => 0);
  }),
];

parentPort!.on('message', async (msg: unknown) => {
  if (msg !== 'stop') return;
  attacking = false;
  await Promise.all(loops);
  await pool.close();
  parentPort!.postMessage({ refused });
});
parentPort!.postMessage('started');
