/**
 * Running fuzz cases against both backends through the official client (as the gateway does): a case is a
 * set of documents, an optional write history (history mode) and a list of requests. `runSeed` counts the
 * verdicts of every request of `n` cases drawn from a seed; `shrinkSeed` lets fast-check find the first
 * failing case of the same seed and shrink it to a minimal one, which `saveRegression` keeps as a file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import fc from 'fast-check';
import { Engine } from '../../../src/engine/engine.js';
import { embeddedConnection } from '../../../src/engine/connection.js';
import { MAPPING, docsArb, historyArb, type FuzzDoc, type HistoryOp } from './gen-docs.js';
import { outsideSubset, requestArb, type FuzzRequest } from './gen-requests.js';
import { judge, type Answer, type Verdict } from './judge.js';
import { documentedRefusal } from './refusals.js';
import { ExactSerializer, exactStringify } from './exact-json.js';

export interface FuzzCase {
  readonly docs: FuzzDoc[];
  readonly history: HistoryOp[];
  readonly requests: FuzzRequest[];
}

export const REQUESTS_PER_CASE = 12;

export function caseArb(history: boolean, perCase = REQUESTS_PER_CASE): fc.Arbitrary<FuzzCase> {
  // fast-check's default size keeps arrays short (about 10 whatever maxLength says), so a larger `perCase`
  // sets the lower bound too: between perCase/2 and perCase requests per document set. The default (the CI
  // seeds) keeps its original draw.
  const minLength = perCase > REQUESTS_PER_CASE ? Math.ceil(perCase / 2) : 1;
  return fc.record({
    docs: docsArb(),
    history: history ? historyArb() : fc.constant([]),
    requests: fc.array(requestArb, { minLength, maxLength: perCase }),
  });
}

export interface Outcome {
  readonly request: Record<string, unknown>;
  readonly api: 'search' | 'count';
  readonly verdict: Verdict;
  /** The request deliberately uses a feature outside the engine's subset (a refusal is the expected answer). */
  readonly outside?: boolean;
  /** For failures in `runSeed`'s report: the case's documents and history (to probe it again). */
  readonly docs?: readonly FuzzDoc[];
  readonly history?: readonly HistoryOp[];
}

/** The two backends: the real node and an embedded engine on a temporary data directory (reopened in history mode). */
export class Backends {
  private engine!: Engine;
  embedded!: Client;
  readonly real: Client;
  private constructor(url: string, private readonly dir: string, readonly index: string) {
    this.real = new Client({ node: url, Serializer: ExactSerializer });
  }

  static async open(url: string, index: string): Promise<Backends> {
    const b = new Backends(url, await mkdtemp(join(tmpdir(), 'engine-fuzz-')), index);
    await b.reopen();
    return b;
  }

  async reopen(): Promise<void> {
    if (this.engine) await this.engine.close();
    this.engine = await Engine.open({ dataDir: this.dir });
    this.embedded = new Client({ node: 'http://embedded.local', Connection: embeddedConnection(this.engine), maxRetries: 0, Serializer: ExactSerializer });
  }

  async close(): Promise<void> {
    await this.real.indices.delete({ index: this.index, ignore_unavailable: true }).catch(() => undefined);
    await this.engine.close();
    await rm(this.dir, { recursive: true, force: true });
  }

  clients(): Client[] {
    return [this.real, this.embedded];
  }
}

/** The shared real node can be briefly out of heap (429 circuit_breaking_exception): that is no answer to judge. */
async function retrying<T>(p: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await p();
    } catch (e) {
      const status = (e as { meta?: { statusCode?: number } }).meta?.statusCode;
      if (status !== 429 || attempt >= 8) throw e;
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
}

export async function call(p: () => Promise<{ body: unknown; statusCode?: number | null }>): Promise<Answer> {
  try {
    const res = await retrying(p);
    return { ok: true, status: res.statusCode ?? 200, body: res.body as Record<string, unknown> };
  } catch (e) {
    type ErrorBody = { type?: string; reason?: string; root_cause?: { type?: string; reason?: string }[] };
    const err = e as { meta?: { statusCode?: number; body?: { error?: ErrorBody } } };
    if (err.meta?.statusCode === undefined) throw e;
    const root = err.meta.body?.error?.root_cause?.[0] ?? err.meta.body?.error;
    return { ok: false, status: err.meta.statusCode, type: root?.type ?? 'unknown', reason: root?.reason ?? '' };
  }
}

/** Delete and create the case's index; a busy node may still be deleting the previous one. */
async function recreate(c: Client, index: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    // Another test run on the shared node may delete indices by pattern: a 404 here means "already gone".
    await retrying(() => c.indices.delete({ index, ignore_unavailable: true })).catch((e: unknown) => {
      if ((e as { meta?: { statusCode?: number } }).meta?.statusCode !== 404) throw e;
    });
    try {
      await retrying(() => c.indices.create({ index, body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: MAPPING } as never }));
      return;
    } catch (e) {
      const type = (e as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type;
      if (type !== 'resource_already_exists_exception' || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function load(b: Backends, docs: readonly FuzzDoc[], refusedBefore: Outcome[] = []): Promise<Outcome[]> {
  const out: Outcome[] = [...refusedBefore];
  // Both backends are loaded at once (the real node's delete, create and refresh are the slow part).
  const items = await Promise.all(b.clients().map(async (c) => {
    await recreate(c, b.index);
    const ops: unknown[] = [];
    for (const d of docs) ops.push({ index: { _index: b.index, _id: d.id } }, d.source);
    // Every document may have been dropped (refused): an empty bulk is a 400 on both, so skip it.
    if (ops.length === 0) return [];
    const res = await retrying(() => c.bulk({ body: ops as never, refresh: true }));
    return ((res.body as { items: Record<string, { status: number; error?: { reason?: string } }>[] }).items).map((it) => Object.values(it)[0]!);
  }));
  // Which documents each backend accepted is part of the answer (a value one refuses and the other indexes).
  // A document OpenSearch accepts and the engine refuses is a failure whatever the reason (an outside
  // client indexing it into both would get different answers to every later search that sees it), but
  // both backends are then loaded again without it, so the requests that follow still compare the rest.
  const refused: Outcome[] = [];
  for (let i = 0; i < docs.length; i++) {
    const r = items[0]![i]!;
    const e = items[1]![i]!;
    if (r.status === e.status) continue;
    if (r.status < 300 && e.status >= 400) {
      refused.push({ request: { bulk_item: docs[i] }, api: 'search', verdict: { kind: 'refused', documented: undefined, reason: e.error?.reason ?? '' } });
    } else {
      out.push({ request: { bulk_item: docs[i] }, api: 'search', verdict: { kind: 'wrong', where: 'bulk item status', real: r, engine: e } });
    }
  }
  if (refused.length > 0) {
    const drop = new Set(refused.map((o) => (o.request.bulk_item as FuzzDoc).id));
    return load(b, docs.filter((d) => !drop.has(d.id)), [...refusedBefore, ...refused]);
  }
  return out;
}

/** The source without the field at a dotted path (in objects and arrays of objects). */
function withoutField(src: unknown, path: readonly string[]): unknown {
  if (Array.isArray(src)) return src.map((x) => withoutField(x, path));
  if (typeof src !== 'object' || src === null) return src;
  const out: Record<string, unknown> = { ...(src as Record<string, unknown>) };
  if (path.length === 1) delete out[path[0]!];
  else if (path[0]! in out) out[path[0]!] = withoutField(out[path[0]!], path.slice(1));
  return out;
}

export async function applyHistory(b: Backends, ops: readonly HistoryOp[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  const write = (c: Client, op: HistoryOp, source?: Record<string, unknown>): Promise<Answer> => call(() => op.op === 'index'
    ? c.index({ index: b.index, id: op.id, body: (source ?? op.source) as never, refresh: true })
    : c.delete({ index: b.index, id: (op as { id: string }).id, refresh: true }));
  for (const op of ops) {
    if (op.op === 'reopen') { await b.reopen(); continue; }
    if (op.op === 'index') {
      // The engine first: a write it refuses with a documented reason never reaches the node as it is. The
      // node would keep the refused version's terms in its statistics as a deleted document (scores after
      // it would differ for a reason that is the harness's, not the engine's). The document is written to
      // both without the refused field instead (or deleted on both when the reason names none).
      let source: Record<string, unknown> | undefined = op.source;
      let e = await write(b.embedded, op, source);
      let stripped = false;
      // A document may hold several refused values: strip them one by one while the engine names them. Each
      // is a failure (OpenSearch takes the document), recorded before the write goes on without the value.
      for (let k = 0; k < 8 && !e.ok && source; k++) {
        const documented = documentedRefusal(e.reason)?.name;
        if (!documented) break;
        out.push({ request: { ...op, source } as unknown as Record<string, unknown>, api: 'search', verdict: { kind: 'refused', documented: undefined, reason: e.reason } });
        const field = /failed to parse field \[([^\]]+)\]/.exec(e.reason)?.[1];
        source = field ? withoutField(source, field.split('.')) as Record<string, unknown> : undefined;
        stripped = true;
        if (source) e = await write(b.embedded, op, source);
      }
      if (!source) {
        await Promise.all(b.clients().map((c) => write(c, { op: 'delete', id: op.id })));
        continue;
      }
      const r = await write(b.real, op, source);
      if (r.status !== e.status) out.push({ request: { ...op, source } as unknown as Record<string, unknown>, api: 'search', verdict: { kind: 'wrong', where: stripped ? 'index status (without the refused fields)' : 'index status', real: r, engine: e } });
      continue;
    }
    const [r, e] = await Promise.all(b.clients().map((c) => write(c, op)));
    if (r!.status !== e!.status) out.push({ request: op as unknown as Record<string, unknown>, api: 'search', verdict: { kind: 'wrong', where: `${op.op} status`, real: r, engine: e } });
  }
  return out;
}

async function runRequest(b: Backends, req: FuzzRequest): Promise<Outcome> {
  if (req.count) {
    const [r, e] = await Promise.all(b.clients().map((c) => call(() => c.count({ index: b.index, body: req.body as never }))));
    return { request: req.body, api: 'count', verdict: judge(req.body, r!, e!), outside: outsideSubset(req.body) };
  }
  let body = req.body;
  if (req.page2) {
    // Page 2: continue after the last hit the real node returned on page 1.
    const first = await call(() => b.real.search({ index: b.index, body: body as never }));
    const hits = first.ok ? ((first.body.hits as { hits: { sort?: unknown[] }[] }).hits) : [];
    const last = hits[hits.length - 1]?.sort;
    if (last) body = { ...body, search_after: last };
  }
  const [r, e] = await Promise.all(b.clients().map((c) => call(() => c.search({ index: b.index, body: body as never }))));
  return { request: body, api: 'search', verdict: judge(body, r!, e!), outside: outsideSubset(body) };
}

/** Searches only read, so up to `concurrency` of them are in flight at once; outcomes keep the requests' order. */
async function runRequests(b: Backends, reqs: readonly FuzzRequest[], concurrency: number): Promise<Outcome[]> {
  const out: Outcome[] = new Array(reqs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < reqs.length) {
      const i = next++;
      out[i] = await runRequest(b, reqs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, reqs.length)) }, lane));
  return out;
}

export async function runCase(b: Backends, c: FuzzCase, concurrency = 1): Promise<Outcome[]> {
  const out = await load(b, c.docs);
  const half = c.history.length > 0 ? Math.ceil(c.requests.length / 2) : c.requests.length;
  out.push(...await runRequests(b, c.requests.slice(0, half), concurrency));
  if (c.history.length > 0) {
    out.push(...await applyHistory(b, c.history));
    out.push(...await runRequests(b, c.requests.slice(half), concurrency));
  }
  return out;
}

/** Failing verdicts: wrong answers, and refusals not in the documented list. */
export function isFailure(o: Outcome): boolean {
  return o.verdict.kind === 'wrong' || (o.verdict.kind === 'refused' && o.verdict.documented === undefined);
}

export interface SeedReport {
  seed: number;
  history: boolean;
  requests: number;
  same: number;
  wrong: number;
  /** Documented refusals of requests inside the subset (the share to keep small). */
  refusedDocumented: number;
  /** Requests deliberately outside the subset, and how many of them the engine refused (as it should). */
  outside: number;
  refusedOutside: number;
  refusedUndocumented: number;
  /** Documented refusals inside the subset by reason. */
  refusalReasons: Map<string, number>;
  /** Documents (initial load and history writes) the engine refused while OpenSearch took them (failures). */
  documentsRefused: number;
  /** Those refusals by reason (the documented refusal's name, else the engine's reason). */
  documentRefusalReasons: Map<string, number>;
  documents: number;
  noReference: number;
  failures: Outcome[];
}

/** Run cases drawn from `seed` until `requests` requests have been judged. */
export async function runSeed(b: Backends, seed: number, requests: number, history: boolean, perCase = REQUESTS_PER_CASE, deadline = Infinity, concurrency = 1): Promise<SeedReport> {
  const rep: SeedReport = { seed, history, requests: 0, same: 0, wrong: 0, refusedDocumented: 0, outside: 0, refusedOutside: 0, refusedUndocumented: 0, refusalReasons: new Map(), documentsRefused: 0, documentRefusalReasons: new Map(), documents: 0, noReference: 0, failures: [] };
  const arb = caseArb(history, perCase);
  const rng = fc.sample(arb, { seed, numRuns: Math.ceil(requests / 2) + 10 });
  for (const c of rng) {
    if (rep.requests >= requests || Date.now() >= deadline) break;
    rep.documents += c.docs.length + c.history.filter((h) => h.op === 'index').length;
    for (const o of await runCase(b, c, concurrency)) {
      const write = o.request.bulk_item !== undefined || o.request.op !== undefined;
      if (write) {
        // Document writes are reported apart (only those where the backends differ appear here). A document
        // the engine refuses while OpenSearch takes it is a failure, counted by reason.
        if (o.verdict.kind === 'refused') {
          rep.documentsRefused++;
          const why = documentedRefusal(o.verdict.reason)?.name ?? o.verdict.reason.replace(/'[^']*'/g, "'…'").slice(0, 120);
          rep.documentRefusalReasons.set(why, (rep.documentRefusalReasons.get(why) ?? 0) + 1);
        } else if (o.verdict.kind === 'wrong') rep.wrong++;
        if (isFailure(o)) rep.failures.push({ ...o, docs: c.docs, history: c.history });
        continue;
      }
      rep.requests++;
      if (o.outside) rep.outside++;
      if (o.verdict.kind === 'same') rep.same++;
      else if (o.verdict.kind === 'wrong') rep.wrong++;
      else if (o.verdict.kind === 'no-reference') rep.noReference++;
      else if (o.verdict.documented && o.outside) rep.refusedOutside++;
      else if (o.verdict.documented) {
        rep.refusedDocumented++;
        rep.refusalReasons.set(o.verdict.documented, (rep.refusalReasons.get(o.verdict.documented) ?? 0) + 1);
      } else rep.refusedUndocumented++;
      if (isFailure(o)) rep.failures.push({ ...o, docs: c.docs, history: c.history });
    }
  }
  return rep;
}

/** The first failing case of the seed, shrunk by fast-check (bounded in time). */
export async function shrinkSeed(b: Backends, seed: number, history: boolean, timeLimitMs: number): Promise<{ case: FuzzCase; failures: Outcome[] } | undefined> {
  const prop = fc.asyncProperty(caseArb(history), async (c) => (await runCase(b, c)).filter(isFailure).length === 0);
  const res = await fc.check(prop, { seed, numRuns: 200, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false });
  if (!res.failed || !res.counterexample) return undefined;
  const [c] = res.counterexample;
  const failures = (await runCase(b, c)).filter(isFailure);
  return { case: c, failures };
}

export async function saveRegression(dir: string, name: string, c: FuzzCase, failures: Outcome[]): Promise<string> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, `${exactStringify({ found: failures.map((f) => f.verdict), case: c }, 2)}\n`);
  return file;
}

export function summarize(rep: SeedReport): string {
  const classes = new Map<string, number>();
  for (const f of rep.failures) {
    const v = f.verdict;
    const key = v.kind === 'wrong' ? `wrong: ${v.where.replace(/\[\d+(\.\.\d+\))?\]/g, '[]').replace(/hits\[[^\]]*\]/g, 'hits[]')}` : `refused: ${(v as { reason: string }).reason.slice(0, 90)}`;
    classes.set(key, (classes.get(key) ?? 0) + 1);
  }
  const inside = rep.requests - rep.outside;
  const pct = (n: number, of: number): string => `${of === 0 ? '0' : ((100 * n) / of).toFixed(2)}%`;
  const lines = [`seed ${rep.seed}${rep.history ? ' (history)' : ''}: ${rep.requests} requests, ${rep.same} same, ${rep.wrong} wrong, ${rep.refusedUndocumented} undocumented refusals, ${rep.refusedDocumented} documented refusals inside the subset (${pct(rep.refusedDocumented, inside)} of ${inside}), ${rep.outside} requests outside the subset (${pct(rep.outside, rep.requests)}; ${rep.refusedOutside} refused); ${rep.documentsRefused} of ${rep.documents} documents refused (failures)${rep.noReference > 0 ? `, ${rep.noReference} without reference (node out of heap)` : ''}`];
  for (const [k, n] of [...rep.refusalReasons].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(4)}  documented refusal: ${k}`);
  for (const [k, n] of [...rep.documentRefusalReasons].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(4)}  document refused: ${k}`);
  for (const [k, n] of [...classes].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(4)}  ${k}`);
  return lines.join('\n');
}
