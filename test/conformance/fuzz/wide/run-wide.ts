/**
 * The wide differential fuzzer: a second generator and harness, independent of the default one
 * (gen-docs.ts / gen-requests.ts / runner.ts), comparing the embedded engine (served over HTTP on loopback)
 * with a real OpenSearch node request by request, over plain HTTP, whole responses.
 * Run: `npm run fuzz:engine -- --generator wide --seed N --requests M [--show K] [--dump FILE]`; in CI,
 * wide.test.ts runs a fixed seed and tolerates only the open classes it lists in KNOWN_OPEN.
 *
 * What it covers that the default generator does not:
 * - Mappings: an explicit mapping with many field types and options (text with a keyword sub-field and
 *   ignore_above, analyzer + search_analyzer + norms: false, keyword ignore_above, byte/short/integer/long/
 *   float/double, `epoch_second` and a custom multi-format date, boolean, arrays of objects, `enabled: false`
 *   and `dynamic: false` objects), and fully dynamic mappings (dates in `yyyy/MM/dd`, nested arrays, objects
 *   with null members); values at and beyond the type limits, numbers as strings, empty strings, overflowing
 *   floats, fractional and negative epochs, many scripts.
 * - Writes: loads in 1-3 refreshed bulks (several segments on the node), a bulk history of update / upsert /
 *   doc_as_upsert / create / delete / index whose item responses are compared (status, result, _version,
 *   _seq_no, error type, _shards), engine reopen after it.
 * - APIs and whole responses: GET `_mapping`, `_count`, `_msearch` (incl. whole-request failures), `_mget`
 *   with per-doc `_source`, GET `_doc` / `_source` with `_source` parameters, `search_after` follow-ups of
 *   sorted pages, top-level keys such as `terminated_early`, `_version`/`seq_no_primary_term` in hits.
 * - Searches over two indices (`a,b` or `prefix-*`) with mappings that differ per index (partial shard
 *   failures, per-index sort types).
 * - Requests: sort modes (avg/median/sum), `_doc`/`_id` sorts, unmapped_type, terms include/exclude forms and
 *   ordering by sub-aggregation metrics (incl. `stats` paths), histogram/date_histogram offsets, extended
 *   bounds, time zones, formats and `missing`, range/date_range with keys and formats, filters with
 *   other_bucket, simple_query_string flags, minimum_should_match forms, min_score, post_filter.
 *
 * Safety: every request has a timeout (REQUEST_TIMEOUT_MS; a real-node timeout counts as no reference);
 * histogram and date_histogram always have min_doc_count >= 1 (empty-bucket filling over dates 0001..9999
 * ran the node out of memory once); index names are `fuzz-wide-<pid>-...` and are deleted after each case
 * and at the end; the engine's data directory is a temporary directory, removed at the end.
 *
 * A case: create an index (a quarter of the cases: two, searched as `a,b` or `prefix-*`), load documents
 * (an item status that differs is judged; a document the engine refuses with a documented reason is
 * dropped and both are reloaded without it), maybe apply a bulk history, compare GET `_mapping`, then draw
 * requests. Index names are `fuzz-wide-<pid>-<case>...`; every index is deleted after its case and all of
 * `fuzz-wide-<pid>-*` at the end. Every request to either backend has a timeout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../../src/engine/engine.js';
import { serveEngine } from '../../../../src/engine/server.js';
import { documentedRefusal } from '../refusals.js';
import { M1, Rng, docM1, docDyn, ID_POOL, type Field } from './gen-wide.js';
import { query, searchBody } from './req-wide.js';
import { TIMED_OUT, classKey, compareMsearch, compareSearch, diff, engineReason, reasonOf, verdictOf, type Ans, type Json, type WideVerdict } from './compare.js';

/** Per-request timeout (the real node has been seen never to answer a couple of odd searches). */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface WideOutcome {
  /** search, search_after, count, mget, msearch, get, mapping, bulk-item, history-item */
  readonly api: string;
  readonly request: unknown;
  readonly verdict: WideVerdict;
  readonly real?: Ans;
  readonly engine?: Ans;
  /** The case: its index, mapping mode, documents as loaded, history (ndjson). */
  readonly context?: { readonly index: string; readonly mode: string; readonly docs: readonly WideDoc[]; readonly history: readonly string[] };
}

export interface WideDoc { readonly id: string; readonly src: Record<string, unknown> }

export interface WideReport {
  readonly seed: number;
  /** Requests compared (not counting document writes and GET _mapping). */
  requests: number;
  same: number;
  wrong: number;
  refusedUndocumented: number;
  refusedDocumented: number;
  refusalReasons: Map<string, number>;
  noReference: number;
  /** Documents written (loads and histories), and those the engine refused with a documented reason. */
  documents: number;
  documentsRefused: number;
  /** Write-level comparisons (bulk items that differ, history items, GET _mapping, index creation). */
  writes: number;
  /** Of those: answers that differ, and documents the engine refuses (undocumented) while OpenSearch accepts them. */
  writesWrong: number;
  writesRefused: number;
  byApi: Map<string, number>;
  failures: WideOutcome[];
}

export function isWideFailure(o: WideOutcome): boolean {
  return o.verdict.kind === 'wrong' || (o.verdict.kind === 'refused' && o.verdict.documented === undefined);
}

async function http(base: string, method: string, path: string, body?: unknown, ndjson = false): Promise<Ans> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      if ((e as Error).name === 'TimeoutError') return { status: TIMED_OUT, body: { error: { type: 'timeout', reason: `no answer in ${REQUEST_TIMEOUT_MS} ms` } } };
      throw e;
    }
    const text = await res.text();
    let parsed: Json = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
    if (res.status === 429 && attempt < 8) { await new Promise((r) => setTimeout(r, 1000 * (attempt + 1))); continue; }
    return { status: res.status, body: parsed };
  }
}

function flatten(props: Json, prefix = '', out: Field[] = []): Field[] {
  for (const [k, v] of Object.entries<Json>(props ?? {})) {
    const name = prefix + k;
    if (v.properties) flatten(v.properties, `${name}.`, out);
    else if (v.type && v.type !== 'object') {
      out.push({ name, type: v.type, format: v.format });
      for (const [s, sv] of Object.entries<Json>(v.fields ?? {})) out.push({ name: `${name}.${s}`, type: sv.type });
    }
  }
  return out;
}

/** The values of the documents by dotted path (query values are drawn half from these). */
function collect(src: unknown, prefix = '', m = new Map<string, unknown[]>()): Map<string, unknown[]> {
  if (src === null || src === undefined) return m;
  if (Array.isArray(src)) { for (const x of src) collect(x, prefix, m); return m; }
  if (typeof src === 'object') { for (const [k, v] of Object.entries(src)) collect(v, prefix ? `${prefix}.${k}` : k, m); return m; }
  const add = (k: string): void => { const arr = m.get(k) ?? []; arr.push(src); m.set(k, arr); };
  add(prefix);
  if (typeof src === 'string') { add(`${prefix}.keyword`); add(`${prefix}.kw`); }
  return m;
}

export interface WideOptions {
  readonly url: string;
  readonly seed: number;
  /** Stop drawing cases once this many requests were compared. */
  readonly requests: number;
  /** Requests per case (default 15..40, drawn). */
  readonly perCase?: number;
  readonly deadline?: number;
  /** Index name prefix (default `fuzz-wide-<pid>`). */
  readonly prefix?: string;
  readonly log?: (line: string) => void;
}

export async function runWide(opts: WideOptions): Promise<WideReport> {
  const REAL = opts.url.replace(/\/$/, '');
  const prefix = opts.prefix ?? `fuzz-wide-${process.pid}`;
  const rep: WideReport = { seed: opts.seed, requests: 0, same: 0, wrong: 0, refusedUndocumented: 0, refusedDocumented: 0, refusalReasons: new Map(), noReference: 0, documents: 0, documentsRefused: 0, writes: 0, writesWrong: 0, writesRefused: 0, byApi: new Map(), failures: [] };
  const dir = await mkdtemp(join(tmpdir(), 'engine-fuzz-wide-'));
  let engine = await Engine.open({ dataDir: dir });
  let srv = await serveEngine(engine, { port: 0 });
  const both = async (method: string, path: string, body?: unknown, nd = false): Promise<[Ans, Ans]> =>
    Promise.all([http(REAL, method, path, body, nd), http(srv.url, method, path, body, nd)]);

  const record = (o: WideOutcome, isRequest: boolean): void => {
    const v = o.verdict;
    if (!isRequest) {
      rep.writes++;
      if (v.kind === 'wrong') rep.writesWrong++;
      else if (v.kind === 'refused' && !v.documented) rep.writesRefused++;
      if (isWideFailure(o)) rep.failures.push(o);
      return;
    }
    rep.requests++;
    rep.byApi.set(o.api, (rep.byApi.get(o.api) ?? 0) + 1);
    if (v.kind === 'same') { rep.same++; return; }
    if (v.kind === 'no-reference') { rep.noReference++; return; }
    if (v.kind === 'wrong') rep.wrong++;
    else if (v.documented) {
      rep.refusedDocumented++;
      rep.refusalReasons.set(v.documented, (rep.refusalReasons.get(v.documented) ?? 0) + 1);
    } else rep.refusedUndocumented++;
    if (isWideFailure(o)) rep.failures.push(o);
  };

  const rng = new Rng(opts.seed * 7919 + 13);
  try {
    for (let c = 0; rep.requests < opts.requests && Date.now() < (opts.deadline ?? Infinity); c++) {
      const multi = rng.chance(0.25);
      const base = `${prefix}-c${c}`;
      const IA = multi ? `${base}-a` : base;
      const IB = `${base}-b`;
      const indices = multi ? [IA, IB] : [IA];
      const target = multi ? (rng.chance(0.5) ? `${IA},${IB}` : `${base}-*`) : IA;
      const mode = rng.pick(['m1', 'm1', 'dyn']);
      const settings = { number_of_shards: 1, number_of_replicas: 0 };
      const createBody = mode === 'm1' ? { settings, mappings: M1 } : { settings };
      const recreate = async (): Promise<[Ans, Ans]> => {
        await both('DELETE', `/${indices.join(',')}?ignore_unavailable=true`);
        if (multi) await both('PUT', `/${IB}`, createBody);
        return both('PUT', `/${IA}`, createBody);
      };
      const [cr, ce] = await recreate();
      if (cr.status !== ce.status) { record({ api: 'create', request: createBody, verdict: verdictOf(cr, ce), real: cr, engine: ce }, false); continue; }
      const ndocs = rng.int(4, 35);
      const ids = rng.some(ID_POOL, ndocs, ndocs);
      const docs: WideDoc[] = ids.map((id) => ({ id, src: mode === 'm1' ? docM1(rng) : docDyn(rng) }));
      const home = (id: string): string => (multi && ids.indexOf(id) % 2 ? IB : IA);
      rep.documents += docs.length;
      // Load in 1-3 bulks (several segments on the real node). A differing item status is judged; the document is
      // then dropped and both backends are reloaded without it, so both hold the same documents and mappings.
      const chunks = rng.int(1, 3);
      let loaded: WideDoc[] = [];
      let pending = docs;
      for (let attempt = 0; attempt < 6; attempt++) {
        loaded = [];
        const drop = new Set<string>();
        for (let k = 0; k < chunks; k++) {
          const part = pending.filter((_, i) => i % chunks === k);
          if (!part.length) continue;
          const nd = part.map((d) => `${JSON.stringify({ index: { _index: home(d.id), _id: d.id } })}\n${JSON.stringify(d.src)}\n`).join('');
          const [br, be] = await both('POST', '/_bulk?refresh=true', nd, true);
          const ri: Json[] = br.body?.items ?? [];
          const ei: Json[] = be.body?.items ?? [];
          for (let i = 0; i < part.length; i++) {
            const a = Object.values<Json>(ri[i] ?? {})[0];
            const b = Object.values<Json>(ei[i] ?? {})[0];
            if (!a || !b) continue;
            if (a.status !== b.status) {
              const reason: string = b.error?.reason ?? '';
              const documented = a.status < 300 && b.status >= 400 ? documentedRefusal(reason)?.name : undefined;
              if (documented) rep.documentsRefused++;
              else record({ api: 'bulk-item', request: part[i], verdict: a.status < 300 && b.status >= 400 ? { kind: 'refused', documented: undefined, reason: `${b.status} ${b.error?.type}: ${reason}` } : { kind: 'wrong', where: 'bulk item status', real: `${a.status} ${a.error?.type ?? ''}: ${a.error?.reason ?? ''}`, engine: `${b.status} ${b.error?.type ?? ''}: ${reason}` }, real: { status: a.status, body: a }, engine: { status: b.status, body: b }, context: { index: IA, mode, docs, history: [] } }, false);
              drop.add(part[i]!.id);
            }
            if (a.status < 300 && b.status < 300) loaded.push(part[i]!);
          }
        }
        if (!drop.size) break;
        pending = pending.filter((d) => !drop.has(d.id));
        await recreate();
      }
      // A history (single index only): one bulk of updates, upserts, deletes, creates and index ops, the item
      // results compared (status, result, _version, _seq_no, error type, then _shards); sometimes the engine reopens.
      const history: string[] = [];
      let historyBroken = false;
      if (!multi && rng.chance(0.5)) {
        const ops: string[] = [];
        const nops = rng.int(1, 10);
        for (let k = 0; k < nops; k++) {
          const id = rng.pick(ID_POOL);
          const t = rng.int(0, 6);
          const src = mode === 'm1' ? docM1(rng) : docDyn(rng);
          const meta = (op: string): string => JSON.stringify({ [op]: { _index: IA, _id: id } });
          if (t === 0) ops.push(meta('update'), JSON.stringify({ doc: src }));
          else if (t === 1) ops.push(meta('update'), JSON.stringify({ doc: src, doc_as_upsert: true }));
          else if (t === 2) ops.push(meta('update'), JSON.stringify({ doc: src, upsert: mode === 'm1' ? docM1(rng) : docDyn(rng) }));
          else if (t === 3) ops.push(meta('delete'));
          else if (t === 4) ops.push(meta('create'), JSON.stringify(src));
          else ops.push(meta('index'), JSON.stringify(src));
          if (t !== 3) rep.documents++;
        }
        const nd = `${ops.join('\n')}\n`;
        history.push(nd);
        const [hr, he] = await both('POST', '/_bulk?refresh=true', nd, true);
        const ri: Json[] = hr.body?.items ?? [];
        const ei: Json[] = he.body?.items ?? [];
        for (let i = 0; i < Math.max(ri.length, ei.length); i++) {
          const a = Object.values<Json>(ri[i] ?? {})[0];
          const b = Object.values<Json>(ei[i] ?? {})[0];
          const pick = (x: Json): Json => x && ({ status: x.status, result: x.result, _version: x._version, _seq_no: x._seq_no, err: x.error?.type });
          const d = diff(pick(a), pick(b), 'item') ?? diff(a?._shards, b?._shards, 'item._shards');
          let verdict: WideVerdict = d ? { kind: 'wrong', ...d } : { kind: 'same' };
          if (a && b && a.status < 300 && b.status >= 400) {
            const documented = documentedRefusal(b.error?.reason ?? '')?.name;
            if (documented) { rep.documentsRefused++; verdict = { kind: 'same' }; } else verdict = { kind: 'refused', documented: undefined, reason: `${b.status} ${b.error?.type}: ${b.error?.reason}` };
          }
          // After the first item one backend applied and the other did not, the later items' `_seq_no` and
          // `_version` differ as a consequence only: they are not judged (nor are the case's requests).
          if (!historyBroken) record({ api: 'history-item', request: { item: i, op: ops.filter((l) => !l.startsWith('{"doc') && l.includes('"_index"'))[i] }, verdict, real: { status: a?.status ?? 0, body: a }, engine: { status: b?.status ?? 0, body: b }, context: { index: IA, mode, docs: loaded, history } }, false);
          if (!a || !b || (a.status < 300) !== (b.status < 300)) historyBroken = true;
        }
        if (rng.chance(0.3)) {
          await srv.close();
          await engine.close();
          engine = await Engine.open({ dataDir: dir });
          srv = await serveEngine(engine, { port: 0 });
        }
      }
      if (historyBroken) { await both('DELETE', `/${indices.join(',')}?ignore_unavailable=true`); continue; }
      const context = { index: target, mode, docs: loaded, history };
      const [mr, me] = await both('GET', `/${IA}/_mapping`);
      record({ api: 'mapping', request: { index: IA }, verdict: verdictOf(mr, me), real: mr, engine: me, context }, false);
      const props = { ...(multi ? (await http(REAL, 'GET', `/${IB}/_mapping`)).body?.[IB]?.mappings?.properties : {}), ...mr.body?.[IA]?.mappings?.properties };
      const fields = flatten(props);
      if (!fields.length) fields.push({ name: 'nope', type: 'keyword' });
      fields.push({ name: 'missing_field', type: 'keyword' });
      const vals = collect(loaded.map((d) => d.src));
      const per = opts.perCase ?? rng.int(15, 40);
      for (let q = 0; q < per && rep.requests < opts.requests; q++) {
        const kind = rng.next();
        if (kind < 0.72) {
          const body = searchBody(rng, fields, vals);
          const [r, e] = await both('POST', `/${target}/_search`, body);
          record({ api: 'search', request: body, verdict: verdictOf(r, e, (a, b) => compareSearch(body, a, b)), real: r, engine: e, context }, true);
          if (r.status === 200 && body.sort && r.body.hits.hits.length > 0 && rng.chance(0.6)) {
            const last = r.body.hits.hits[r.body.hits.hits.length - 1];
            if (last.sort) {
              const b2: Json = { ...body, search_after: last.sort };
              delete b2.from;
              const [r2, e2] = await both('POST', `/${target}/_search`, b2);
              record({ api: 'search_after', request: b2, verdict: verdictOf(r2, e2, (a, b) => compareSearch(b2, a, b)), real: r2, engine: e2, context }, true);
            }
          }
        } else if (kind < 0.82) {
          const body = rng.chance(0.85) ? { query: query(rng, fields, vals) } : {};
          const [r, e] = await both('POST', `/${target}/_count`, body);
          record({ api: 'count', request: body, verdict: verdictOf(r, e, (a, b) => diff(a.count, b.count, 'count')), real: r, engine: e, context }, true);
        } else if (kind < 0.87 && !multi) {
          const body = rng.chance(0.5) ? { ids: rng.some(ID_POOL, 1, 5) } : { docs: rng.some(ID_POOL, 1, 4).map((id) => ({ _id: id, ...(rng.chance(0.3) ? { _source: rng.pick<unknown>([false, ['t', 'k'], 'o.*', { includes: ['o'], excludes: ['o.a'] }]) } : {}) })) };
          const [r, e] = await both('POST', `/${IA}/_mget`, body);
          record({ api: 'mget', request: body, verdict: verdictOf(r, e), real: r, engine: e, context }, true);
        } else if (kind < 0.93 || multi) {
          const b1 = searchBody(rng, fields, vals);
          const b2 = searchBody(rng, fields, vals);
          // Single index: the second header is empty (the path's index applies); two indices: both name the target.
          const path = multi ? '/_msearch' : `/${IA}/_msearch`;
          const nd = `${JSON.stringify({ index: target })}\n${JSON.stringify(b1)}\n${JSON.stringify(multi ? { index: target } : {})}\n${JSON.stringify(b2)}\n`;
          const [r, e] = await both('POST', path, nd, true);
          let verdict = verdictOf(r, e);
          if (r.status < 300 && e.status < 300) verdict = compareMsearch([b1, b2])(r.body, e.body);
          record({ api: 'msearch', request: nd, verdict, real: r, engine: e, context }, true);
        } else {
          const id = rng.pick(ID_POOL);
          const p = rng.chance(0.3) ? `/${IA}/_source/${encodeURIComponent(id)}` : `/${IA}/_doc/${encodeURIComponent(id)}`;
          const qs = rng.chance(0.3) ? rng.pick(['?_source=false', '?_source_includes=o.*,t', '?_source_excludes=t*', '?_source=k,in']) : '';
          const [r, e] = await both('GET', p + qs);
          record({ api: 'get', request: `GET ${p}${qs}`, verdict: verdictOf(r, e), real: r, engine: e, context }, true);
        }
      }
      await both('DELETE', `/${indices.join(',')}?ignore_unavailable=true`);
      opts.log?.(`case ${c} ${multi ? 'two indices' : 'one index'} ${mode}: ${loaded.length} docs${history.length ? ', history' : ''}; ${rep.requests} requests so far, ${rep.failures.length} failures`);
    }
  } finally {
    await http(REAL, 'DELETE', `/${prefix}-*?ignore_unavailable=true&allow_no_indices=true&expand_wildcards=all`).catch(() => undefined);
    await srv.close();
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rep;
}

export function summarizeWide(rep: WideReport): string {
  const classes = new Map<string, number>();
  for (const f of rep.failures) {
    const k = classKey(f.api, f.verdict);
    classes.set(k, (classes.get(k) ?? 0) + 1);
  }
  const pct = (n: number, of: number): string => `${of === 0 ? '0' : ((100 * n) / of).toFixed(2)}%`;
  const lines = [
    `wide seed ${rep.seed}: ${rep.requests} requests (${[...rep.byApi].map(([k, n]) => `${n} ${k}`).join(', ')}): ${rep.same} same, ${rep.wrong} wrong, `
    + `${rep.refusedUndocumented} undocumented refusals, ${rep.refusedDocumented} documented refusals (${pct(rep.refusedDocumented, rep.requests)})`
    + `${rep.noReference > 0 ? `, ${rep.noReference} without reference (real node out of heap or timed out)` : ''}`,
    `  writes: ${rep.documents} documents written, ${rep.documentsRefused} refused by the engine with a documented reason; `
    + `${rep.writes} write/mapping comparisons: ${rep.writesWrong} differ, ${rep.writesRefused} documents refused without a documented reason`,
  ];
  for (const [k, n] of [...rep.refusalReasons].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(4)}  documented refusal: ${k}`);
  for (const [k, n] of [...classes].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(4)}  ${k}`);
  return lines.join('\n');
}

/** One failure for `--show`: the request, both answers (truncated) and the case. */
export function showFailure(f: WideOutcome, max = 1500): string {
  const j = (x: unknown): string => { const s = JSON.stringify(x) ?? String(x); return s.length > max ? `${s.slice(0, max)}…` : s; };
  return [`--- ${classKey(f.api, f.verdict)}`, `    verdict: ${j(f.verdict)}`, `    request: ${j(f.request)}`, `    real:    ${j(f.real)}`, `    engine:  ${j(f.engine)}`,
    `    case:    ${j(f.context ? { index: f.context.index, mode: f.context.mode, docs: f.context.docs, history: f.context.history } : undefined)}`].join('\n');
}

export { reasonOf, engineReason };
