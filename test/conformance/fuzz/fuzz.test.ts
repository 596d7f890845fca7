/**
 * The differential fuzzer in the default test run: fixed seeds and a fixed request budget (a couple of
 * minutes on a 2-core machine), plain and history mode, against the real node at OPENSEARCH_URL; plus a
 * replay of every saved regression case. Every request must get the same answer from both backends, or a
 * refusal from the engine that README documents. Long runs: `npm run fuzz:engine -- --seed N --requests M`.
 */
import { exactParse, exactStringify } from './exact-json.js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backends as BackendsT, FuzzCase, Outcome } from './runner.js';

const url = process.env.OPENSEARCH_URL;
if (!url) {
  console.log('engine fuzzer skipped: OPENSEARCH_URL is not set (it compares the embedded engine with a real OpenSearch node)');
}

/** Fixed budget for the default run; raise it with the CLI, not here. */
const SEEDS: readonly { seed: number; requests: number; history: boolean }[] = [
  { seed: 1, requests: 200, history: false },
  { seed: 2, requests: 200, history: false },
  { seed: 3, requests: 150, history: true },
];

const regressionDir = join(dirname(fileURLToPath(import.meta.url)), 'regressions');
const regressions = readdirSync(regressionDir).filter((f) => f.endsWith('.json')).sort();

const describeFailures = (fs: Outcome[]): string => fs.slice(0, 5).map((f) => exactStringify(f).slice(0, 1500)).join('\n');

describe.skipIf(!url)('engine fuzzer: random requests answered like OpenSearch', () => {
  let b: BackendsT;
  let runner: typeof import('./runner.js');

  beforeAll(async () => {
    runner = await import('./runner.js');
    b = await runner.Backends.open(url!, `fuzz-engine-test-${process.pid}`);
  });
  afterAll(async () => {
    await b?.close();
  });

  for (const s of SEEDS) {
    it(`seed ${s.seed}${s.history ? ' (history: updates, deletes, re-creates, reopen)' : ''}: ${s.requests} requests`, async () => {
      const rep = await runner.runSeed(b, s.seed, s.requests, s.history);
      console.log(runner.summarize(rep));
      expect(rep.requests).toBeGreaterThanOrEqual(s.requests);
      expect(rep.failures.length, describeFailures(rep.failures)).toBe(0);
    }, 240_000);
  }

  for (const file of regressions) {
    it(`regression ${file}`, async () => {
      const saved = exactParse(readFileSync(join(regressionDir, file), 'utf8')) as { case: FuzzCase };
      const failures = (await runner.runCase(b, saved.case)).filter(runner.isFailure);
      expect(failures.length, describeFailures(failures)).toBe(0);
    }, 60_000);
  }
});
