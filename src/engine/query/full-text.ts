/** `match`, `match_phrase`, `match_bool_prefix` and `multi_match` (best_fields, most_fields, phrase, bool_prefix). */
import { isRawNumber } from '../index/exact-numbers.js';
import { EngineError, parsingError } from '../errors.js';
import { EMPTY, disMax, scoredUnion, withBoost } from './doc-set.js';
import { matchField, matchNone, matchPointCounted, matchShortcut, phraseField, type FieldQueryOptions, type Fuzziness } from './field-query.js';
import { parseFieldSpecs, resolveFields } from './fields.js';
import { boolParam, boostOf, checkParams, checkValueTokens, isObject, singleField, slopParam } from './params.js';
import type { Query } from './types.js';
import { boolPrefixField } from './bool-prefix.js';
import { parsingAt, raisedAt, tokenOf } from './clause-errors.js';

const BUILT_IN_ANALYZERS = new Set(['simple', 'whitespace', 'stop', 'keyword', 'pattern', 'fingerprint', 'arabic', 'armenian', 'basque',
  'bengali', 'brazilian', 'bulgarian', 'catalan', 'cjk', 'czech', 'danish', 'dutch', 'english', 'estonian', 'finnish', 'french', 'galician',
  'german', 'greek', 'hindi', 'hungarian', 'indonesian', 'irish', 'italian', 'latvian', 'lithuanian', 'norwegian', 'persian', 'portuguese',
  'romanian', 'russian', 'sorani', 'spanish', 'swedish', 'turkish', 'thai']);

/** `holder`: the parameters' object as written (`p` may be a copy). */
function common(query: string, p: Record<string, unknown>, topBoost: unknown, holder: object = p): FieldQueryOptions {
  const op = p.operator === undefined ? 'or' : String(p.operator).toLowerCase();
  // Operator.fromString: Enum.valueOf of the upper-cased text.
  if (op !== 'or' && op !== 'and') {
    throw raisedAt(new EngineError(400, 'illegal_argument_exception', `No enum constant org.opensearch.index.query.Operator.${String(p.operator).toUpperCase()}`), { holder, key: 'operator', at: 'value' });
  }
  const zt = p.zero_terms_query === undefined ? 'none' : String(p.zero_terms_query).toLowerCase();
  if (zt !== 'none' && zt !== 'all') throw raisedAt(parsingError(`Unsupported zero_terms_query value [${String(p.zero_terms_query)}]`), { holder, key: 'zero_terms_query', at: 'value' });
  if (p.analyzer !== undefined && p.analyzer !== 'standard' && p.analyzer !== 'default') {
    // Analyzers every node has (hunt2 H2-22) are refused in the engine's words; other names do not exist.
    if (BUILT_IN_ANALYZERS.has(String(p.analyzer))) throw parsingError(`[${query}] analyzer [${String(p.analyzer)}] is not supported by the embedded engine`);
    throw parsingError(`[${query}] analyzer [${String(p.analyzer)}] not found`);
  }
  // Documented OpenSearch parameters the engine does not model (hunt2 H2-41): refused in the engine's own words.
  for (const k of ['cutoff_frequency', 'fuzzy_rewrite']) {
    if (p[k] !== undefined) throw parsingError(`[${query}] query [${k}] is not supported by the embedded engine`);
  }
  const fuzziness = parseFuzziness(query, p.fuzziness);
  if (fuzziness !== undefined) {
    // Lucene's FuzzyQuery defaults (the only ones modelled by query/fuzzy.ts).
    const defaults: [string, unknown][] = [['prefix_length', 0], ['max_expansions', 50], ['fuzzy_transpositions', true]];
    for (const [k, d] of defaults) {
      if (p[k] !== undefined && String(p[k]) !== String(d)) throw parsingError(`[${query}] query [${k}] with [fuzziness] is not supported by the embedded engine`);
    }
  }
  return {
    fuzziness,
    explicitAnalyzer: p.analyzer !== undefined,
    operator: op,
    minimumShouldMatch: p.minimum_should_match,
    zeroTermsAll: zt === 'all',
    lenient: p.lenient === undefined ? false : boolParam(query, 'lenient', p.lenient),
    boost: boostOf(query, p.boost ?? topBoost, p.boost !== undefined ? holder : undefined),
  };
}

/**
 * Fuzziness.parse: a number or a string (`AUTO`, `AUTO:low,high`, an int, or a float read by
 * Float.parseFloat, whose edits are its int part, at most 2); negative or unreadable values are refused as
 * OpenSearch refuses them.
 */
function parseFuzziness(query: string, v: unknown): Fuzziness | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'object' && !isRawNumber(v)) {
    throw parsingError(`[${query}] unknown token [${v === null ? 'VALUE_NULL' : Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT'}] after [fuzziness]`);
  }
  if (typeof v === 'boolean') throw new EngineError(400, 'illegal_argument_exception', 'Can\'t parse fuzziness on token: [VALUE_BOOLEAN]');
  const text = String(v);
  const upper = text.toUpperCase();
  if (upper === 'AUTO') return { auto: [3, 6] };
  if (upper.startsWith('AUTO:')) {
    const m = /^AUTO:(\d+),(\d+)$/.exec(upper);
    if (!m || Number(m[1]) > Number(m[2])) throw parsingError(`[${query}] query [fuzziness] [${text}] is not supported by the embedded engine`);
    return { auto: [Number(m[1]), Number(m[2])] };
  }
  if (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) {
    const n = Number(text.trim());
    if (n < 0) throw new EngineError(400, 'illegal_argument_exception', `Invalid fuzziness value: ${text}`);
    return { edits: Math.min(2, Math.trunc(n)) };
  }
  if (/^\s*[+-]?(NaN|Infinity|0[xX]|.*[fFdD]\s*$)/.test(text)) throw parsingError(`[${query}] query [fuzziness] [${text}] is not supported by the embedded engine`);
  throw new EngineError(400, 'illegal_argument_exception', `Invalid fuzziness value: ${text}`);
}

const MATCH_PARAMS = ['cutoff_frequency', 'fuzzy_rewrite', 'query', 'operator', 'minimum_should_match', 'analyzer', 'zero_terms_query', 'lenient', 'boost',
  'fuzziness', 'prefix_length', 'max_expansions', 'fuzzy_transpositions', 'auto_generate_synonyms_phrase_query'];

export function parseMatch(body: unknown): Query {
  const { field, value, top } = singleField('match', body);
  const p = isObject(value) ? value : { query: value };
  if (isObject(value)) checkValueTokens('match', value, MATCH_PARAMS, [], true);
  checkParams('match', p, MATCH_PARAMS);
  // MatchQueryBuilder.fromXContent reads `query` as a value: null or a container is an unknown token there.
  if (isObject(value) && (value.query === null || (typeof value.query === 'object' && !isRawNumber(value.query)))) {
    throw parsingAt(`[match] unknown token [${tokenOf(value.query)}] after [query]`, { holder: value, key: 'query', at: 'value' });
  }
  if (p.query === undefined || p.query === null) throw parsingError('No text specified for text query');
  if (typeof p.query === 'object' && !isRawNumber(p.query)) throw parsingError('[match] requires query value');
  const o = common('match', p, top.boost);
  const text = p.query;
  return { execute: (ix, ctx) => matchField(ix, field, text, o, ctx), countShortcut: (ix) => matchShortcut(ix, field, text, o), pointCounted: (ix) => matchPointCounted(ix, field), luceneNone: (ix) => matchNone(ix, field, text, o) };
}

export function parseMatchPhrase(body: unknown): Query {
  const { field, value, top } = singleField('match_phrase', body);
  if (field === '') throw new EngineError(400, 'illegal_argument_exception', '[match_phrase] requires fieldName');
  const p = isObject(value) ? value : { query: value };
  if (isObject(value)) checkValueTokens('match_phrase', value, ['query', 'slop', 'analyzer', 'zero_terms_query', 'boost'], [], true);
  checkParams('match_phrase', p, ['query', 'slop', 'analyzer', 'zero_terms_query', 'boost']);
  if (isObject(value) && (value.query === null || (typeof value.query === 'object' && !isRawNumber(value.query)))) {
    throw parsingAt(`[match_phrase] unknown token [${tokenOf(value.query)}] after [query]`, { holder: value, key: 'query', at: 'value' });
  }
  if (p.query === undefined || p.query === null) throw new EngineError(400, 'illegal_argument_exception', '[match_phrase] requires query value');
  if (typeof p.query === 'object' && !isRawNumber(p.query)) throw parsingError('[match_phrase] requires query value');
  const o: FieldQueryOptions = { ...common('match_phrase', p, top.boost), slop: slopParam('match_phrase', p.slop) };
  const text = p.query;
  return { execute: (ix, ctx) => phraseField(ix, field, text, o, ctx), countShortcut: (ix) => matchShortcut(ix, field, text, o), pointCounted: (ix) => matchPointCounted(ix, field), luceneNone: (ix) => matchNone(ix, field, text, o) };
}

const BOOL_PREFIX_PARAMS = ['query', 'analyzer', 'operator', 'minimum_should_match', 'boost', 'fuzziness', 'prefix_length', 'max_expansions',
  'fuzzy_transpositions', 'fuzzy_rewrite'];

export function parseMatchBoolPrefix(body: unknown): Query {
  const { field, value, top } = singleField('match_bool_prefix', body);
  if (field === '') throw new EngineError(400, 'illegal_argument_exception', '[match_bool_prefix] requires fieldName');
  const p = isObject(value) ? value : { query: value };
  checkParams('match_bool_prefix', p, BOOL_PREFIX_PARAMS);
  if (p.query === undefined || p.query === null || (typeof p.query === 'object' && !isRawNumber(p.query))) throw parsingError('[match_bool_prefix] requires query value');
  noFuzzyPrefix('match_bool_prefix', p);
  const o = common('match_bool_prefix', p, top.boost);
  const text = p.query;
  return { execute: (ix, ctx) => boolPrefixField(ix, field, text, o, ctx) };
}

/** Fuzziness on the terms before the prefix (and its expansion options) is not modelled: refused by name. */
function noFuzzyPrefix(query: string, p: Record<string, unknown>): void {
  for (const k of ['fuzziness', 'prefix_length', 'max_expansions', 'fuzzy_transpositions', 'fuzzy_rewrite']) {
    if (p[k] !== undefined) throw parsingError(`[${query}] query [${k}] with a boolean prefix is not supported by the embedded engine`);
  }
}

const MULTI_PARAMS = ['cutoff_frequency', 'fuzzy_rewrite', 'query', 'fields', 'type', 'operator', 'minimum_should_match', 'analyzer', 'zero_terms_query', 'lenient',
  'boost', 'tie_breaker', 'slop', 'fuzziness', 'prefix_length', 'max_expansions', 'fuzzy_transpositions', 'auto_generate_synonyms_phrase_query'];

export function parseMultiMatch(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[multi_match] query malformed, no start_object after query name');
  // MultiMatchQueryBuilder.fromXContent: `fields` as an object is an unsupported member.
  checkValueTokens('multi_match', body, MULTI_PARAMS, ['fields'], false, ['fields']);
  checkParams('multi_match', body, MULTI_PARAMS);
  if (typeof body.query === 'object' && body.query !== null && !isRawNumber(body.query)) {
    throw parsingAt(`[multi_match] unknown token [${tokenOf(body.query)}] after [query]`, { holder: body, key: 'query', at: 'value' });
  }
  if (body.query === undefined || body.query === null || (typeof body.query === 'object' && !isRawNumber(body.query))) throw parsingError('No text specified for multi_match query');
  const type = body.type === undefined ? 'best_fields' : String(body.type).toLowerCase();
  if (!['best_fields', 'most_fields', 'phrase', 'bool_prefix'].includes(type)) {
    throw parsingError(`[multi_match] query type [${type}] is not supported by the embedded engine`);
  }
  if (type === 'phrase' && body.fuzziness !== undefined) throw parsingError('Fuzziness not allowed for type [phrase]');
  if (type === 'bool_prefix') {
    if (body.slop !== undefined) throw parsingError('slop not allowed for type [bool_prefix]');
    noFuzzyPrefix('multi_match', body);
  }
  // Slop only changes phrase types; best_fields/most_fields accept and ignore it, as on OpenSearch.
  const slop = slopParam('multi_match', body.slop);
  const specs = body.fields === undefined ? [{ pattern: '*', boost: 1 }] : parseFieldSpecs('multi_match', body.fields);
  const allFields = body.fields === undefined || specs.some((s) => s.pattern === '*');
  const base = common('multi_match', { ...body, boost: undefined }, undefined, body);
  // Expanding `*` makes the query lenient, as OpenSearch does, so numeric fields do not reject words.
  const o: FieldQueryOptions = { ...base, lenient: base.lenient || allFields, boost: 1, slop };
  const boost = boostOf('multi_match', body.boost, body);
  // bool_prefix sums its fields like most_fields (MultiMatchQueryBuilder.Type: tie breaker 1).
  const tie = body.tie_breaker === undefined ? (type === 'most_fields' || type === 'bool_prefix' ? 1 : 0) : Number(body.tie_breaker);
  const text = body.query;
  return {
    execute(ix, ctx) {
      const fields = resolveFields(ix, specs);
      const sets = fields.map((f) => {
        const fo = { ...o, boost: f.boost };
        return type === 'phrase' ? phraseField(ix, f.field, text, fo, ctx)
          : type === 'bool_prefix' ? boolPrefixField(ix, f.field, text, fo, ctx) : matchField(ix, f.field, text, fo, ctx);
      }).filter((s) => s.docs.length > 0);
      if (sets.length === 0) return EMPTY;
      const combined = sets.length === 1 ? sets[0]! : type === 'most_fields' ? scoredUnion(sets) : disMax(sets, tie);
      return withBoost(combined, boost);
    },
    // Over one field it is that field's match (several make a disjunction, without shortcut).
    countShortcut(ix) {
      const fields = resolveFields(ix, specs);
      return fields.length === 1 ? matchShortcut(ix, fields[0]!.field, text, o) : undefined;
    },
    pointCounted(ix) {
      const fields = resolveFields(ix, specs);
      return fields.length === 1 && matchPointCounted(ix, fields[0]!.field);
    },
    // No field resolved, or one whose query is a MatchNoDocsQuery.
    luceneNone(ix) {
      const fields = resolveFields(ix, specs);
      return fields.length === 0 || (fields.length === 1 && matchNone(ix, fields[0]!.field, text, o));
    },
  };
}
