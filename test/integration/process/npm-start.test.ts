import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, answers, descendants, groupAlive, killGroup, masterAuth, MOVIES_THOR, startCommand, trialEnv, waitFor } from './support.js';

/**
 * The README's start command is `npm start`. npm runs the script through `sh -c`, so unless the script
 * `exec`s, a SIGTERM to npm ends npm and the shell and leaves the gateway serving as an orphan (what issue 15
 * found with `tsx src/main.ts`). `npm start` compiles src/ to dist/ when stale, then `exec`s node dist/main.js. This runs the command exactly as the README does and signals npm alone — as a
 * process manager or `kill <pid>` would — never the whole group.
 */
const ROOT = resolve('.');
let pgid: number | undefined;

afterEach(() => {
  killGroup(pgid);
  pgid = undefined;
});

describe('npm start', () => {
  it('SIGTERM to npm reaches the gateway: it drains and exits, the port closes, no process is left', async () => {
    const started = await startCommand('npm', ['start'], { cwd: ROOT, env: await trialEnv() });
    const npmPid = started.child.pid!;
    pgid = npmPid;

    // Presence first: the gateway is a descendant of npm and answers a real query.
    const tree = descendants(npmPid);
    // It runs the compiled gateway (built first when stale), not the sources through tsx.
    expect(tree.some((p) => p.cmd.includes('dist/main.js')), JSON.stringify(tree)).toBe(true);
    const res = await fetch(`${started.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: masterAuth },
      body: MOVIES_THOR,
    });
    expect(await res.json()).toEqual({ data: { movies: { total: 7 } } });

    process.kill(npmPid, 'SIGTERM');
    const exit = await started.exited;
    expect(await waitFor(() => !groupAlive(npmPid), 15_000), `left running: ${JSON.stringify(descendants(1).filter((p) => tree.some((t) => t.pid === p.pid)))}`).toBe(true);
    for (const p of tree) expect(alive(p.pid), `${p.pid} ${p.cmd}`).toBe(false);
    expect(await answers(started.base)).toBe(false);
    // The gateway drained (its own handler ran and exited 0) rather than being killed; npm passes that on.
    expect(started.output()).toMatch(/"signal":"SIGTERM".*shutting down/);
    expect(exit.code).toBe(0);
  }, 120_000);
});
