/**
 * Long fuzz runs: `npm run fuzz:engine -- --seed N --requests M [--history] [--per-case K] [--concurrency C] [--minutes T] [--shrink] [--save] [--show K] [--dump FILE]`.
 * `--per-case K` draws K/2..K requests per document set (default 1..12): fewer index re-creations on the real
 * node per request, so long runs go faster (a different sequence for the same seed). `--concurrency C` keeps
 * C searches of a case in flight (default 3).
 * Needs OPENSEARCH_URL (default http://127.0.0.1:9200). Prints verdict counts per class; with --shrink the
 * first failing case is shrunk, and with --save it is written to test/conformance/fuzz/regressions/.
 * `--generator wide` runs the second, independent generator instead (wide/run-wide.ts; `--seed`, `--requests`,
 * `--show K`, `--dump FILE`, `--minutes T`, `--per-case K` apply; no shrinking, history or concurrency options).
 */
import { exactStringify } from './exact-json.js';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backends, REQUESTS_PER_CASE, runSeed, saveRegression, shrinkSeed, summarize } from './runner.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const url = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const seed = Number(arg('seed') ?? 1);
const requests = Number(arg('requests') ?? 500);
const history = flag('history');
const show = Number(arg('show') ?? 0);
const perCase = Number(arg('per-case') ?? REQUESTS_PER_CASE);
/** `--concurrency C`: searches of one case in flight at once (default 3; they only read). */
const concurrency = Number(arg('concurrency') ?? 3);
/** `--minutes T`: stop drawing cases after T minutes (the report then says how many requests were judged). */
const deadline = arg('minutes') !== undefined ? Date.now() + Number(arg('minutes')) * 60_000 : Infinity;

if (arg('generator') === 'wide') {
  const { runWide, summarizeWide, showFailure } = await import('./wide/run-wide.js');
  const t0 = Date.now();
  const rep = await runWide({ url, seed, requests, deadline, ...(arg('per-case') !== undefined ? { perCase } : {}) });
  console.log(summarizeWide(rep));
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  for (const f of rep.failures.slice(0, show)) console.log(showFailure(f));
  const dump = arg('dump');
  if (dump) await writeFile(dump, JSON.stringify(rep.failures, null, 1));
  process.exit(0);
} else if (arg('generator') !== undefined && arg('generator') !== 'default') {
  throw new Error(`unknown --generator ${arg('generator')} (default or wide)`);
}

const b = await Backends.open(url, `fuzz-engine-cli-${process.pid}`);
try {
  const t0 = Date.now();
  const rep = await runSeed(b, seed, requests, history, perCase, deadline, concurrency);
  console.log(summarize(rep));
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  // `--dump FILE`: every failure with its documents and history, one probe.ts case each (a JSON array).
  const dump = arg('dump');
  if (dump) await writeFile(dump, exactStringify(rep.failures.map((f) => ({ verdict: f.verdict, docs: f.docs, history: f.history, requests: [f.request], api: f.api })), 1));
  for (const f of rep.failures.slice(0, show)) console.log(`--- ${exactStringify(f.verdict).slice(0, 400)}\n    ${exactStringify(f.request).slice(0, 700)}`);
  if (flag('shrink') && rep.failures.length > 0) {
    const shrunk = await shrinkSeed(b, seed, history, Number(arg('shrink-seconds') ?? 120) * 1000);
    if (shrunk) {
      console.log(exactStringify(shrunk, 1).slice(0, 6000));
      if (flag('save')) {
        const dir = join(dirname(fileURLToPath(import.meta.url)), 'regressions');
        console.log('saved', await saveRegression(dir, `seed-${seed}${history ? '-history' : ''}`, shrunk.case, shrunk.failures));
      }
    }
  }
} finally {
  await b.close();
}
