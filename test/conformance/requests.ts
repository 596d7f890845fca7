/**
 * Named requests run against both backends. Every sorted request ends with a unique key (`uid` or `_id`)
 * so the expected order is fully determined; requests ordered by score are marked `scored` and compared as
 * id sets (their sizes cover every hit, so the sets do not depend on score ties).
 */
import { ARTICLES, BOOKS, LIBRARY_ALIAS, SHELF_ALIAS, buildCorpus } from './corpus.js';

export interface ConformanceRequest {
  readonly name: string;
  /** Index expression: a name, a comma list, an alias or a wildcard. */
  readonly index: string;
  readonly api: 'search' | 'count';
  readonly body: Record<string, unknown>;
  /** Ordered by relevance: compare hit ids as a set (and the total), not their order. */
  readonly scored?: boolean;
  /** Both backends must refuse it with the same status and error type. */
  readonly expectError?: boolean;
}

const requests: ConformanceRequest[] = [];

// Values taken from the corpus itself so exact-match queries are guaranteed to hit something.
const sample = buildCorpus().indices[0]!.docs.map((d) => d.source);
const sampleTitle = sample.find((s) => typeof s.title === 'string' && s.title.includes(' '))!.title as string;
const samplePrice = sample.find((s) => typeof s.price === 'number' && !Number.isInteger(s.price * 10))!.price as number;

function search(name: string, body: Record<string, unknown>, opts: { index?: string; scored?: boolean } = {}): void {
  requests.push({ name, index: opts.index ?? BOOKS, api: 'search', body, ...(opts.scored ? { scored: true } : {}) });
}

function count(name: string, body: Record<string, unknown>, index = BOOKS): void {
  requests.push({ name, index, api: 'count', body });
}

function failing(name: string, body: Record<string, unknown>, index = BOOKS): void {
  requests.push({ name, index, api: 'search', body, expectError: true });
}

/** Deterministic order: by uid (unique), returning enough hits to see the result. */
const byUid = [{ uid: 'asc' }];
function q(query: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { query, sort: byUid, size: 50, ...extra };
}

// ---------------------------------------------------------------- basic queries, sorted by uid
search('match_all', q({ match_all: {} }));
search('match_none', q({ match_none: {} }));
search('match single word', q({ match: { body: 'fox' } }));
search('match two words or', q({ match: { body: 'quick river' } }));
search('match operator and', q({ match: { body: { query: 'quick brown', operator: 'and' } } }));
search('match minimum_should_match', q({ match: { body: { query: 'quick brown fox lazy', minimum_should_match: 3 } } }));
search('match accent café', q({ match: { body: 'café' } }));
search('match uppercase folds', q({ match: { body: 'ZÜRICH' } }));
search('match apostrophe', q({ match: { body: "don't" } }));
search('match apostrophe name', q({ match: { body: "O'Reilly" } }));
search('match hyphenated', q({ match: { body: 'state-of-the-art' } }));
search('match hyphen part', q({ match: { body: 'mail' } }));
search('match digits inside word', q({ match: { body: 'x86_64' } }));
search('match covid', q({ match: { body: 'covid-19' } }));
search('match version dotted', q({ match: { body: 'v1.2.3' } }));
search('match decimal number', q({ match: { body: '3.14' } }));
search('match cjk', q({ match: { body: '東京' } }));
search('match cjk single ideograph', q({ match: { body: '京' } }));
search('match hiragana', q({ match: { body: 'ひらがな' } }));
search('match katakana', q({ match: { body: 'カタカナ' } }));
search('match hangul', q({ match: { body: '한국어' } }));
search('match cyrillic', q({ match: { body: 'привет' } }));
search('match greek', q({ match: { body: 'ελλάδα' } }));
search('match emoji', q({ match: { body: '🚀' } }));
search('match german sharp s', q({ match: { body: 'straße' } }));
search('match title', q({ match: { title: 'golden' } }));
search('match on keyword field is exact', q({ match: { category: 'novel' } }));
search('match on integer field', q({ match: { level: 3 } }));
search('match_phrase', q({ match_phrase: { body: 'quick brown' } }));
search('match_phrase three words', q({ match_phrase: { body: 'the quick brown' } }));
search('match_phrase with slop', q({ match_phrase: { body: { query: 'quick fox', slop: 2 } } }));
search('match_phrase unicode', q({ match_phrase: { body: 'crème brûlée' } }));
search('multi_match best_fields', q({ multi_match: { query: 'golden river', fields: ['title', 'body'] } }));
search('multi_match operator and', q({ multi_match: { query: 'silent night', fields: ['title', 'body'], operator: 'and' } }));
search('multi_match wildcard fields', q({ multi_match: { query: 'castle', fields: ['tit*', 'body'] } }));
search('multi_match boosted field', q({ multi_match: { query: 'ocean', fields: ['title^3', 'body'] } }));
search('simple_query_string plus', q({ simple_query_string: { query: '+quick +fox', fields: ['body'] } }));
search('simple_query_string or', q({ simple_query_string: { query: 'castle | tower', fields: ['body', 'title'] } }));
search('simple_query_string not', q({ simple_query_string: { query: 'river -night', fields: ['body'], default_operator: 'and' } }));
search('simple_query_string phrase', q({ simple_query_string: { query: '"lazy dog"', fields: ['body'] } }));
search('simple_query_string prefix', q({ simple_query_string: { query: 'moun*', fields: ['body'] } }));
search('simple_query_string all fields', q({ simple_query_string: { query: 'guide' } }));
search('term keyword', q({ term: { category: 'essay' } }));
search('term keyword unicode', q({ term: { tags: 'über' } }));
search('term keyword cjk', q({ term: { tags: '日本' } }));
search('term keyword case sensitive', q({ term: { category: 'Essay' } }));
search('term text lowercase token', q({ term: { body: 'river' } }));
search('term keyword subfield', q({ term: { 'title.keyword': sampleTitle } }));
search('term integer', q({ term: { level: 2 } }));
search('term float', q({ term: { price: samplePrice } }));
search('range float around value', q({ range: { price: { gte: samplePrice, lte: samplePrice } } }));
search('term boolean', q({ term: { available: true } }));
search('term boolean string', q({ term: { available: 'false' } }));
search('term date', q({ term: { published: '2011-04-21' } }));
search('term object subfield', q({ term: { 'author.country': 'JP' } }));
search('term with boost object form', q({ term: { owner: { value: 'alice', boost: 2 } } }));
search('term dynamic text keyword', q({ term: { 'extra_note.keyword': 'signed copy' } }));
search('term dynamic long', q({ term: { extra_count: 42 } }));
search('terms keyword', q({ terms: { owner: ['alice', 'bob'] } }));
search('terms integer', q({ terms: { level: [0, 5] } }));
search('terms array field', q({ terms: { tags: ['c++', 'sci-fi'] } }));
search('terms _id', q({ terms: { _id: ['b-00001', 'b-00010', 'b-00100', 'nope'] } }));
search('term _id', q({ term: { _id: 'b-00042' } }));
search('ids query', q({ ids: { values: ['b-00003', 'b-00004', 'b-02999', 'zzz'] } }));
search('range integer gte lt', q({ range: { level: { gte: 2, lt: 4 } } }));
search('range float gt lte', q({ range: { price: { gt: 10.5, lte: 20 } } }));
search('range double', q({ range: { rating: { gte: 4.5 } } }));
search('range long', q({ range: { views: { gte: 1_000_000_000 } } }));
search('range date year', q({ range: { published: { gte: '2010-01-01', lt: '2011-01-01' } } }));
search('range date with time', q({ range: { published: { gte: '2015-06-01T12:00:00Z', lte: '2015-09-01T00:00:00Z' } } }));
search('range date math rounding', q({ range: { published: { gte: '2012-01-01||/y', lte: '2012-01-01||+1M/M' } } }));
search('range date math now', q({ range: { published: { gte: 'now-15y/y' } } }));
search('range date gt rounds up', q({ range: { published: { gt: '2010-05-05||/d', lt: '2010-07-01' } } }));
search('range date custom format field', q({ range: { updated: { gte: '2020-01-01 00:00:00', lt: '2021-01-01 00:00:00' } } }));
search('range date explicit format', q({ range: { published: { gte: '01/02/2003', format: 'dd/MM/yyyy', lt: '01/01/2004' } } }));
search('range date epoch millis', q({ range: { published: { gte: 1_000_000_000_000, lt: 1_100_000_000_000 } } }));
search('range keyword', q({ range: { owner: { gte: 'b', lt: 'd' } } }));
search('range dynamic date', q({ range: { extra_day: { gte: '2020-01-01' } } }));
search('range object subfield', q({ range: { 'author.born': { lt: 1920 } } }));
search('exists', q({ exists: { field: 'price' } }));
search('exists object', q({ exists: { field: 'author' } }));
search('exists array maybe empty', q({ exists: { field: 'tags' } }));
search('exists dynamic', q({ exists: { field: 'extra_flag' } }));
search('exists unmapped', q({ exists: { field: 'does_not_exist' } }));
search('prefix keyword', q({ prefix: { owner: 'ca' } }));
search('prefix text', q({ prefix: { body: 'moun' } }));
search('prefix keyword subfield', q({ prefix: { 'title.keyword': 'Golden' } }));
search('wildcard keyword', q({ wildcard: { owner: '*a*e' } }));
search('wildcard question mark', q({ wildcard: { owner: 'b?b' } }));
search('wildcard text', q({ wildcard: { body: 'c*e' } }));
search('wildcard case_insensitive', q({ wildcard: { category: { value: 'NOV*', case_insensitive: true } } }));

// ---------------------------------------------------------------- bool
search('bool must + filter', q({ bool: { must: [{ match: { body: 'river' } }], filter: [{ term: { status: 'published' } }] } }));
search('bool must_not', q({ bool: { filter: [{ term: { owner: 'alice' } }], must_not: [{ range: { level: { gte: 2 } } }] } }));
search('bool should only', q({ bool: { should: [{ term: { category: 'atlas' } }, { term: { category: 'comic' } }] } }));
search('bool should msm 2', q({ bool: { should: [{ term: { owner: 'bob' } }, { term: { level: 1 } }, { term: { available: true } }], minimum_should_match: 2 } }));
search('bool should msm percent', q({ bool: { should: [{ term: { owner: 'bob' } }, { term: { level: 1 } }, { term: { available: true } }, { term: { status: 'draft' } }], minimum_should_match: '75%' } }));
search('bool filter + should optional', q({ bool: { filter: [{ term: { owner: 'erin' } }], should: [{ match: { body: 'fox' } }] } }));
search('bool filter + should msm 1', q({ bool: { filter: [{ term: { owner: 'erin' } }], should: [{ match: { body: 'fox' } }], minimum_should_match: 1 } }));
search('bool nested bools', q({ bool: { must: [{ bool: { should: [{ term: { level: 0 } }, { bool: { must_not: [{ exists: { field: 'price' } }] } }] } }], filter: { term: { department: 'legal' } } } }));
search('bool only must_not', q({ bool: { must_not: [{ exists: { field: 'category' } }] } }));
search('bool empty', q({ bool: {} }));
search('bool single object clauses', q({ bool: { must: { term: { owner: 'grace' } }, filter: { range: { pages: { gte: 500 } } } } }));

// ---------------------------------------------------------------- DLS-style wrappings (what the gateway sends)
const dls = (user: unknown, ...roles: unknown[]) => ({ bool: { must: [user], filter: [{ bool: { should: roles, minimum_should_match: 1 } }] } });
search('dls single role term', q(dls({ match_all: {} }, { term: { owner: 'alice' } })));
search('dls two roles', q(dls({ match: { body: 'river' } }, { term: { owner: 'alice' } }, { range: { level: { lte: 1 } } })));
search('dls with terms role', q(dls({ match: { title: 'night' } }, { terms: { department: ['sales', 'legal'] } }, { bool: { must_not: { exists: { field: 'department' } } } })));
search('dls user bool query', q(dls({ bool: { should: [{ term: { category: 'novel' } }, { match: { body: 'fox' } }], minimum_should_match: 1 } }, { term: { status: 'published' } }, { term: { 'author.country': 'FR' } })));
search('dls match_none role', q(dls({ match_all: {} }, { match_none: {} })));
search('dls count', { query: dls({ match: { body: 'the' } }, { term: { owner: 'bob' } }) });
count('dls count api', { query: dls({ match: { body: 'the' } }, { term: { owner: 'bob' } }) });
search('dls with aggs', {
  size: 0,
  query: dls({ match_all: {} }, { term: { owner: 'carol' } }, { term: { owner: 'dave' } }),
  aggs: { owners: { terms: { field: 'owner' } }, lv: { histogram: { field: 'level', interval: 1 } } },
});
const perIndex = (user: unknown, dlsBooks: unknown, dlsArticles: unknown) => ({
  bool: {
    must: [user],
    filter: [{
      bool: {
        should: [
          { bool: { filter: [{ term: { _index: BOOKS } }, dlsBooks] } },
          { bool: { filter: [{ term: { _index: ARTICLES } }, dlsArticles] } },
        ],
        minimum_should_match: 1,
      },
    }],
  },
});
const both = `${BOOKS},${ARTICLES}`;
search('per-index dls two indices', q(perIndex({ match_all: {} }, { term: { owner: 'alice' } }, { term: { section: 'news' } })), { index: both });
search('per-index dls via alias', q(perIndex({ match: { title: 'golden' } }, { range: { level: { lte: 2 } } }, { match_all: {} })), { index: LIBRARY_ALIAS });
search('per-index dls one side empty', q(perIndex({ match_all: {} }, { match_none: {} }, { term: { owner: 'bob' } })), { index: both });
search('per-index dls terms _index', q({ bool: { filter: [{ terms: { _index: [ARTICLES] } }, { term: { owner: 'heidi' } }] } }), { index: both });
search('per-index dls with aggs', {
  size: 0,
  query: perIndex({ match_all: {} }, { term: { owner: 'alice' } }, { term: { owner: 'bob' } }),
  aggs: { idx: { terms: { field: '_index' } }, owners: { terms: { field: 'owner' }, aggs: { avg_price: { avg: { field: 'price' } } } } },
}, { index: both });
count('per-index dls count', { query: perIndex({ match_all: {} }, { term: { level: 3 } }, { term: { level: 4 } }) }, both);

// ---------------------------------------------------------------- multi-index, alias, wildcard
search('two indices match_all', q({ match_all: {} }, { size: 30 }), { index: both });
search('alias over both', q({ term: { owner: 'frank' } }), { index: LIBRARY_ALIAS });
search('alias over one', q({ term: { owner: 'frank' } }), { index: SHELF_ALIAS });
search('wildcard index expression', q({ range: { level: { gte: 5 } } }, { size: 20 }), { index: 'conf-*' });
search('term _index on multi', q({ term: { _index: ARTICLES } }, { size: 20 }), { index: both });
// The gateway's cursor tie-breaker across indices: `_index` then `_id`, with search_after over both.
search('sort _index then _id across indices', { query: { term: { owner: 'frank' } }, sort: [{ _index: { order: 'asc' } }, { _id: { order: 'asc' } }], size: 40 }, { index: both });
search('search_after _index and _id', { query: { match_all: {} }, sort: [{ _score: { order: 'desc' } }, { _index: { order: 'asc' } }, { _id: { order: 'asc' } }], search_after: [1, BOOKS, 'b-01500'], size: 15 }, { index: LIBRARY_ALIAS });
search('field only in one index', q({ term: { section: 'review' } }), { index: both });
search('sort on field missing in one index', { query: { match_all: {} }, sort: [{ section: { order: 'asc', missing: '_first', unmapped_type: 'keyword' } }, { uid: 'desc' }], size: 25 }, { index: both });

// ---------------------------------------------------------------- sorting
search('sort integer asc', { query: { match_all: {} }, sort: [{ level: 'asc' }, { uid: 'asc' }], size: 30 });
search('sort float desc', { query: { match_all: {} }, sort: [{ price: { order: 'desc' } }, { uid: 'asc' }], size: 30 });
search('sort float missing first', { query: { match_all: {} }, sort: [{ price: { order: 'asc', missing: '_first' } }, { uid: 'asc' }], size: 30 });
search('sort float missing last desc', { query: { range: { level: { gte: 4 } } }, sort: [{ price: { order: 'desc', missing: '_last' } }, { uid: 'asc' }], size: 500 });
search('sort double', { query: { match_all: {} }, sort: [{ rating: 'desc' }, { uid: 'desc' }], size: 30 });
search('sort long', { query: { match_all: {} }, sort: [{ views: 'desc' }, { uid: 'asc' }], size: 30 });
search('sort keyword', { query: { match_all: {} }, sort: [{ owner: 'asc' }, { uid: 'asc' }], size: 30 });
search('sort keyword desc missing first', { query: { match_all: {} }, sort: [{ department: { order: 'desc', missing: '_first' } }, { uid: 'asc' }], size: 30 });
search('sort keyword unicode titles', { query: { match_all: {} }, sort: [{ 'title.keyword': 'asc' }, { uid: 'asc' }], size: 40 });
search('sort date', { query: { match_all: {} }, sort: [{ published: 'asc' }, { uid: 'asc' }], size: 30 });
search('sort date desc', { query: { match_all: {} }, sort: [{ published: { order: 'desc' } }, { uid: 'asc' }], size: 30 });
search('sort custom format date', { query: { exists: { field: 'updated' } }, sort: [{ updated: 'desc' }, { uid: 'asc' }], size: 30 });
search('sort boolean', { query: { match_all: {} }, sort: [{ available: 'desc' }, { uid: 'asc' }], size: 30 });
search('sort array field min', { query: { exists: { field: 'scores' } }, sort: [{ scores: 'asc' }, { uid: 'asc' }], size: 30 });
search('sort array field max mode', { query: { exists: { field: 'scores' } }, sort: [{ scores: { order: 'desc', mode: 'max' } }, { uid: 'asc' }], size: 30 });
search('sort object subfield', { query: { match_all: {} }, sort: [{ 'author.born': 'asc' }, { uid: 'asc' }], size: 30 });
search('sort multi-key', { query: { match_all: {} }, sort: [{ category: 'asc' }, { level: 'desc' }, { price: 'asc' }, { uid: 'asc' }], size: 40 });
search('sort by _id', { query: { term: { owner: 'heidi' } }, sort: [{ _id: 'desc' }], size: 30 });
search('sort string shorthand', { query: { term: { level: 1 } }, sort: ['uid'], size: 30 });
search('sort score then uid', { query: { match: { body: 'golden' } }, sort: ['_score', { uid: 'asc' }], size: 3000 }, { scored: true });
search('sort level then _id', { query: { term: { owner: 'dave' } }, sort: [{ level: 'asc' }, { _id: 'asc' }], size: 20 });
search('sort dynamic field', { query: { exists: { field: 'extra_ratio' } }, sort: [{ extra_ratio: 'asc' }, { uid: 'asc' }], size: 30 });

// ---------------------------------------------------------------- relevance-ordered (compared as sets)
search('scored match', { query: { match: { body: 'castle' } }, size: 3000 }, { scored: true });
search('scored multi_match', { query: { multi_match: { query: 'silent garden', fields: ['title', 'body'] } }, size: 3000 }, { scored: true });
search('scored bool should', { query: { bool: { should: [{ match: { title: 'river' } }, { match: { body: 'river' } }] } }, size: 3000 }, { scored: true });

// ---------------------------------------------------------------- paging
search('from/size page 2', { query: { term: { status: 'draft' } }, sort: byUid, from: 10, size: 10 });
search('from beyond total', { query: { term: { owner: 'alice' } }, sort: byUid, from: 5000, size: 10 });
search('size 0', { query: { term: { owner: 'alice' } }, size: 0 });
search('default size 10', { query: { term: { owner: 'bob' } }, sort: byUid });
search('search_after uid', { query: { term: { owner: 'carol' } }, sort: byUid, size: 15, search_after: ['b-01000'] });
search('search_after float + uid', { query: { match_all: {} }, sort: [{ price: 'asc' }, { uid: 'asc' }], size: 15, search_after: [50.5, 'b-01500'] });
search('search_after date + uid', { query: { match_all: {} }, sort: [{ published: 'desc' }, { uid: 'asc' }], size: 15, search_after: [1_200_000_000_000, 'b-00000'] });
search('search_after keyword desc', { query: { match_all: {} }, sort: [{ owner: 'desc' }, { uid: 'desc' }], size: 15, search_after: ['dave', 'b-01234'] });
search('search_after multi index', { query: { match_all: {} }, sort: byUid, size: 15, search_after: ['a-00190'] }, { index: both });

// ---------------------------------------------------------------- track_total_hits
search('track_total_hits default', { query: { match_all: {} }, size: 1, sort: byUid });
search('track_total_hits 100', { query: { match_all: {} }, size: 1, sort: byUid, track_total_hits: 100 });
search('track_total_hits 100 under', { query: { term: { category: 'atlas' } }, size: 1, sort: byUid, track_total_hits: 100000 });
search('track_total_hits exact true', { query: { match_all: {} }, size: 1, sort: byUid, track_total_hits: true });
search('track_total_hits false', { query: { match_all: {} }, size: 1, sort: byUid, track_total_hits: false });
search('track_total_hits equals count', { query: { term: { level: 2 } }, size: 1, sort: byUid, track_total_hits: 10 });

// ---------------------------------------------------------------- _source filtering
search('_source false', q({ term: { owner: 'grace' } }, { _source: false, size: 10 }));
search('_source field list', q({ term: { owner: 'grace' } }, { _source: ['title', 'price'], size: 10 }));
search('_source single string', q({ term: { owner: 'grace' } }, { _source: 'author', size: 10 }));
search('_source wildcard', q({ term: { owner: 'grace' } }, { _source: ['author.*', 'extra_*'], size: 10 }));
search('_source includes excludes', q({ term: { owner: 'grace' } }, { _source: { includes: ['*'], excludes: ['body', 'author.born'] }, size: 10 }));
search('_source excludes only', q({ term: { owner: 'heidi' } }, { _source: { excludes: ['title', 'tags'] }, size: 10 }));
search('_source object path', q({ term: { owner: 'heidi' } }, { _source: { includes: ['author.name'] }, size: 10 }));

// ---------------------------------------------------------------- _count
count('count all', { query: { match_all: {} } });
count('count empty body', {});
count('count match', { query: { match: { body: 'fox' } } });
count('count bool', { query: { bool: { filter: [{ range: { price: { gte: 10 } } }], must_not: [{ term: { status: 'archived' } }] } } });
count('count alias', { query: { term: { owner: 'alice' } } }, LIBRARY_ALIAS);
count('count two indices', { query: { range: { level: { gte: 3 } } } }, both);

// ---------------------------------------------------------------- aggregations
const aggs = (name: string, a: Record<string, unknown>, query: unknown = { match_all: {} }, index?: string) =>
  search(name, { size: 0, query, aggs: a }, index ? { index } : {});
aggs('agg terms keyword', { t: { terms: { field: 'category' } } });
aggs('agg terms size 3 other count', { t: { terms: { field: 'owner', size: 3 } } });
aggs('agg terms order key desc', { t: { terms: { field: 'owner', order: { _key: 'desc' } } } });
aggs('agg terms order count asc', { t: { terms: { field: 'category', order: { _count: 'asc' } } } });
aggs('agg terms array field', { t: { terms: { field: 'tags', size: 20 } } });
aggs('agg terms integer', { t: { terms: { field: 'level' } } });
aggs('agg terms float', { t: { terms: { field: 'price', size: 5 } } });
aggs('agg terms double', { t: { terms: { field: 'rating', size: 5 } } });
aggs('agg terms date', { t: { terms: { field: 'published', size: 3 } } });
aggs('agg terms boolean', { t: { terms: { field: 'available' } } });
aggs('agg terms missing', { t: { terms: { field: 'department', missing: 'N/A' } } });
aggs('agg terms min_doc_count', { t: { terms: { field: 'author.name', min_doc_count: 200, size: 20 } } });
aggs('agg terms include exclude', { a: { terms: { field: 'owner', include: ['alice', 'bob', 'carol'] } }, b: { terms: { field: 'owner', exclude: ['alice'] } } });
aggs('agg terms include regex', { t: { terms: { field: 'owner', include: '.*a.*' } } });
aggs('agg terms keyword subfield', { t: { terms: { field: 'title.keyword', size: 5 } } });
aggs('agg terms dynamic keyword', { t: { terms: { field: 'extra_note.keyword' } } });
aggs('agg terms unmapped', { t: { terms: { field: 'nope' } } });
aggs('agg terms order by sub metric', { t: { terms: { field: 'category', order: { avg_price: 'desc' } }, aggs: { avg_price: { avg: { field: 'price' } } } } });
aggs('agg terms with sub terms', { t: { terms: { field: 'department' }, aggs: { s: { terms: { field: 'status' } } } } });
aggs('agg terms under query', { t: { terms: { field: 'owner' } } }, { match: { body: 'river' } });
aggs('agg range', { r: { range: { field: 'price', ranges: [{ to: 10 }, { from: 10, to: 50 }, { from: 50 }] } } });
aggs('agg range keyed', { r: { range: { field: 'pages', keyed: true, ranges: [{ to: 100 }, { from: 100, to: 500 }, { from: 500, key: 'long' }] } } });
aggs('agg range unsorted overlapping', { r: { range: { field: 'level', ranges: [{ from: 3 }, { from: 0, to: 2.5 }, { from: 1, to: 4 }] } } });
aggs('agg range date', { r: { range: { field: 'published', ranges: [{ to: '2000-01-01' }, { from: '2000-01-01', to: '2010-01-01' }, { from: '2010-01-01' }] } } });
aggs('agg range with sub', { r: { range: { field: 'rating', ranges: [{ to: 2.5 }, { from: 2.5 }] }, aggs: { c: { value_count: { field: 'rating' } }, m: { max: { field: 'pages' } } } } });
aggs('agg histogram', { h: { histogram: { field: 'pages', interval: 100 } } });
aggs('agg histogram gaps', { h: { histogram: { field: 'level', interval: 1 } } }, { terms: { level: [0, 5] } });
aggs('agg histogram float interval', { h: { histogram: { field: 'price', interval: 12.5 } } });
aggs('agg histogram offset', { h: { histogram: { field: 'pages', interval: 250, offset: 10 } } });
aggs('agg histogram min_doc_count 1', { h: { histogram: { field: 'views', interval: 1_000_000_000, min_doc_count: 1 } } });
aggs('agg histogram extended_bounds', { h: { histogram: { field: 'level', interval: 2, extended_bounds: { min: -4, max: 12 } } } });
aggs('agg histogram order count', { h: { histogram: { field: 'level', interval: 1, order: { _count: 'desc' } } } });
aggs('agg histogram keyed', { h: { histogram: { field: 'rating', interval: 1, keyed: true } } });
aggs('agg histogram with sub', { h: { histogram: { field: 'level', interval: 1 }, aggs: { s: { sum: { field: 'pages' } } } } });
aggs('agg date_histogram year', { d: { date_histogram: { field: 'published', calendar_interval: 'year' } } });
aggs('agg date_histogram month filtered', { d: { date_histogram: { field: 'published', calendar_interval: 'month' } } }, { range: { published: { gte: '2012-01-01', lt: '2014-01-01' } } });
aggs('agg date_histogram quarter', { d: { date_histogram: { field: 'published', calendar_interval: 'quarter', min_doc_count: 1 } } });
aggs('agg date_histogram week', { d: { date_histogram: { field: 'published', calendar_interval: 'week' } } }, { range: { published: { gte: '2018-01-01', lt: '2018-04-01' } } });
aggs('agg date_histogram day', { d: { date_histogram: { field: 'published', calendar_interval: 'day' } } }, { range: { published: { gte: '2018-03-01', lt: '2018-03-20' } } });
aggs('agg date_histogram fixed 30d', { d: { date_histogram: { field: 'published', fixed_interval: '30d' } } }, { range: { published: { gte: '2019-01-01', lt: '2020-01-01' } } });
aggs('agg date_histogram fixed 12h', { d: { date_histogram: { field: 'published', fixed_interval: '12h', min_doc_count: 1 } } }, { range: { published: { gte: '2021-01-01', lt: '2021-02-01' } } });
aggs('agg date_histogram time_zone offset', { d: { date_histogram: { field: 'published', calendar_interval: 'month', time_zone: '-05:00' } } }, { range: { published: { gte: '2016-01-01', lt: '2017-01-01' } } });
aggs('agg date_histogram time_zone named', { d: { date_histogram: { field: 'published', calendar_interval: 'month', time_zone: 'Europe/Paris' } } }, { range: { published: { gte: '2016-01-01', lt: '2017-01-01' } } });
aggs('agg date_histogram day in DST zone', { d: { date_histogram: { field: 'published', calendar_interval: 'day', time_zone: 'America/New_York', min_doc_count: 1 } } }, { range: { published: { gte: '2017-03-01', lt: '2017-04-01' } } });
aggs('agg date_histogram format', { d: { date_histogram: { field: 'published', calendar_interval: 'year', format: 'yyyy' } } });
aggs('agg date_histogram custom field format', { d: { date_histogram: { field: 'updated', calendar_interval: 'year' } } });
aggs('agg date_histogram offset', { d: { date_histogram: { field: 'published', calendar_interval: 'month', offset: '+15d', min_doc_count: 1 } } }, { range: { published: { gte: '2020-01-01', lt: '2021-01-01' } } });
aggs('agg date_histogram extended_bounds', { d: { date_histogram: { field: 'published', calendar_interval: 'year', extended_bounds: { min: '1990-01-01', max: '2030-01-01' } } } });
aggs('agg date_histogram with sub', { d: { date_histogram: { field: 'published', calendar_interval: 'year', min_doc_count: 1 }, aggs: { avg_rating: { avg: { field: 'rating' } }, st: { terms: { field: 'status' } } } } });
aggs('agg date_histogram dynamic date', { d: { date_histogram: { field: 'extra_day', calendar_interval: 'year' } } });
aggs('agg metrics numeric', {
  mn: { min: { field: 'price' } }, mx: { max: { field: 'price' } }, av: { avg: { field: 'price' } }, s: { sum: { field: 'price' } },
  vc: { value_count: { field: 'price' } }, c: { cardinality: { field: 'level' } },
});
aggs('agg metrics integer and long', { s: { sum: { field: 'views' } }, a: { avg: { field: 'pages' } }, m: { max: { field: 'views' } } });
aggs('agg metrics date', { mn: { min: { field: 'published' } }, mx: { max: { field: 'published' } }, av: { avg: { field: 'published' } } });
aggs('agg metrics boolean', { mn: { min: { field: 'available' } }, av: { avg: { field: 'available' } }, vc: { value_count: { field: 'available' } } });
aggs('agg metrics array field', { s: { sum: { field: 'scores' } }, vc: { value_count: { field: 'scores' } }, c: { cardinality: { field: 'scores' } } });
aggs('agg metrics keyword counts', { vc: { value_count: { field: 'tags' } }, c: { cardinality: { field: 'tags' } }, ca: { cardinality: { field: 'author.name' } } });
aggs('agg metrics empty', { mn: { min: { field: 'price' } }, s: { sum: { field: 'price' } }, av: { avg: { field: 'price' } }, vc: { value_count: { field: 'owner' } }, c: { cardinality: { field: 'owner' } } }, { match_none: {} });
aggs('agg metrics unmapped', { mn: { min: { field: 'nope' } }, s: { sum: { field: 'nope' } } });
aggs('agg metrics missing param', { s: { sum: { field: 'price', missing: 100 } }, a: { avg: { field: 'rating', missing: 0 } } });
aggs('agg metrics dynamic', { s: { sum: { field: 'extra_ratio' } }, m: { max: { field: 'extra_count' } } });
aggs('agg cardinality high', { c: { cardinality: { field: 'uid' } }, cv: { cardinality: { field: 'views' } } });
aggs('agg filter', { f: { filter: { term: { status: 'published' } }, aggs: { avg: { avg: { field: 'price' } }, owners: { terms: { field: 'owner', size: 3 } } } } });
aggs('agg filter with bool', { f: { filter: { bool: { must: [{ match: { body: 'river' } }], must_not: [{ term: { level: 0 } }] } } } });
aggs('agg missing', { m: { missing: { field: 'price' } }, d: { missing: { field: 'department' }, aggs: { o: { terms: { field: 'owner' } } } } });
aggs('agg missing object field', { m: { missing: { field: 'author.country' } } });
aggs('agg deep nesting', {
  t: { terms: { field: 'status' }, aggs: { r: { range: { field: 'level', ranges: [{ to: 3 }, { from: 3 }] }, aggs: { f: { filter: { term: { available: true } }, aggs: { m: { max: { field: 'price' } } } } } } } },
});
aggs('agg with hits', { t: { terms: { field: 'level' } } }, { term: { owner: 'frank' } });
search('agg with returned hits', { query: { term: { owner: 'alice' } }, sort: byUid, size: 5, aggs: { t: { terms: { field: 'category' } } } });
aggs('agg multi index terms', { t: { terms: { field: 'category' } }, s: { terms: { field: 'section' } } }, { match_all: {} }, both);
aggs('agg multi index metrics', { s: { sum: { field: 'price' } }, h: { histogram: { field: 'level', interval: 2 } } }, { match_all: {} }, LIBRARY_ALIAS);
aggs('agg terms numeric missing', { t: { terms: { field: 'pages', missing: -1, size: 3 } } });
aggs('agg terms order by filter sub doc_count', { t: { terms: { field: 'owner', order: { pub: 'desc' } }, aggs: { pub: { filter: { term: { status: 'published' } } } } } });
aggs('agg terms boolean with sub', { t: { terms: { field: 'available' }, aggs: { d: { date_histogram: { field: 'published', calendar_interval: 'year', min_doc_count: 1 } } } } });
aggs('agg terms author country', { t: { terms: { field: 'author.country', size: 20, order: [{ _count: 'desc' }, { _key: 'desc' }] } } });
aggs('agg histogram on date field', { h: { histogram: { field: 'published', interval: 315_360_000_000 } } });
aggs('agg histogram missing', { h: { histogram: { field: 'rating', interval: 2.5, missing: 10 } } });
aggs('agg date_histogram keyed', { d: { date_histogram: { field: 'published', calendar_interval: 'year', keyed: true, min_doc_count: 1 } } }, { range: { published: { gte: '2000-01-01', lt: '2005-01-01' } } });
aggs('agg date_histogram order count', { d: { date_histogram: { field: 'published', calendar_interval: 'year', order: { _count: 'desc' } } } });
aggs('agg date_histogram minute', { d: { date_histogram: { field: 'published', calendar_interval: 'minute', min_doc_count: 1 } } }, { range: { published: { gte: '2010-01-01', lt: '2011-01-01' } } });
aggs('agg date_histogram hour fill', { d: { date_histogram: { field: 'published', calendar_interval: 'hour' } } }, { range: { published: { gte: '2010-05-01', lt: '2010-05-20' } } });
aggs('agg range date keyed with math', { r: { range: { field: 'published', keyed: true, ranges: [{ to: '2000-01-01||+1M' }, { from: '2000-01-01||+1M', key: 'later' }] } } });
aggs('agg range missing param', { r: { range: { field: 'price', missing: 0, ranges: [{ to: 1 }, { from: 1 }] } } });
aggs('agg range float bounds', { r: { range: { field: 'price', ranges: [{ from: 0.1, to: 33.33 }, { from: 33.33, to: 66.66 }, { from: 66.66 }] } } });
aggs('agg metrics on dates with missing', { mn: { min: { field: 'published', missing: '1990-01-01' } }, vc: { value_count: { field: 'published' } }, c: { cardinality: { field: 'published' } } });
aggs('agg cardinality float', { c: { cardinality: { field: 'price' } }, r: { cardinality: { field: 'rating' } } });
aggs('agg filter match_all and missing sub', { f: { filter: { match_all: {} }, aggs: { m: { missing: { field: 'tags' } } } } });
aggs('agg terms _index', { t: { terms: { field: '_index' } } }, { match_all: {} }, both);
aggs('agg date_histogram day DST fill', { d: { date_histogram: { field: 'published', calendar_interval: 'day', time_zone: 'America/New_York' } } }, { range: { published: { gte: '2017-03-01', lt: '2017-04-01' } } });
aggs('agg date_histogram fixed in named zone', { d: { date_histogram: { field: 'published', fixed_interval: '7d', time_zone: 'Asia/Kolkata' } } }, { range: { published: { gte: '2017-03-01', lt: '2017-06-01' } } });
aggs('agg date_histogram week in zone', { d: { date_histogram: { field: 'published', calendar_interval: 'week', time_zone: 'Australia/Sydney' } } }, { range: { published: { gte: '2019-03-01', lt: '2019-05-01' } } });
aggs('agg terms order by metric with nulls', { t: { terms: { field: 'owner', order: { b: 'asc' } }, aggs: { b: { min: { field: 'author.born' } } } } }, { bool: { must_not: { exists: { field: 'department' } } } });
search('aggregations long key', { size: 0, aggregations: { t: { terms: { field: 'status' } } } });

// ---------------------------------------------------------------- errors both sides must raise
failing('error terms on text field', { size: 0, aggs: { t: { terms: { field: 'body' } } } });
failing('error unknown query', { query: { no_such_query: {} } });
failing('error unknown agg type', { size: 0, aggs: { t: { no_such_agg: { field: 'owner' } } } });
failing('error sort on text field', { query: { match_all: {} }, sort: [{ body: 'asc' }] });
failing('error calendar interval multiple', { size: 0, aggs: { d: { date_histogram: { field: 'published', calendar_interval: '2M' } } } });
failing('error bad date in range', { query: { range: { published: { gte: 'not a date' } } } });

export const REQUESTS: readonly ConformanceRequest[] = requests;
