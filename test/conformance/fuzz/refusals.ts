/**
 * The engine's documented refusals (src/engine/README.md, "Refused rather than answered differently"). When
 * OpenSearch answers a request and the engine refuses it, the fuzzer accepts that only when the engine's
 * reason matches one of these; any other refusal of a request OpenSearch answers counts as a failure.
 */
export interface DocumentedRefusal { readonly name: string; readonly reason: RegExp }

export const DOCUMENTED_REFUSALS: readonly DocumentedRefusal[] = [
  { name: 'query types outside the subset', reason: /^unknown query \[(dis_max|query_string|fuzzy|regexp|[a-z_]+)\]$/ },
  { name: 'aggregation types outside the subset', reason: /^Unknown aggregation type \[[a-z_]+\] \(not supported by the embedded engine\)$/ },
  { name: 'search_after over several indices where an index wholly before the cursor may be left out (timing-dependent in OpenSearch)', reason: /search_after over several indices with \[track_total_hits\] below the matches, where an index whose values of the first sort field all lie before the cursor .* is not supported by the embedded engine/ },
  { name: 'simple_query_string phrase slop ("a b"~N)', reason: /phrase slop operator .* is not supported by the embedded engine/ },
  { name: 'the total of exists on a text field with token-less values after updates or deletes (Lucene segment statistics)', reason: /the hit count of \[exists\] on a text field with token-less values after updates or deletes is not supported by the embedded engine/ },
  { name: 'range/date_range without sub-aggregations on an integer field where OpenSearch\'s points optimization counts differently', reason: /where OpenSearch's points optimization \(bounds cast to [a-z]+, open end exclusive at its maximum\) counts differently, is not supported by the embedded engine/ },
  { name: 'search_after on the missing-value sentinel (or a null keyword cursor) of the first sort with hit counting below the matches (Lucene skips documents without a value; a null keyword cursor is a 500 there)', reason: /search_after on the missing-value sentinel \(or a null keyword cursor\) of the first sort with \[track_total_hits\] below the matches is not supported by the embedded engine/ },
  { name: 'track_total_hits equal to the matches with size 0, counted by a collector (OpenSearch\'s relation then depends on its segments)', reason: /\[track_total_hits\] equal to the number of matches with \[size\] 0 is not supported by the embedded engine/ },
  { name: 'terminated_early of size 0 with aggregations and a track_total_hits threshold below the matches counted by a collector (Lucene\'s per-segment counts decide)', reason: /\[terminated_early\] of a search with \[size\] 0, aggregations and \[track_total_hits\] at or below the matches is not supported by the embedded engine/ },
  { name: 'search_after with hit counting disabled and no `missing` on the first sort field, where OpenSearch skips whole segments: aggregations, or documents without a value in the page', reason: /with search_after, \[track_total_hits\] disabled .*not supported by the embedded engine \(OpenSearch skips whole segments there\)|search_after with \[track_total_hits\] disabled reaching documents without a value .*not supported by the embedded engine \(OpenSearch skips whole segments there\)/ },
  { name: '_doc sorts once OpenSearch could have merged segments (more than 10 write requests, a log replay or a compaction)', reason: /sorting by \[_doc\] on an index written in more than \d+ requests .*is not supported by the embedded engine/ },
  { name: 'date_histogram over dates within 1,000 years of a long\'s limits of millis (OpenSearch\'s rounding overflows there)', reason: /\[date_histogram\] \[[^\]]*\] over dates within 1,000 years of a long's limits of millis is not supported by the embedded engine/ },
  { name: 'a date math index expression with a placeholder as the value of a query on _index', reason: /^date math index expression \[.*\] in a query on \[_index\] is not supported by the embedded engine$/ },
  { name: 'avg/sum/median sorts on a multi-valued integral or date field with documents lacking it, where OpenSearch\'s sort skipping may fail the shard (500 unsupported_operation_exception) depending on its segments', reason: /sort mode \[avg\], \[sum\] or \[median\] on a multi-valued numeric or date field with documents lacking it, .*is not supported by the embedded engine/ },
  { name: 'options named as unsupported', reason: /not supported by the embedded engine/ },
];

export function documentedRefusal(reason: string): DocumentedRefusal | undefined {
  return DOCUMENTED_REFUSALS.find((r) => r.reason.test(reason));
}
