/**
 * Asking both backends the same thing while investigating a fuzzer class:
 * `tsx test/conformance/fuzz/probe.ts case.json [k]` where case.json is `{ "docs": [{ "id", "source" }],
 * "history"?: [...], "requests": [body, ...], "api"?: "count" }`, a saved regression file, or the array a
 * `--dump` of the CLI writes (then `k` picks the case, default 0). The history, if any, is applied before the
 * requests. Prints both answers side by side and the verdict.
 */
import { exactParse, exactStringify } from './exact-json.js';
import { readFileSync } from 'node:fs';
import { Backends, applyHistory, call, load } from './runner.js';
import { judge } from './judge.js';
import type { FuzzDoc, HistoryOp } from './gen-docs.js';

type Raw = { docs?: FuzzDoc[]; history?: HistoryOp[]; requests?: unknown[]; api?: string; case?: { docs: FuzzDoc[]; history?: HistoryOp[]; requests: { body: unknown }[] } };
const file = process.argv[2];
if (!file) throw new Error('usage: probe.ts case.json [k]');
const parsed = exactParse(readFileSync(file, 'utf8')) as Raw | Raw[];
const raw = Array.isArray(parsed) ? parsed[Number(process.argv[3] ?? 0)]! : parsed;
const docs = raw.case?.docs ?? raw.docs ?? [];
const history = raw.case?.history ?? raw.history ?? [];
const bodies = (raw.case?.requests.map((r) => r.body) ?? raw.requests ?? []) as Record<string, unknown>[];
const b = await Backends.open(process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200', `fuzz-engine-probe-${process.pid}`);
try {
  for (const o of await load(b, docs)) console.log('LOAD', exactStringify(o.verdict));
  for (const o of await applyHistory(b, history)) console.log('HISTORY', exactStringify(o.verdict));
  for (const body of bodies) {
    const [r, e] = await Promise.all(b.clients().map((c) => call(() => raw.api === 'count'
      ? c.count({ index: b.index, body: body as never })
      : c.search({ index: b.index, body: body as never }))));
    const show = (a: typeof r): string => {
      if (!a!.ok) return `${a!.status} ${a!.type}: ${a!.reason}`;
      if ('count' in a!.body) return exactStringify(a!.body);
      const h = a!.body.hits as { total?: unknown; max_score: unknown; hits: { _id: string; _score: unknown; sort?: unknown }[] };
      return exactStringify({ total: h.total, max_score: h.max_score, hits: h.hits.map((x) => [x._id, x._score, x.sort]), aggregations: a!.body.aggregations });
    };
    console.log(`\n${exactStringify(body)}\n  real:   ${show(r)}\n  engine: ${show(e)}\n  => ${exactStringify(judge(body, r!, e!)).slice(0, 300)}`);
  }
} finally {
  await b.close();
}
