#!/usr/bin/env node
// `npm start` runs the compiled gateway (node dist/main.js): no TypeScript transpiling at start or at run time
// (tsx's loader hooks cost CPU on every request, not only at start). This compiles src/ to dist/ when dist/ is
// missing or older than the sources, so that `npm start` stays one command on a fresh clone after `npm install`
// and after every edit. The fingerprint covers every file under src/ (path, size, mtime), the tsconfigs and
// package-lock.json: an edited, added or deleted source rebuilds. Types are not checked here (`--noCheck`, as
// tsx did not check them either): `npm run typecheck` does that. The new build is written beside dist/ and
// swapped in whole, so a concurrent start never runs a half-written dist/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-fingerprint');

function fingerprint() {
  const hash = createHash('sha256');
  const files = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  for (const extra of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) {
    if (existsSync(join(root, extra))) files.push(join(root, extra));
  }
  for (const file of files.sort()) {
    const st = statSync(file);
    hash.update(`${relative(root, file)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const want = fingerprint();
const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (want !== have || !existsSync(join(dist, 'main.js'))) {
  const started = Date.now();
  process.stderr.write('Compiling src/ to dist/ (sources changed since the last build) ...\n');
  const next = join(root, `dist.building-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  let tsc;
  try {
    tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('dist/ is missing or stale and TypeScript is not installed (installed without dev dependencies?):\n' +
      'run `npm run build` where it is installed and ship dist/, or `npm run start:tsx` to run the sources.\n');
    process.exit(1);
  }
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', next, '--noCheck'], { stdio: 'inherit', cwd: root });
  } catch {
    rmSync(next, { recursive: true, force: true });
    process.stderr.write('The build failed (see above).\n');
    process.exit(1);
  }
  writeFileSync(join(next, '.build-fingerprint'), want);
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
  process.stderr.write(`Compiled in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}
