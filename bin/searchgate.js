#!/usr/bin/env node
// The `searchgate` command. After `npm run build` it runs the compiled CLI in dist/ (plain Node, nothing
// transpiled at start); on a fresh clone, without dist/, it runs the TypeScript sources through tsx's loader
// so no build step is needed. A dist/ older than some source file is stale (the sources were edited after the
// build) and is not used: running yesterday's build against today's sources would be a silent surprise.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
const sources = fileURLToPath(new URL('../src/', import.meta.url));

function newestSource() {
  if (!existsSync(sources)) return 0;
  let newest = 0;
  for (const entry of readdirSync(sources, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
