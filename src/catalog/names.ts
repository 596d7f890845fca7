/**
 * GraphQL names for index fields. Index field names may contain characters GraphQL forbids (`@timestamp`,
 * `first-name`); they are rewritten deterministically so the same mapping always yields the same schema.
 */
const VALID = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function graphqlName(raw: string): string {
  let name = raw.replace(/[^_0-9A-Za-z]/g, '_');
  if (!/^[_A-Za-z]/.test(name)) name = `_${name}`;
  // Names starting with `__` are reserved for introspection.
  if (name.startsWith('__')) name = `f${name}`;
  return VALID.test(name) ? name : `f_${name}`;
}

/** `author.name` -> `author_name`: one flat name per leaf, for where-inputs, orderBy and aggregation enums. */
export function flatName(path: string): string {
  return path.split('.').map(graphqlName).join('_');
}

/** `author.name` on type `Movie` -> `MovieAuthor` for the nested object's GraphQL type. */
export function nestedTypeName(typeName: string, segment: string): string {
  const n = graphqlName(segment).replace(/^_+/, '');
  return `${typeName}${n.charAt(0).toUpperCase()}${n.slice(1)}`;
}

/** Enum values are conventionally upper snake case; field paths become e.g. `AUTHOR_NAME`. */
export function enumValueName(path: string): string {
  return flatName(path).toUpperCase();
}

/**
 * Every type name generated for one exposed index of GraphQL type `T`. The schema builders take their names
 * from here, and so does the registry that refuses colliding configurations (generated-names.ts): a name added
 * here is checked without anyone keeping a list.
 */
export function indexTypeNames(T: string) {
  return {
    document: T,
    searchResult: `${T}SearchResult`,
    hit: `${T}Hit`,
    where: `${T}Where`,
    orderBy: `${T}OrderBy`,
    sortField: `${T}SortField`,
    aggregations: `${T}Aggregations`,
    termsField: `${T}TermsField`,
    numericField: `${T}NumericField`,
    dateField: `${T}DateField`,
  } as const;
}

/** Names generated once per schema for the search across every index. */
export const CROSS_INDEX_NAMES = { union: 'Document', hit: 'SearchHit', result: 'SearchResult', queryField: 'search' } as const;

/** The orderBy enum value for relevance, next to the field values. */
export const SCORE_ENUM_VALUE = '_SCORE';

/**
 * The document type's field holding the document's `_id`, so client caches (Apollo Client, urql, Relay) can
 * normalise documents: `id`, or `_id` when the mapping has its own top-level field whose GraphQL name is `id`
 * (that field keeps its name and meaning). Decided from the whole mapping, never from what one caller may
 * see, so every caller's schema names the same field. Apollo Client and urql key objects by `id` or `_id`.
 */
export function documentIdFieldName(topLevelFieldNames: readonly string[]): 'id' | '_id' {
  return topLevelFieldNames.includes('id') ? '_id' : 'id';
}

/** Where-input fields that combine conditions; an index field of the same flat name could not be told apart. */
export const WHERE_COMBINATORS = ['and', 'or', 'not'] as const;
