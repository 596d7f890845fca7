/** `simple_query_string`: the parsed syntax tree evaluated over one or more fields (default: all). */
import { analyzeStandard, luceneLowerCase } from '../analysis/standard.js';
import { EngineError, parsingError } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { EMPTY, accumulate, constantSet, difference, disMax, intersect, union, withBoost, type DocSet } from './doc-set.js';
import { matchField, phraseField, type FieldQueryOptions } from './field-query.js';
import { matchingDocs, wellFormed } from './pattern.js';
import { existsDocs } from './exists.js';
import { parseFieldSpecs, resolveFields, type FieldSpec } from './fields.js';
import { fuzzyDocs, fuzzyExpansion } from './fuzzy.js';
import { queryShardError } from './field-values.js';
import { analyzedPrefixDocs } from './analyzed-prefix.js';
import { checkClauseCount } from './limits.js';
import { minimumShouldMatch } from './msm.js';
import { boolParam, boostOf, checkParams, checkValueTokens, isObject } from './params.js';
import { parsingAt } from './clause-errors.js';
import { parseFlags, parseSqs, type SqsNode } from './simple-query-string-parser.js';
import { MATCH_ALL_COUNT, allDocs, type ExecContext, type Query } from './types.js';

const PARAMS = ['query', 'fields', 'default_operator', 'analyzer', 'flags', 'lenient', 'minimum_should_match', 'boost',
  'analyze_wildcard', 'auto_generate_synonyms_phrase_query', 'fuzzy_prefix_length', 'fuzzy_max_expansions', 'fuzzy_transpositions', 'quote_field_suffix'];

export function parseSimpleQueryString(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[simple_query_string] query malformed, no start_object after query name');
  // (A `query` array is an unsupported member there: below.)
  checkValueTokens('simple_query_string', body, PARAMS, Array.isArray(body.query) ? ['fields', 'query'] : ['fields']);
  checkParams('simple_query_string', body, PARAMS, 'unsupported-field');
  // SimpleQueryStringBuilder.fromXContent: an array is an unsupported member, an object an unknown token.
  if (Array.isArray(body.query)) throw parsingAt('[simple_query_string] query does not support [query]', { holder: body, key: 'query', at: 'value' });
  if (isObject(body.query)) throw parsingAt('[simple_query_string] unknown token [START_OBJECT] after [query]', { holder: body, key: 'query', at: 'value' });
  if (typeof body.query !== 'string') throw parsingError('[simple_query_string] query text missing');
  const op = body.default_operator === undefined ? 'or' : String(body.default_operator).toLowerCase();
  if (op !== 'or' && op !== 'and') throw new EngineError(400, 'illegal_argument_exception', `No enum constant org.opensearch.index.query.Operator.${String(body.default_operator).toUpperCase()}`);
  if (body.analyzer !== undefined && body.analyzer !== 'standard') throw parsingError(`[simple_query_string] analyzer [${String(body.analyzer)}] not found`);
  if (body.quote_field_suffix !== undefined) throw parsingError('[simple_query_string] [quote_field_suffix] is not supported by the embedded engine');
  const flags = parseFlags(body.flags);
  const text = body.query;
  let parsed: SqsNode | null;
  try {
    parsed = parseSqs(body.query, op === 'and' ? 'must' : 'should', flags);
  } catch (e) {
    // OpenSearch builds the query on each shard, so its refusals come back as shard failures: raise it there.
    if (!(e instanceof EngineError) || e.type !== 'query_shard_exception') throw e;
    return { execute() { throw e; } };
  }
  // Its parser reads `fields` as an array only: a lone string is an unsupported field there.
  if (body.fields !== undefined && !Array.isArray(body.fields)) throw parsingError('[simple_query_string] unsupported field [fields]');
  const specs: FieldSpec[] = body.fields === undefined ? [{ pattern: '*', boost: 1 }] : parseFieldSpecs('simple_query_string', body.fields);
  // Querying all fields (`*`) makes it lenient unless the request says otherwise (an explicit false stands).
  const lenient = body.lenient !== undefined ? boolParam('simple_query_string', 'lenient', body.lenient) : specs.some((s) => s.pattern === '*');
  const analyzeWildcard = body.analyze_wildcard !== undefined && boolParam('simple_query_string', 'analyze_wildcard', body.analyze_wildcard);
  const msm = body.minimum_should_match;
  const boost = boostOf('simple_query_string', body.boost, body);
  // Lucene's SimpleQueryParser answers a query text that is `*` after Java's trim() (characters <= U+0020)
  // with MatchAllDocsQuery, whatever the fields, flags, operator or minimum_should_match.
  if (/^[\u0000-\u0020]*\*[\u0000-\u0020]*$/.test(body.query)) {
    return { execute: (ix) => constantSet(allDocs(ix), boost), countShortcut: () => MATCH_ALL_COUNT };
  }
  const self: Query = {
    execute(ix, ctx) {
      if (!parsed) return EMPTY;
      const fields = resolveFields(ix, specs);
      const env: Env = { ix, ctx, fields, lenient, analyzeWildcard, operator: op };
      // Parsed again against this index's fields: a clause that builds no query here leaves its operator
      // to the next one, which can change the whole tree (see parseSqs).
      const tree = parseSqs(text, op === 'and' ? 'must' : 'should', flags, (n) => !noClause(n, env));
      if (!tree) return EMPTY;
      refuseFuzzyBesideSameTerm(tree, env);
      // A lone negation is one optional clause to minimum_should_match there (OpenSearch adds a match_all
      // beside it): 1 or a percentage keep it, 2 and more match nothing.
      if (tree.kind === 'not' && msm !== undefined && minimumShouldMatch(1, msm) > 1) return EMPTY;
      return withBoost(evalTop(tree, env, msm), boost);
    },
    // No clause builds a query on this index: SimpleQueryParser answers a MatchNoDocsQuery.
    luceneNone(ix) {
      if (!parsed) return true;
      const env: Env = { ix, ctx: { scoring: false, now: Date.now() }, fields: resolveFields(ix, specs), lenient, analyzeWildcard, operator: op };
      const tree = parseSqs(text, op === 'and' ? 'must' : 'should', flags, (n) => !noClause(n, env));
      // Without a mapped field every clause is a MatchNoDocsQuery, and so is a boolean of them without a
      // negation (a negation is left alone: the boolean it is in keeps it).
      const hasNot = (n: SqsNode): boolean => n.kind === 'not' || (n.kind === 'bool' && n.clauses.some((c) => hasNot(c.node)));
      return tree === null || (env.fields.every((f) => ix.leaf(f.field) === undefined) && !hasNot(tree));
    },
    // Where no field is mapped, every clause is a MatchNoDocsQuery or a MatchAllDocsQuery, and Lucene's
    // BooleanQuery.rewrite (must_not clauses matching nothing dropped, OpenSearch's match_all beside a lone
    // negation, single clauses unwrapped) leaves a MatchAllDocsQuery exactly when every document matches:
    // OpenSearch then knows the count up front (checked on 3.6.0: `-b`, `-b -c`, `(-b) | (-c)`, `-b *`,
    // `-"b c"`, `-b~1`, `-b*` report terminated_early with size 0 and aggregations; wide seed 83).
    countShortcut(ix) {
      if (!parsed || ix.docCount === 0 || !resolveFields(ix, specs).every((f) => ix.leaf(f.field) === undefined)) return undefined;
      return self.execute(ix, { scoring: false, now: Date.now() }).docs.length === ix.docCount ? MATCH_ALL_COUNT : undefined;
    },
  };
  return self;
}

interface Env {
  readonly ix: SearchIndex;
  readonly ctx: ExecContext;
  readonly fields: { field: string; boost: number }[];
  readonly lenient: boolean;
  readonly analyzeWildcard: boolean;
  /** Words the analyzer splits further (e.g. `quick-fox`) combine with the default operator. */
  readonly operator: 'or' | 'and';
}

/**
 * The query Lucene's parser returns as a whole: minimum_should_match applies to it when it is a boolean
 * (OpenSearch's SimpleQueryStringBuilder), which is also the case of one word the analyzer splits into
 * several terms (`e-mail`) on a single text field without a boost: then its term clauses count, so with the
 * `and` operator (required terms, no optional one) a positive value matches nothing, and with `or` a value
 * above the number of terms matches nothing too.
 */
function evalTop(node: SqsNode, env: Env, msmSpec: unknown): DocSet {
  if (msmSpec === undefined) return evalNode(node, env);
  if (node.kind === 'bool') return evalBool(node, env, msmSpec);
  if (node.kind === 'prefix' && node.text !== '' && env.analyzeWildcard && env.fields.length === 1 && env.fields[0]!.boost === 1 && env.ix.leaf(env.fields[0]!.field)) {
    // An analyzed prefix over several tokens is a boolean query there, the top query when it is alone.
    return analyzedPrefixDocs(env.ix, env.fields[0]!.field, node.text, env.operator, env.lenient, env.ctx, 1, msmSpec);
  }
  if (node.kind === 'term' && env.fields.length === 1 && env.fields[0]!.boost === 1) {
    const o: FieldQueryOptions = { operator: env.operator, minimumShouldMatch: msmSpec, zeroTermsAll: false, lenient: env.lenient, boost: 1 };
    return matchField(env.ix, env.fields[0]!.field, node.text, o, env.ctx);
  }
  return evalNode(node, env);
}

function evalNode(node: SqsNode, env: Env): DocSet {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      // A phrase is a multi_match of type phrase there, whose fields combine by their best score (tie_breaker
      // 0); the other operands sum their fields' scores (tie_breaker 1).
      return perField(env, (field, boost) => {
        const o: FieldQueryOptions = { operator: env.operator, zeroTermsAll: false, lenient: env.lenient, boost };
        return node.kind === 'term' ? matchField(env.ix, field, node.text, o, env.ctx) : phraseField(env.ix, field, node.text, o, env.ctx);
      }, node.kind === 'phrase' ? 0 : 1);
    case 'fuzzy':
      return perField(env, (field, boost) => fuzzyDocs(env.ix, field, node.text, node.edits, boost, env.ctx, env.lenient));
    case 'prefix':
      if (node.text === '') {
        // A bare `*` matches every doc having any of the fields, scoring 1 like OpenSearch.
        return constantSet(union(env.fields.map((f) => existsDocs(env.ix, f.field))), 1);
      }
      return perField(env, (field, boost) => prefixOn(env, field, node.text, boost));
    case 'not': {
      const inner = evalNode(node.node, { ...env, ctx: { ...env.ctx, scoring: false } });
      return constantSet(difference(allDocs(env.ix), inner.docs), 1);
    }
    case 'bool':
      return evalBool(node, env, undefined);
  }
}

/**
 * Lucene's BooleanQuery.rewrite flattens nested disjunctions and merges SHOULD clauses that are equal
 * queries, summing their boosts and keeping the first one's statistics; a TermQuery's equality ignores its
 * statistics, so `w~1 | w` scores the plain term with the fuzzy expansion's blended statistics (twice), and
 * `w | w~1` the other way round (wide seed 82); the same holds for any plain word within the fuzzy's edits
 * (an expansion of it) and for two fuzzy operands whose expansions can meet. The engine scores each operand
 * on its own: it refuses those rather than answer differently.
 */
function refuseFuzzyBesideSameTerm(tree: SqsNode, env: Env): void {
  const fuzzy: { text: string; edits: number }[] = [];
  const plain: string[] = [];
  const walk = (n: SqsNode): void => {
    if (n.kind === 'fuzzy') fuzzy.push({ text: n.text, edits: n.edits });
    else if (n.kind === 'term') plain.push(n.text);
    else if (n.kind === 'not') walk(n.node);
    else if (n.kind === 'bool') for (const c of n.clauses) walk(c.node);
  };
  walk(tree);
  if (fuzzy.length === 0 || (fuzzy.length === 1 && plain.length === 0)) return;
  for (const { field } of env.fields) {
    const fi = env.ix.fieldIndex(field);
    if (fi?.kind !== 'text' && fi?.kind !== 'keyword') continue;
    const dfOf = (t: string): number => (fi.kind === 'text' ? fi.docsAndFreqs(t).docs.length : fi.docs(t).length);
    // A plain operand's terms as this field indexes them (a keyword field takes the text whole).
    const plainTerms = plain.flatMap((t) => (fi.kind === 'text' ? analyzeStandard(t).map((x) => x.term) : [t]));
    const expansions = fuzzy.map((q) => ({ q, e: fuzzyExpansion(env.ix, field, q.text, q.edits) }));
    // Merged with another clause of the same term, an expansion scores with the first one's statistics:
    // a different answer only where those statistics differ (the expansion's blended document frequency).
    const clash = expansions.some(({ q, e }, i) => e !== undefined && (
      plainTerms.some((t) => e.terms.has(t) && dfOf(t) !== e.df)
      || expansions.some((o, j) => j > i && o.e !== undefined && o.e.df !== e.df && !(o.q.text === q.text && o.q.edits === q.edits)
        && [...o.e.terms].some((t) => e.terms.has(t)))));
    if (clash) {
      throw parsingError('[simple_query_string] a fuzzy operand whose expansions meet another operand\'s term with other statistics (Lucene merges their term queries) is not supported by the embedded engine');
    }
  }
}

/**
 * A term or phrase that no field turns into a query (every field is a text field, or unmapped, and the text
 * analyzes to no token, like a lone `*`): OpenSearch builds no clause for it, so it neither counts for
 * minimum_should_match nor is required.
 */
function noClause(node: SqsNode, env: Env): boolean {
  // A negation or a group of such clauses is no clause either.
  if (node.kind === 'not') return noClause(node.node, env);
  if (node.kind === 'bool') return node.clauses.every((c) => noClause(c.node, env));
  if (node.kind !== 'term' && node.kind !== 'phrase') return false;
  // Unmapped fields are left out of the field list; when none is left at all, every term, phrase and prefix
  // is a clause matching nothing (`xx -7` with the `and` operator on an unmapped field matches nothing,
  // with `or` every document; checked on OpenSearch 3.6.0, FINDINGS class 26).
  const mapped = env.fields.filter((f) => env.ix.leaf(f.field) !== undefined);
  if (mapped.length === 0) return false;
  let tokens: boolean | undefined;
  return mapped.every((f) => {
    if (env.ix.leaf(f.field)!.type !== 'text') return false;
    tokens ??= analyzeStandard(node.text).length > 0;
    return !tokens;
  });
}

function evalBool(node: Extract<SqsNode, { kind: 'bool' }>, env: Env, msmSpec: unknown): DocSet {
  checkClauseCount(node.clauses.length);
  const built = node.clauses.filter((c) => !noClause(c.node, env));
  if (built.length === 0) return EMPTY;
  // Lucene's parser makes the first built branch the top query: when one branch is left it stands alone
  // (its operator dropped), and minimum_should_match then applies to it if it is a group.
  if (built.length === 1 && node.clauses.length > 1 && built[0]!.node.kind !== 'not') {
    const only = built[0]!.node;
    return evalTop(only, env, msmSpec);
  }
  const sets = built.map((c) => ({ occur: c.occur, set: evalNode(c.node, env) }));
  const must = sets.filter((s) => s.occur === 'must');
  const should = sets.filter((s) => s.occur === 'should');
  let msm = minimumShouldMatch(should.length, msmSpec);
  if (msmSpec === undefined && must.length === 0) msm = 1;
  if (msm > should.length) return EMPTY;
  let base: Int32Array;
  if (must.length > 0) {
    base = must[0]!.set.docs;
    for (const m of must.slice(1)) base = intersect(base, m.set.docs);
  } else base = union(should.map((s) => s.set.docs));
  const acc = new Float64Array(base.length);
  const counts = new Uint16Array(base.length);
  for (const m of must) accumulate(base, acc, m.set);
  for (const s of should) accumulate(base, acc, s.set, counts);
  const docs = new Int32Array(base.length);
  const scores = new Float32Array(base.length);
  let k = 0;
  for (let i = 0; i < base.length; i++) {
    if (counts[i]! < msm) continue;
    docs[k] = base[i]!;
    scores[k++] = acc[i]!;
  }
  return { docs: docs.subarray(0, k), scores: scores.subarray(0, k), constant: 0 };
}

/** One clause over all fields: a doc matches when any field does; scores combine as a dis_max (`tie`). */
function perField(env: Env, one: (field: string, boost: number) => DocSet, tie = 1): DocSet {
  const sets = env.fields.map((f) => one(f.field, f.boost)).filter((s) => s.docs.length > 0);
  if (sets.length === 0) return EMPTY;
  return sets.length === 1 ? sets[0]! : disMax(sets, tie);
}

function prefixOn(env: Env, field: string, text: string, boost: number): DocSet {
  const leaf = env.ix.leaf(field);
  if (!leaf) return EMPTY;
  if (text === '') {
    // A bare `*` matches every doc that has the field.
    const docs = existsDocs(env.ix, field);
    return docs.length === 0 ? EMPTY : constantSet(docs, boost);
  }
  if (env.analyzeWildcard) return analyzedPrefixDocs(env.ix, field, text, env.operator, env.lenient, env.ctx, boost);
  if (leaf.type !== 'text' && leaf.type !== 'keyword') {
    if (env.lenient) return EMPTY;
    throw queryShardError(`Can only use prefix queries on keyword and text fields - not on [${field}] which is of type [${leaf.type}]`);
  }
  // The text analyzer's normalizer lower-cases the prefix (the whole text: no tokenizing without analyze_wildcard).
  const value = leaf.type === 'text' ? luceneLowerCase(text) : text;
  // A lone surrogate is U+FFFD in the term's bytes: it never prefixes a surrogate pair.
  const bytes = wellFormed(value);
  const docs = matchingDocs(env.ix, field, (t) => t.startsWith(bytes), 'prefix');
  return docs.length === 0 ? EMPTY : constantSet(docs, boost);
}
