/**
 * Child process of bench/engine.ts: open an embedded data folder the way a restarting gateway does, count
 * the documents, and report the time and the process's memory after a full collection (a fresh process,
 * so the figure is what serving this much data costs, not what loading it left behind).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine } from '../../src/engine/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const [dataDir, index] = process.argv.slice(2);
const t0 = performance.now();
const engine = await Engine.open({ dataDir: dataDir! });
const res = await engine.handle({ method: 'GET', path: `/${index}/_count`, query: new URLSearchParams() });
const reopenMs = performance.now() - t0;
gc();
gc();
const mem = process.memoryUsage();
await engine.close();
process.stdout.write(`${JSON.stringify({ reopenMs, count: (res.body as { count: number }).count, rss: mem.rss, heapUsed: mem.heapUsed })}\n`);
