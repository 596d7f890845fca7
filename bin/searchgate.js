#!/usr/bin/env node
// The `searchgate` command. After `npm run build` it runs the compiled CLI in dist/ (plain Node, nothing
// transpiled at start); on a fresh clone, without dist/, it runs the TypeScript sources through tsx's loader
// so no build step is needed. Run `npm run build` again after changing the sources, or delete dist/.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
