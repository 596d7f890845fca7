/**
 * Signed-in latency under a login flood (issue 10, item 4): p50/p99 of searches by a signed-in user (basic
 * credentials already verified, so served from the verify cache) while the gateway is quiet, and again while
 * `floodConcurrency` wrong basic-auth logins are kept in flight against a cost-12 user (each client sends its
 * next guess as soon as it has an answer). The gateway runs in its own process against a backend that answers
 * instantly. bcrypt runs on worker threads with a bounded queue, so the second row should stay close to the
 * first; logins beyond the cap are answered 503 LOGIN_BUSY after a short pause (counted below).
 *
 * `benchLoginFlood()` returns the figures (the lead wires it into `npm run bench`); `tsx bench/login-flood.ts`
 * prints them.
 */
import { fork } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PASSWORD, QUERY, USER, writeFixture } from './gateway/fixture.js';
import { startInstantBackend } from './gateway/instant-backend.js';
import { summarize, table } from './gateway/stats.js';

export interface LoginFloodOptions {
  /** Signed-in requests measured in each phase. */
  requests?: number;
  /** Wrong logins kept in flight during the flood phase. */
  floodConcurrency?: number;
}

export interface LoginFloodResult {
  quiet: { p50: number; p99: number };
  flood: { p50: number; p99: number };
  /** flood p99 / quiet p99. */
  ratio: number;
  /** How the wrong logins were answered during the flood phase, by HTTP status. */
  floodAnswers: Record<string, number>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, authorization: string, body: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The gateway in its own process (bench/gateway/child.ts), so the load generators' work is not measured as its. */
async function startChildGateway(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = fork(join(import.meta.dirname, 'gateway', 'child.ts'), [dir], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`gateway child exited with code ${code}`)));
    child.on('message', (m: { kind: string; url?: string }) => {
      if (m.kind === 'ready' && m.url) resolve(m.url);
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.send({ kind: 'stop' });
      }),
  };
}

export async function benchLoginFlood(opts: LoginFloodOptions = {}): Promise<LoginFloodResult> {
  const requests = opts.requests ?? 200;
  const floodConcurrency = opts.floodConcurrency ?? 100;
  const backend = await startInstantBackend();
  const dir = await writeFixture(backend.url);
  const file = join(dir, 'searchgate.yml');
  // Throttling would turn the flood into cheap 429s; this measures the bcrypt path, so it is out of the way.
  // The stand-in backend cannot create the saved-search index; tenants play no part here.
  const yml = (await readFile(file, 'utf8')).replace(
    /^auth: .*$/m,
    'auth: { domains: [{ type: basic, name: internal }], throttle: { maxFailuresPerUser: 1000000, maxFailuresPerAddress: 1000000 } }\ntenants: { enabled: false }',
  );
  if (!yml.includes('maxFailuresPerUser')) throw new Error('bench fixture changed: no auth line to replace');
  await writeFile(file, yml);
  const gateway = await startChildGateway(dir);
  const url = `${gateway.url}/graphql`;
  const body = JSON.stringify({ query: QUERY, variables: { q: 'document' } });
  const signedIn = basicAuth(USER, PASSWORD);
  try {
    const signedInRun = async (): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const r = await post(url, signedIn, body);
        if (r.status !== 200) throw new Error(`signed-in request answered ${r.status}`);
        samples.push(r.ms);
      }
      return samples;
    };
    // The first request pays bcrypt and the schema build; warm up before measuring.
    for (let i = 0; i < 20; i++) await post(url, signedIn, body);
    const quiet = summarize(await signedInRun());

    const floodAnswers: Record<string, number> = {};
    let flooding = true;
    let guess = 0;
    const floodWorker = async () => {
      while (flooding) {
        const r = await post(url, basicAuth(USER, `wrong-${guess++}`), body);
        floodAnswers[r.status] = (floodAnswers[r.status] ?? 0) + 1;
      }
    };
    const workers = Array.from({ length: floodConcurrency }, floodWorker);
    // Let the flood reach the gateway before measuring.
    await new Promise((r) => setTimeout(r, 200));
    const flood = summarize(await signedInRun());
    flooding = false;
    await Promise.all(workers);
    return { quiet: { p50: quiet.p50, p99: quiet.p99 }, flood: { p50: flood.p50, p99: flood.p99 }, ratio: flood.p99 / quiet.p99, floodAnswers };
  } finally {
    await gateway.stop();
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatLoginFlood(r: LoginFloodResult): string {
  return table(
    ['signed-in search', 'p50 ms', 'p99 ms'],
    [
      ['quiet', r.quiet.p50, r.quiet.p99],
      ['100 wrong logins in flight', r.flood.p50, r.flood.p99],
    ],
  ) + `\nflood p99 / quiet p99: ${r.ratio.toFixed(2)}; wrong logins answered: ${JSON.stringify(r.floodAnswers)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatLoginFlood(await benchLoginFlood()));
}
