import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answers, descendants, groupAlive, killGroup, masterAuth, MOVIES_THOR, startCommand, trialEnv, waitFor } from './support.js';

/**
 * The production layout: `npm run build` compiles src/ to dist/ and `npm run start:prod` runs plain
 * `node dist/main.js`. The build here goes to a temporary deployment folder holding only what a deployment
 * has besides dist/ (package.json, schema/, sample/, node_modules, bin/) and no src/, so anything still
 * reaching for a TypeScript source or tsx fails. `--noCheck` keeps it fast: `npm run typecheck` checks types.
 */
const ROOT = resolve('.');
const run = promisify(execFile);
let deploy: string;
let pgid: number | undefined;

beforeAll(async () => {
  deploy = await mkdtemp(join(tmpdir(), 'searchgate-deploy-'));
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--noCheck', '--outDir', join(deploy, 'dist')], {
    cwd: ROOT,
  });
  await copyFile(join(ROOT, 'package.json'), join(deploy, 'package.json'));
  await mkdir(join(deploy, 'bin'));
  await copyFile(join(ROOT, 'bin/searchgate.js'), join(deploy, 'bin/searchgate.js'));
  for (const dir of ['schema', 'sample', 'node_modules']) await symlink(join(ROOT, dir), join(deploy, dir));
}, 180_000);

afterEach(() => {
  killGroup(pgid);
  pgid = undefined;
});

afterAll(async () => {
  if (deploy) await rm(deploy, { recursive: true, force: true });
});

describe('the build', () => {
  it('compiles every module to dist/ (no TypeScript left to transpile at start)', async () => {
    const files = (await readdir(join(deploy, 'dist'), { recursive: true })) as string[];
    expect(files).toContain('main.js');
    expect(files).toContain('cli.js');
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(await readdir(deploy)).not.toContain('src');
  });

  it('`npm run start:prod` serves from dist/ with plain node, and SIGINT drains it', async () => {
    const started = await startCommand('npm', ['run', 'start:prod'], { cwd: deploy, env: await trialEnv() });
    const npmPid = started.child.pid!;
    pgid = npmPid;
    const tree = descendants(npmPid);
    expect(tree.map((p) => p.cmd)).toContainEqual(expect.stringMatching(/^node dist\/main\.js$/));
    expect(tree.some((p) => /tsx/.test(p.cmd))).toBe(false);
    const res = await fetch(`${started.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: masterAuth },
      body: MOVIES_THOR,
    });
    expect(await res.json()).toEqual({ data: { movies: { total: 7 } } });

    process.kill(npmPid, 'SIGINT');
    const exit = await started.exited;
    expect(await waitFor(() => !groupAlive(npmPid), 15_000)).toBe(true);
    expect(await answers(started.base)).toBe(false);
    expect(started.output()).toMatch(/"signal":"SIGINT".*shutting down/);
    expect(exit.code).toBe(0);
  }, 120_000);

  it('bin/searchgate.js runs the compiled CLI when dist/ exists (there is no src/ to fall back on)', async () => {
    const { stdout } = await run(process.execPath, ['bin/searchgate.js', 'secret', '--bytes', '32'], { cwd: deploy });
    expect(stdout).toMatch(/^salt: \S{16}$/m);
  });
});
