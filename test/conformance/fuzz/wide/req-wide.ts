/**
 * The wide generator's requests (ported from an independent differential hunt): query trees (bool with
 * minimum_should_match forms, constant_score, match/match_phrase/multi_match/simple_query_string with many
 * options, term/terms/range/exists/prefix/wildcard/ids, `_id` queries), sorts (modes, missing, unmapped_type,
 * `_doc`, `_id`), aggregations nested two deep (terms with include/exclude and sub-metric order, histogram,
 * date_histogram, range/date_range, filter/filters, missing, metrics) and `_source` filters. Query values are
 * drawn half from the case's own document values, half from fixed edge-case lists.
 */
import { DATE_Q, ID_POOL, KW_Q, NUM_Q, type Rng, WORDS, sentence, type Field } from './gen-wide.js';

const NUMT = new Set(['short', 'byte', 'integer', 'long', 'float', 'double']);
const boost = (r: Rng, o: Record<string, unknown>) => { if (r.chance(0.2)) o.boost = r.pick([0, 0.5, 2, 3.7, 1]); return o; };
const msm = (r: Rng) => r.pick<unknown>([1, 2, -1, '75%', '-25%', '2<50%', '3<-1', '100%', '0%', 0, '1', '-50%', '1<-25%']);

export function sample(r: Rng, f: Field, vals: Map<string, unknown[]>): unknown {
  const seen = vals.get(f.name) ?? [];
  if (seen.length && r.chance(0.5)) {
    const v = r.pick(seen);
    if (v !== null && typeof v !== 'object') return v;
  }
  if (f.type === 'date') return r.pick(DATE_Q);
  if (NUMT.has(f.type)) {
    return r.pick(NUM_Q);
  }
  if (f.type === 'boolean') return r.pick<unknown>([true, false, 'true', 'false']);
  if (f.type === 'text') return r.chance(0.5) ? r.pick(WORDS) : sentence(r);
  return r.pick(KW_Q);
}

export function leaf(r: Rng, fs: Field[], vals: Map<string, unknown[]>): Record<string, unknown> {
  const f = r.pick(fs);
  const texts = fs.filter((x) => x.type === 'text');
  const kind = r.int(0, 22);
  switch (kind) {
    case 0: return { match_all: boost(r, {}) };
    case 1: return r.chance(0.5) ? { match_none: {} } : { ids: { values: r.some(ID_POOL, 0, 4) } };
    case 2: case 3: {
      const tf = texts.length && r.chance(0.7) ? r.pick(texts) : f;
      const q = tf.type === 'text' || tf.type === 'keyword' ? (r.chance(0.6) ? sentence(r) : r.pick(WORDS)) : sample(r, tf, vals);
      if (r.chance(0.3)) return { match: { [tf.name]: q } };
      const o: Record<string, unknown> = { query: q };
      if (r.chance(0.4)) o.operator = r.pick(['and', 'or', 'AND']);
      if (r.chance(0.3)) o.minimum_should_match = msm(r);
      if (r.chance(0.2)) o.zero_terms_query = r.pick(['all', 'none']);
      if (r.chance(0.2)) o.lenient = true;
      if (r.chance(0.1)) o.analyzer = 'standard';
      return { match: { [tf.name]: boost(r, o) } };
    }
    case 4: {
      const tf = texts.length ? r.pick(texts) : f;
      const o: Record<string, unknown> = { query: r.chance(0.7) ? sentence(r) : r.pick(WORDS) };
      if (r.chance(0.3)) o.slop = r.int(0, 3);
      if (r.chance(0.15)) o.zero_terms_query = r.pick(['all', 'none']);
      return { match_phrase: { [tf.name]: boost(r, o) } };
    }
    case 5: {
      const cand = fs.filter((x) => x.type === 'text' || x.type === 'keyword');
      const fields = r.some(cand.length ? cand : fs, 1, 3).map((x) => (r.chance(0.25) ? `${x.name}^${r.pick([2, 0.5, 3])}` : x.name));
      if (r.chance(0.1)) fields.push(r.pick(['t*', '*', 'o.*']));
      const o: Record<string, unknown> = { query: r.chance(0.7) ? sentence(r) : r.pick(WORDS), fields };
      if (r.chance(0.6)) o.type = r.pick(['best_fields', 'most_fields', 'phrase']);
      if (r.chance(0.3)) o.operator = r.pick(['and', 'or']);
      if (r.chance(0.2)) o.tie_breaker = r.pick([0, 0.3, 1]);
      if (r.chance(0.2)) o.minimum_should_match = msm(r);
      if (r.chance(0.2)) o.lenient = true;
      return { multi_match: boost(r, o) };
    }
    case 6: case 7: {
      const parts: string[] = [];
      const n = r.int(1, 5);
      for (let i = 0; i < n; i++) {
        const w = r.pick(WORDS);
        parts.push(r.pick([w, w, `${w.slice(0, 3)}*`, `-${w}`, `+${w}`, `"${w} ${r.pick(WORDS)}"`, `(${w} | ${r.pick(WORDS)})`, `${w}~1`, '|', '-', '*', `${w}\\*`]));
      }
      const o: Record<string, unknown> = { query: parts.join(' ') };
      if (r.chance(0.5)) {
        const cand = fs.filter((x) => x.type === 'text' || x.type === 'keyword');
        o.fields = r.some(cand.length ? cand : fs, 1, 3).map((x) => (r.chance(0.3) ? `${x.name}^${r.pick([2, 5, 0.5])}` : x.name));
        if (r.chance(0.15)) (o.fields as string[]).push(r.pick(['*', 't*', '*.kw']));
      }
      if (r.chance(0.3)) o.default_operator = r.pick(['and', 'or', 'AND']);
      if (r.chance(0.2)) o.minimum_should_match = msm(r);
      if (r.chance(0.2)) o.flags = r.pick(['ALL', 'NONE', 'AND|OR|PREFIX', 'PHRASE', 'NOT|WHITESPACE', 'OR|FUZZY']);
      if (r.chance(0.15)) o.analyze_wildcard = r.pick([true, false]);
      if (r.chance(0.15)) o.lenient = true;
      if (r.chance(0.1)) o.auto_generate_synonyms_phrase_query = false;
      return { simple_query_string: boost(r, o) };
    }
    case 8: case 9: {
      const v = sample(r, f, vals);
      if (r.chance(0.4)) return { term: { [f.name]: v } };
      const o: Record<string, unknown> = { value: v };
      if (r.chance(0.3) && (f.type === 'keyword')) o.case_insensitive = true;
      return { term: { [f.name]: boost(r, o) } };
    }
    case 10: {
      const vs = Array.from({ length: r.int(0, 4) }, () => sample(r, f, vals));
      return { terms: boost(r, { [f.name]: vs }) };
    }
    case 11: case 12: case 13: {
      const o: Record<string, unknown> = {};
      for (const k of r.some(['gt', 'gte', 'lt', 'lte'], 1, 2)) o[k] = sample(r, f, vals);
      if (r.chance(0.1)) { o.from = sample(r, f, vals); delete o.gt; delete o.gte; o.include_lower = r.chance(0.5); }
      if (f.type === 'date') {
        if (r.chance(0.2)) o.format = r.pick(['yyyy-MM-dd', 'epoch_millis', 'strict_date_optional_time', 'yyyy', 'epoch_second', 'dd/MM/yyyy||yyyy']);
        if (r.chance(0.1)) o.time_zone = r.pick(['UTC', 'Z', '+00:00']);
      }
      if (r.chance(0.1)) o.relation = r.pick(['intersects', 'within', 'contains']);
      return { range: { [f.name]: boost(r, o) } };
    }
    case 14: return { exists: { field: r.chance(0.85) ? f.name : r.pick(['o', 'nope', 'dis', 'loose.free', 'o.*', 't*', 'info', '_id']) } };
    case 15: {
      const v = r.pick(['a', 'A', 'ap', 'Ap', 're', 'R', '', '北', 'b', 'ri', 'x', '1', 'blu', 'id1', 'Ü']);
      const tf = r.chance(0.8) ? f : { name: '_id', type: 'keyword' };
      return { prefix: { [tf.name]: r.chance(0.5) ? v : boost(r, { value: v, case_insensitive: r.chance(0.5) }) } };
    }
    case 16: {
      const v = r.pick(['a*', '*e', 'r?d', 'R*', '*', '?', '*a*', 'ap*e', 'b\\*', 'x?y', '北*', '*Ü*', 'id?', 'gr??n', '**']);
      const tf = r.chance(0.85) ? f : { name: '_id', type: 'keyword' };
      return { wildcard: { [tf.name]: r.chance(0.4) ? v : boost(r, { value: v, case_insensitive: r.chance(0.5) }) } };
    }
    case 17: return { ids: boost(r, { values: r.some(ID_POOL, 0, 5) }) };
    case 18: return { term: { _id: r.pick(ID_POOL) } };
    default: {
      const tf = texts.length ? r.pick(texts) : f;
      return { match: { [tf.name]: r.pick(WORDS) } };
    }
  }
}

export function query(r: Rng, fs: Field[], vals: Map<string, unknown[]>, depth = 0): Record<string, unknown> {
  const k = r.next();
  if (depth < 3 && k < 0.3) {
    const b: Record<string, unknown> = {};
    for (const c of ['must', 'should', 'filter', 'must_not']) {
      if (r.chance(0.45)) {
        const n = r.int(0, 3);
        const arr = Array.from({ length: n }, () => query(r, fs, vals, depth + 1));
        b[c] = n === 1 && r.chance(0.5) ? arr[0] : arr;
      }
    }
    if (r.chance(0.35)) b.minimum_should_match = msm(r);
    return { bool: boost(r, b) };
  }
  if (depth < 3 && k < 0.37) return { constant_score: boost(r, { filter: query(r, fs, vals, depth + 1) }) };
  return leaf(r, fs, vals);
}

export function sortSpec(r: Rng, fs: Field[]): unknown[] {
  const sortable = fs.filter((x) => x.type !== 'text');
  const out: unknown[] = [];
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) {
    const c = r.next();
    if (c < 0.12) out.push(r.pick<unknown>(['_score', { _score: { order: 'asc' } }, { _score: 'desc' }]));
    else if (c < 0.18) out.push(r.pick<unknown>(['_doc', { _doc: 'desc' }]));
    else if (c < 0.22) out.push({ nope: { order: 'asc', unmapped_type: r.pick(['long', 'keyword', 'date', 'boolean']) } });
    else if (c < 0.25) out.push({ _id: r.pick(['asc', 'desc']) });
    else {
      const f = sortable.length ? r.pick(sortable) : r.pick(fs);
      if (r.chance(0.25)) { out.push(r.chance(0.5) ? f.name : { [f.name]: r.pick(['asc', 'desc']) }); continue; }
      const o: Record<string, unknown> = { order: r.pick(['asc', 'desc']) };
      if (r.chance(0.35)) o.mode = r.pick(['min', 'max', 'avg', 'sum', 'median']);
      if (r.chance(0.35)) o.missing = r.pick<unknown>(['_first', '_last', 0, 5, '2017-01-01', 'zzz', -1]);
      if (r.chance(0.1)) o.unmapped_type = 'long';
      out.push({ [f.name]: o });
    }
  }
  return out;
}

function metric(r: Rng, fs: Field[]): Record<string, unknown> {
  const nf = fs.filter((x) => NUMT.has(x.type) || x.type === 'date' || x.type === 'boolean');
  const f = (nf.length && r.chance(0.85) ? r.pick(nf) : r.pick(fs)).name;
  const t = r.pick(['min', 'max', 'avg', 'sum', 'value_count', 'cardinality', 'stats']);
  const o: Record<string, unknown> = { field: f };
  if (r.chance(0.15) && t !== 'cardinality') o.missing = r.pick([0, 10, -1.5]);
  return { [t]: o };
}

export function agg(r: Rng, fs: Field[], vals: Map<string, unknown[]>, depth = 0): Record<string, unknown> {
  const kwf = fs.filter((x) => x.type !== 'text');
  const nf = fs.filter((x) => NUMT.has(x.type));
  const df = fs.filter((x) => x.type === 'date');
  const k = r.int(0, 12);
  let a: Record<string, unknown>;
  if (k <= 3) {
    const f = kwf.length ? r.pick(kwf) : r.pick(fs);
    const o: Record<string, unknown> = { field: f.name };
    if (r.chance(0.4)) o.size = r.int(1, 6);
    if (r.chance(0.4)) o.order = r.pick<unknown>([{ _count: 'asc' }, { _count: 'desc' }, { _key: 'asc' }, { _key: 'desc' }, [{ _count: 'desc' }, { _key: 'asc' }]]);
    if (r.chance(0.2)) o.min_doc_count = r.pick([1, 2, 3]);
    if (r.chance(0.2)) o.missing = f.type === 'date' ? '2017-01-01' : NUMT.has(f.type) ? r.pick([0, -1, 7.5]) : f.type === 'boolean' ? false : r.pick(['N/A', '']);
    if (r.chance(0.15)) o.include = r.pick<unknown>(['r.*', '[a-z]+', ['red', 'blue', 'a']]);
    if (r.chance(0.15)) o.exclude = r.pick<unknown>(['b.*', ['red', '']]);
    if (r.chance(0.1)) o.shard_size = 20;
    a = { terms: o };
  } else if (k <= 5 && nf.length) {
    const f = r.pick(nf);
    const o: Record<string, unknown> = { field: f.name, interval: r.pick([1, 2.5, 5, 10, 100, 0.1, 1000]) };
    if (r.chance(0.2)) o.offset = r.pick([0.5, 1, -2, 3]);
    o.min_doc_count = r.pick([1, 1, 2]); // never 0: empty-bucket filling can OOM the shared node
    if (r.chance(0.2)) o.extended_bounds = { min: r.pick([-10, 0, 5]), max: r.pick([20, 50, 0]) };
    if (r.chance(0.2)) o.order = r.pick<unknown>([{ _key: 'desc' }, { _count: 'desc' }, { _count: 'asc' }]);
    if (r.chance(0.15)) o.missing = 0;
    if (r.chance(0.1)) o.keyed = true;
    a = { histogram: o };
  } else if (k <= 7 && df.length) {
    const f = r.pick(df);
    const o: Record<string, unknown> = { field: f.name };
    if (r.chance(0.6)) o.calendar_interval = r.pick(['year', '1y', 'month', '1M', 'quarter', 'week', '1w', 'day', '1d', 'hour']);
    else o.fixed_interval = r.pick(['30d', '1d', '12h', '90m', '3600s', '1000ms', '365d']);
    o.min_doc_count = r.pick([1, 1, 2]); // never 0 (date_histogram's default): 0001..9999 at 1s took the node down
    if (r.chance(0.3)) o.format = r.pick(['yyyy', 'yyyy-MM-dd', 'epoch_millis', "yyyy-MM-dd'T'HH:mm", 'strict_date_optional_time']);
    if (r.chance(0.25)) o.time_zone = r.pick(['UTC', '+01:00', '-05:30', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata']);
    if (r.chance(0.15)) o.offset = r.pick(['+6h', '-1d', '1h']);
    if (r.chance(0.15)) o.extended_bounds = { min: '2016-01-01', max: '2018-12-31' };
    if (r.chance(0.1)) o.missing = '2000-01-01';
    if (r.chance(0.1)) o.order = { _key: 'desc' };
    a = { date_histogram: o };
  } else if (k === 8) {
    const f = r.chance(0.5) && df.length ? r.pick(df) : nf.length ? r.pick(nf) : r.pick(fs);
    const isDate = f.type === 'date';
    const ranges = Array.from({ length: r.int(1, 3) }, () => {
      const x: Record<string, unknown> = {};
      if (r.chance(0.7)) x.from = isDate ? r.pick(['2017-01-01', '2017-03-05||-1d', 0, '1970']) : r.pick([0, 1.5, -5, 10, 100]);
      if (r.chance(0.7)) x.to = isDate ? r.pick(['2018-01-01', '2017-03-05T10:11:12Z', 1488700000000]) : r.pick([5, 20, 42.5, 1000]);
      if (r.chance(0.3)) x.key = r.pick(['lo', 'mid', 'hi']);
      return x;
    });
    const o: Record<string, unknown> = { field: f.name, ranges };
    if (r.chance(0.2)) o.keyed = true;
    if (isDate && r.chance(0.3)) o.format = r.pick(['yyyy-MM-dd', 'yyyy', 'epoch_millis']);
    if (r.chance(0.1)) o.missing = isDate ? '2017-01-01' : 3;
    a = { [isDate ? r.pick(['date_range', 'range']) : 'range']: o };
  } else if (k === 9) {
    a = { filter: query(r, fs, vals, 2) };
  } else if (k === 10) {
    const o: Record<string, unknown> = r.chance(0.6) ? { filters: { one: query(r, fs, vals, 2), two: leaf(r, fs, vals) } } : { filters: [leaf(r, fs, vals), leaf(r, fs, vals)] };
    if (r.chance(0.3)) o.other_bucket = true;
    if (r.chance(0.15)) o.other_bucket_key = 'rest';
    a = { filters: o };
  } else if (k === 11) {
    a = { missing: { field: r.pick(fs).name } };
  } else a = metric(r, fs);
  const bucket = !Object.keys(a).some((t) => ['min', 'max', 'avg', 'sum', 'value_count', 'cardinality', 'stats'].includes(t));
  if (bucket && depth < 2 && r.chance(0.45)) {
    const sub: Record<string, unknown> = { s: r.chance(0.6) ? metric(r, fs) : agg(r, fs, vals, depth + 1) };
    if (r.chance(0.3)) sub.s2 = metric(r, fs);
    a.aggs = sub;
    // order by sub metric
    const t = Object.keys(a)[0]!;
    if ((t === 'terms' || t === 'histogram') && r.chance(0.3)) {
      const sm = Object.keys(sub.s as object)[0]!;
      if (sm !== 'stats' && ['min', 'max', 'avg', 'sum', 'value_count', 'cardinality'].includes(sm)) (a[t] as Record<string, unknown>).order = { s: r.pick(['asc', 'desc']) };
      else if (sm === 'stats') (a[t] as Record<string, unknown>).order = { 's.avg': r.pick(['asc', 'desc']) };
    }
  }
  return a;
}

export function sourceSpec(r: Rng): unknown {
  return r.pick<unknown>([false, true, 't', ['k', 'in'], 'o.*', { includes: ['o'], excludes: ['o.n'] }, { excludes: ['t*'] }, ['*.a', 'lo'],
    { includes: ['o.deep.*', 'name'] }, 'info', ['info.city', 'tags'], { includes: [], excludes: [] }, '*', 'dis', 'loose', ['dis.any', 'loose.free']]);
}

export function searchBody(r: Rng, fs: Field[], vals: Map<string, unknown[]>): Record<string, unknown> {
  const b: Record<string, unknown> = {};
  if (r.chance(0.85)) b.query = query(r, fs, vals);
  if (r.chance(0.3)) b.from = r.int(0, 8);
  if (r.chance(0.5)) b.size = r.int(0, 15);
  if (r.chance(0.45)) b.sort = sortSpec(r, fs);
  if (r.chance(0.3)) b.track_total_hits = r.pick<unknown>([true, false, 1, 5, 20, 10000]);
  if (r.chance(0.3)) b._source = sourceSpec(r);
  if (r.chance(0.35)) {
    b[r.chance(0.5) ? 'aggs' : 'aggregations'] = r.chance(0.7) ? { a: agg(r, fs, vals) } : { a: agg(r, fs, vals), b: agg(r, fs, vals) };
  }
  if (r.chance(0.1)) b.track_scores = true;
  if (r.chance(0.1)) b.post_filter = leaf(r, fs, vals);
  if (r.chance(0.08)) b.min_score = r.pick([0.1, 0.5, 1, 2]);
  if (r.chance(0.05)) b.version = true;
  if (r.chance(0.05)) b.seq_no_primary_term = true;
  return b;
}
