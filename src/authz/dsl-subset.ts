import type { RuleProblem } from './rule-error.js';
import type { TKey, TNode } from './dls-template.js';
import { isListVariable, varName } from './variables.js';
import { unreachable } from '../unreachable.js';

/**
 * The query types a DLS query may use. Searchgate renders DLS for a real OpenSearch node and for its embedded
 * engine, so the set is closed; anything else makes the role invalid (the plugin would accept any query).
 */
export const DLS_QUERY_TYPES = [
  'match_all',
  'match_none',
  'match',
  'match_phrase',
  'multi_match',
  'simple_query_string',
  'term',
  'terms',
  'range',
  'exists',
  'prefix',
  'wildcard',
  'ids',
  'bool',
] as const;

export type DlsQueryType = (typeof DLS_QUERY_TYPES)[number];

const MAX_DEPTH = 48;

/** Result of checking one DLS template: problems, and the string nodes whose values need wildcard escaping. */
export interface SubsetCheck {
  readonly problems: RuleProblem[];
  readonly wildcardStrings: Set<TNode>;
}

type Kind = 'string' | 'number' | 'boolean' | 'scalar' | 'stringList' | 'scalarList' | { readonly oneOf: readonly string[] };

const COMMON: Record<string, Kind> = { boost: 'number', _name: 'string' };

const MATCH_PARAMS: Record<string, Kind> = {
  ...COMMON,
  query: 'scalar',
  operator: { oneOf: ['and', 'or', 'AND', 'OR'] },
  minimum_should_match: 'scalar',
  fuzziness: 'scalar',
  analyzer: 'string',
  zero_terms_query: { oneOf: ['none', 'all', 'NONE', 'ALL'] },
  lenient: 'boolean',
  prefix_length: 'number',
  max_expansions: 'number',
  fuzzy_transpositions: 'boolean',
  fuzzy_rewrite: 'string',
  auto_generate_synonyms_phrase_query: 'boolean',
};

const MATCH_PHRASE_PARAMS: Record<string, Kind> = {
  ...COMMON,
  query: 'scalar',
  analyzer: 'string',
  slop: 'number',
  zero_terms_query: { oneOf: ['none', 'all', 'NONE', 'ALL'] },
};

const MULTI_MATCH_PARAMS: Record<string, Kind> = {
  ...MATCH_PARAMS,
  fields: 'stringList',
  type: { oneOf: ['best_fields', 'most_fields', 'cross_fields', 'phrase', 'phrase_prefix', 'bool_prefix'] },
  tie_breaker: 'number',
  slop: 'number',
};

const SIMPLE_QUERY_STRING_PARAMS: Record<string, Kind> = {
  ...COMMON,
  query: 'string',
  fields: 'stringList',
  default_operator: { oneOf: ['and', 'or', 'AND', 'OR'] },
  flags: 'string',
  analyzer: 'string',
  minimum_should_match: 'scalar',
  lenient: 'boolean',
  quote_field_suffix: 'string',
  analyze_wildcard: 'boolean',
  auto_generate_synonyms_phrase_query: 'boolean',
  fuzzy_prefix_length: 'number',
  fuzzy_max_expansions: 'number',
  fuzzy_transpositions: 'boolean',
};

const TERM_PARAMS: Record<string, Kind> = { ...COMMON, value: 'scalar', case_insensitive: 'boolean' };
const PREFIX_PARAMS: Record<string, Kind> = { ...COMMON, value: 'string', rewrite: 'string', case_insensitive: 'boolean' };
const WILDCARD_PARAMS: Record<string, Kind> = { ...PREFIX_PARAMS, wildcard: 'string' };
const RANGE_PARAMS: Record<string, Kind> = {
  ...COMMON,
  gt: 'scalar',
  gte: 'scalar',
  lt: 'scalar',
  lte: 'scalar',
  from: 'scalar',
  to: 'scalar',
  include_lower: 'boolean',
  include_upper: 'boolean',
  format: 'string',
  time_zone: 'string',
  relation: { oneOf: ['intersects', 'contains', 'within', 'INTERSECTS', 'CONTAINS', 'WITHIN'] },
};
const BOOL_CLAUSES = ['must', 'filter', 'should', 'must_not'] as const;

/** Checks a parsed DLS template against the supported subset (structure and, loosely, parameter shapes). */
export function checkDlsSubset(root: TNode): SubsetCheck {
  const check: SubsetCheck = { problems: [], wildcardStrings: new Set() };
  checkQuery(root, '', 0, check);
  return check;
}

function problem(check: SubsetCheck, path: string, message: string): void {
  check.problems.push({ path, message });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function literalKey(key: TKey): string | undefined {
  return typeof key === 'string' ? key : undefined;
}

function checkQuery(node: TNode, path: string, depth: number, check: SubsetCheck): void {
  if (depth > MAX_DEPTH) return problem(check, path, `queries nested deeper than ${MAX_DEPTH} levels`);
  if (node.t !== 'obj' && !(node.t === 'lit' && isPlainObject(node.v))) {
    return problem(check, path, 'expected a query object like {"term": {...}}');
  }
  const entries = objectEntries(node);
  if (entries.length !== 1) {
    return problem(check, path, `a query object must have exactly one key (the query type), found ${entries.length}`);
  }
  const [key, body] = entries[0] as [TKey, TNode];
  const type = literalKey(key);
  if (type === undefined) return problem(check, path, 'the query type cannot be a variable');
  const here = join(path, type);
  if (type === 'query') {
    return problem(check, here, 'write the query itself, without a "query" wrapper');
  }
  if (!(DLS_QUERY_TYPES as readonly string[]).includes(type)) {
    return problem(check, here, `query type "${type}" is not supported in DLS (supported: ${DLS_QUERY_TYPES.join(', ')})`);
  }
  const known = type as DlsQueryType;
  switch (known) {
    case 'match_all':
    case 'match_none':
      return checkParams(body, here, COMMON, [], check);
    case 'match':
      return checkFieldQuery(body, here, MATCH_PARAMS, 'query', 'scalar', check);
    case 'match_phrase':
      return checkFieldQuery(body, here, MATCH_PHRASE_PARAMS, 'query', 'scalar', check);
    case 'term':
      return checkFieldQuery(body, here, TERM_PARAMS, 'value', 'scalar', check);
    case 'prefix':
      return checkFieldQuery(body, here, PREFIX_PARAMS, 'value', 'string', check);
    case 'wildcard':
      return checkWildcard(body, here, check);
    case 'range':
      return checkRange(body, here, check);
    case 'multi_match':
      checkNoEmptyFields(body, here, check);
      return checkParams(body, here, MULTI_MATCH_PARAMS, ['query'], check);
    case 'simple_query_string':
      checkNoEmptyFields(body, here, check);
      checkParams(body, here, SIMPLE_QUERY_STRING_PARAMS, ['query'], check);
      // The value would be read as query syntax (`*`, `|`, `-`): a user name could widen the filter.
      for (const [k, v] of objectEntries(body)) {
        if (k === 'query' && isDynamic(v)) {
          problem(check, join(here, 'query'), 'variables are not allowed here (the text is parsed as query syntax); use match or term');
        }
      }
      return;
    case 'terms':
      return checkTerms(body, here, check);
    case 'exists':
      return checkParams(body, here, { ...COMMON, field: 'string' }, ['field'], check);
    case 'ids':
      return checkParams(body, here, { ...COMMON, values: 'scalarList' }, ['values'], check);
    case 'bool':
      return checkBool(body, here, depth, check);
      default:
      return unreachable(known, 'DLS query type');
  }
}

function checkBool(body: TNode, path: string, depth: number, check: SubsetCheck): void {
  if (!isObjectNode(body)) return problem(check, path, 'expected an object');
  for (const [k, v] of objectEntries(body)) {
    const key = literalKey(k);
    if (key === undefined) {
      problem(check, path, 'parameter names cannot be variables');
      continue;
    }
    const p = join(path, key);
    if ((BOOL_CLAUSES as readonly string[]).includes(key)) {
      if (v.t === 'arr' || (v.t === 'lit' && Array.isArray(v.v))) {
        arrayItems(v).forEach((item, i) => {
          if (item === 'splice') problem(check, `${p}[${i}]`, 'a variable cannot stand for a query');
          else checkQuery(item, `${p}[${i}]`, depth + 1, check);
        });
      } else {
        checkQuery(v, p, depth + 1, check);
      }
    } else if (key === 'minimum_should_match') {
      const clauses = objectEntries(body).find(([c]) => c === 'should')?.[1];
      checkBoolMinimumShouldMatch(v, clauses ? clauseCount(clauses) : 0, p, check);
    } else if (key === 'boost') {
      checkKind(v, p, 'number', check);
    } else if (key === '_name') {
      checkKind(v, p, 'string', check);
    } else if (key === 'adjust_pure_negative') {
      // `false` makes a bool with only must_not match nothing on OpenSearch; the embedded engine refuses it.
      if (!(v.t === 'lit' && (v.v === true || v.v === 'true'))) problem(check, p, 'only true is supported in DLS (false changes what must_not-only queries match)');
    } else {
      problem(check, p, 'unknown bool parameter');
    }
  }
}

/** `"fields": []` means every field (`*`) on OpenSearch and none in the embedded engine: refused. */
function checkNoEmptyFields(body: TNode, path: string, check: SubsetCheck): void {
  for (const [k, v] of objectEntries(body)) {
    if (k === 'fields' && v.t === 'lit' && Array.isArray(v.v) && v.v.length === 0) {
      problem(check, join(path, 'fields'), 'an empty fields list is refused (OpenSearch reads it as every field); list the fields');
    }
  }
}

function clauseCount(v: TNode): number {
  return v.t === 'arr' || (v.t === 'lit' && Array.isArray(v.v)) ? arrayItems(v).length : 1;
}

/**
 * `minimum_should_match` in a DLS bool, limited to what means the same on OpenSearch and the embedded engine and
 * what reads as written. OpenSearch ignores it when `should` is empty (`{"should": [], "minimum_should_match": 1}`
 * matches every document) but not when there is a `filter`, and a count above the number of clauses can never
 * be met: both are refused, as are combinations (`2<75%`), fractions and variables. Accepted: an integer or an
 * integer percentage, negative meaning "all but", with at least one `should` clause, at most their number.
 */
function checkBoolMinimumShouldMatch(v: TNode, should: number, path: string, check: SubsetCheck): void {
  if (v.t !== 'lit' || (typeof v.v !== 'number' && typeof v.v !== 'string')) {
    return problem(check, path, 'expected an integer or a percentage like "50%" (no variables)');
  }
  const text = String(v.v);
  const m = /^(-?)(\d+)(%?)$/.exec(text);
  if (!m) return problem(check, path, `"${text}" is not supported in DLS: use an integer or an integer percentage like "50%"`);
  if (should === 0) {
    return problem(check, path, 'minimum_should_match without should clauses is refused (OpenSearch would ignore it and match every document)');
  }
  const amount = Number(m[2]);
  const limit = m[3] === '%' ? 100 : should;
  if (amount > limit) {
    const what = m[3] === '%' ? 'more than 100%' : `more than the ${should} should clause${should === 1 ? '' : 's'}`;
    problem(check, path, `${text} asks for ${what}: ${m[1] ? 'write the intended count' : 'it could never match'}`);
  }
}

function checkTerms(body: TNode, path: string, check: SubsetCheck): void {
  if (!isObjectNode(body)) return problem(check, path, 'expected an object');
  let fields = 0;
  for (const [k, v] of objectEntries(body)) {
    const key = literalKey(k);
    if (key === 'boost' || key === '_name') {
      checkKind(v, join(path, key), COMMON[key] as Kind, check);
      continue;
    }
    fields += 1;
    const p = join(path, key ?? '<field>');
    if (v.t === 'obj' || (v.t === 'lit' && isPlainObject(v.v))) {
      problem(check, p, 'terms lookup is not supported in DLS; list the values');
    } else {
      checkKind(v, p, 'scalarList', check);
    }
  }
  if (fields !== 1) problem(check, path, `expected exactly one field, found ${fields}`);
}

function checkWildcard(body: TNode, path: string, check: SubsetCheck): void {
  checkFieldQuery(body, path, WILDCARD_PARAMS, 'value', 'string', check);
  // Values substituted into a wildcard pattern must stay literal: escape `*`, `?` and `\` in them.
  for (const [, fieldBody] of objectEntries(body)) {
    if (fieldBody.t === 'str') check.wildcardStrings.add(fieldBody);
    else if (isObjectNode(fieldBody)) {
      for (const [k, v] of objectEntries(fieldBody)) {
        if ((k === 'value' || k === 'wildcard') && v.t === 'str') check.wildcardStrings.add(v);
      }
    }
  }
}

function checkRange(body: TNode, path: string, check: SubsetCheck): void {
  if (!isObjectNode(body)) return problem(check, path, 'expected an object');
  const entries = objectEntries(body);
  if (entries.length !== 1) return problem(check, path, `expected exactly one field, found ${entries.length}`);
  const [k, v] = entries[0] as [TKey, TNode];
  const p = join(path, literalKey(k) ?? '<field>');
  if (!isObjectNode(v)) return problem(check, p, 'expected an object of bounds like {"gte": ...}');
  checkParams(v, p, RANGE_PARAMS, [], check);
}

/** `{field: value}` or `{field: {<main>: value, ...params}}`. */
function checkFieldQuery(
  body: TNode,
  path: string,
  params: Record<string, Kind>,
  main: string,
  mainKind: Kind,
  check: SubsetCheck,
): void {
  if (!isObjectNode(body)) return problem(check, path, 'expected an object like {"field": value}');
  const entries = objectEntries(body);
  if (entries.length !== 1) return problem(check, path, `expected exactly one field, found ${entries.length}`);
  const [k, v] = entries[0] as [TKey, TNode];
  const p = join(path, literalKey(k) ?? '<field>');
  if (isObjectNode(v)) {
    const required = main === 'value' && params === WILDCARD_PARAMS ? [] : [main];
    checkParams(v, p, params, required, check);
    if (params === WILDCARD_PARAMS) {
      const keys = objectEntries(v).map(([key]) => key);
      if (!keys.includes('value') && !keys.includes('wildcard')) problem(check, p, 'missing "value"');
    }
  } else {
    checkKind(v, p, mainKind, check);
  }
}

function checkParams(body: TNode, path: string, spec: Record<string, Kind>, required: readonly string[], check: SubsetCheck): void {
  if (!isObjectNode(body)) return problem(check, path, 'expected an object');
  const seen = new Set<string>();
  for (const [k, v] of objectEntries(body)) {
    const key = literalKey(k);
    if (key === undefined) {
      problem(check, path, 'parameter names cannot be variables');
      continue;
    }
    seen.add(key);
    const kind = spec[key];
    if (!kind) {
      problem(check, join(path, key), 'unknown parameter');
      continue;
    }
    checkKind(v, join(path, key), kind, check);
  }
  for (const r of required) if (!seen.has(r)) problem(check, path, `missing "${r}"`);
}

function checkKind(node: TNode, path: string, kind: Kind, check: SubsetCheck): void {
  const bad = (what: string): void => problem(check, path, `expected ${what}`);
  if (typeof kind === 'object') {
    if (!(node.t === 'lit' && typeof node.v === 'string' && kind.oneOf.includes(node.v))) bad(`one of ${kind.oneOf.join(', ')}`);
    return;
  }
  switch (kind) {
    case 'string':
      if (!(isStringNode(node) || node.t === 'var')) bad('a string');
      else if (node.t === 'var' && isListVariable(node.ref)) bad(`a string, not the list \${${varName(node.ref)}}`);
      return;
    case 'number':
      if (!(node.t === 'lit' && (typeof node.v === 'number' || (typeof node.v === 'string' && isNumeric(node.v))))) {
        bad('a number');
      }
      return;
    case 'boolean':
      if (!(node.t === 'lit' && (typeof node.v === 'boolean' || node.v === 'true' || node.v === 'false'))) bad('true or false');
      return;
    case 'scalar':
      if (!isScalarNode(node)) bad('a string, number or boolean');
      return;
    case 'stringList':
    case 'scalarList': {
      // `"${user.roles}"` alone in a string renders as the list itself.
      if (node.t === 'str' && node.parts.length === 1 && typeof node.parts[0] !== 'string') return;
      if (!(node.t === 'arr' || (node.t === 'lit' && Array.isArray(node.v)))) return bad('an array');
      arrayItems(node).forEach((item, i) => {
        if (item === 'splice') return;
        if (kind === 'stringList' ? !isStringNode(item) : !isScalarNode(item)) {
          problem(check, `${path}[${i}]`, kind === 'stringList' ? 'expected a string' : 'expected a string, number or boolean');
        }
      });
      return;
    }
  }
}

function isNumeric(s: string): boolean {
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s.trim());
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isObjectNode(node: TNode): boolean {
  return node.t === 'obj' || (node.t === 'lit' && isPlainObject(node.v));
}

function isStringNode(node: TNode): boolean {
  return node.t === 'str' || (node.t === 'lit' && typeof node.v === 'string');
}

function isScalarNode(node: TNode): boolean {
  if (node.t === 'str') return true;
  if (node.t === 'var') return !isListVariable(node.ref);
  return node.t === 'lit' && ['string', 'number', 'boolean'].includes(typeof node.v);
}

function isDynamic(node: TNode): boolean {
  return node.t === 'str' || node.t === 'var';
}

/** Entries of an object node (literal subtrees are viewed as nodes). */
export function objectEntries(node: TNode): [TKey, TNode][] {
  if (node.t === 'obj') return node.entries.map(([k, v]) => [k, v]);
  if (node.t === 'lit' && isPlainObject(node.v)) {
    return Object.entries(node.v).map(([k, v]) => [k, { t: 'lit', v } as TNode]);
  }
  return [];
}

function arrayItems(node: TNode): (TNode | 'splice')[] {
  if (node.t === 'arr') return node.items.map((item) => (item.t === 'splice' ? 'splice' : item));
  if (node.t === 'lit' && Array.isArray(node.v)) return node.v.map((v) => ({ t: 'lit', v }) as TNode);
  return [];
}
