/**
 * Parse-time errors of search, _count and _msearch bodies at the positions OpenSearch reports them: the
 * `line`/`col` of a ParsingException (the token its parser was on), the `[line:col]` prefix of an
 * XContentParseException (ObjectParser) and Jackson's location in a json_parse_exception, with their causes.
 * Lines are counted as Jackson counts them (\n, \r\n), columns in UTF-8 bytes from 1.
 *
 * Every expected error below was read from a real OpenSearch 3.6.0 node (index `pos-err`, same mappings);
 * with OPENSEARCH_URL set, the same requests are sent to that node again and must still answer so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineCalls } from './engine-calls.js';

const { call } = engineCalls();
const URL_ = process.env.OPENSEARCH_URL;
const INDEX = 'pos-err';
const MAPPINGS = { properties: { a: { type: 'keyword' }, n: { type: 'long' }, t: { type: 'text' }, d: { type: 'date' } } };

interface Case {
  readonly name: string;
  readonly path: string;
  /** The request body exactly as sent (its layout decides the positions). */
  readonly text: string;
  readonly status: number;
  readonly error: Record<string, unknown>;
}

const CASES: readonly Case[] = [
  {
    name: "unknown query",
    path: "/pos-err/_search",
    text: "{\"query\":{\"foo\":{}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "unknown query [foo]", "line": 1, "col": 17}], "type": "parsing_exception", "reason": "unknown query [foo]", "line": 1, "col": 17, "caused_by": {"type": "named_object_not_found_exception", "reason": "[1:17] unknown field [foo]"}},
  },
  {
    name: "unknown query, pretty-printed",
    path: "/pos-err/_search",
    text: "{\n  \"query\": {\n    \"foo\": {}\n  }\n}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "unknown query [foo]", "line": 3, "col": 12}], "type": "parsing_exception", "reason": "unknown query [foo]", "line": 3, "col": 12, "caused_by": {"type": "named_object_not_found_exception", "reason": "[3:12] unknown field [foo]"}},
  },
  {
    name: "term: unknown parameter",
    path: "/pos-err/_search",
    text: "{\"query\":{\"term\":{\"a\":{\"value\":1,\"x\":2}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 1, "col": 38}], "type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 1, "col": 38},
  },
  {
    name: "term: unknown parameter, pretty-printed over several lines",
    path: "/pos-err/_search",
    text: "{\n  \"query\": {\n    \"term\": {\n      \"a\": {\n        \"value\": 1,\n        \"x\": 2\n      }\n    }\n  }\n}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 6, "col": 14}], "type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 6, "col": 14},
  },
  {
    name: "term: CRLF line ends and tabs",
    path: "/pos-err/_search",
    text: "{\r\n\t\"query\": {\r\n\t\t\"term\": {\"a\": {\r\n\t\t\t\"value\": 1,\r\n\t\t\t\"x\": 2}}}\r\n}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 5, "col": 9}], "type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 5, "col": 9},
  },
  {
    name: "term: columns count UTF-8 bytes",
    path: "/pos-err/_search",
    text: "{\"query\":{\"term\":{\"é€😀\":{\"value\":\"😀\",\"x\":2}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 1, "col": 51}], "type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 1, "col": 51},
  },
  {
    name: "range: unknown parameter",
    path: "/pos-err/_search",
    text: "{\"query\":{\"range\":{\"n\":{\"gte\":1,\"boo\":2}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[range] query does not support [boo]", "line": 1, "col": 39}], "type": "parsing_exception", "reason": "[range] query does not support [boo]", "line": 1, "col": 39},
  },
  {
    name: "range: a field value that is no object",
    path: "/pos-err/_search",
    text: "{\"query\":{\"range\":{\"n\":1}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[range] query does not support [n]", "line": 1, "col": 24}], "type": "parsing_exception", "reason": "[range] query does not support [n]", "line": 1, "col": 24},
  },
  {
    name: "terms: two fields",
    path: "/pos-err/_search",
    text: "{\"query\":{\"terms\":{\"a\":[\"x\"],\"b\":[\"y\"]}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[terms] query does not support multiple fields", "line": 1, "col": 34}], "type": "parsing_exception", "reason": "[terms] query does not support multiple fields", "line": 1, "col": 34},
  },
  {
    name: "terms: a scalar",
    path: "/pos-err/_search",
    text: "{\"query\":{\"terms\":{\"a\":[\"x\"],\"b\":1}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[terms] query does not support [b]", "line": 1, "col": 34}], "type": "parsing_exception", "reason": "[terms] query does not support [b]", "line": 1, "col": 34},
  },
  {
    name: "match: two fields",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match\":{\"t\":\"x\",\"a\":\"y\"}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[match] query doesn't support multiple fields, found [t] and [a]", "line": 1, "col": 32}], "type": "parsing_exception", "reason": "[match] query doesn't support multiple fields, found [t] and [a]", "line": 1, "col": 32},
  },
  {
    name: "match: query object",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match\":{\"t\":{\"query\":{}}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[match] unknown token [START_OBJECT] after [query]", "line": 1, "col": 33}], "type": "parsing_exception", "reason": "[match] unknown token [START_OBJECT] after [query]", "line": 1, "col": 33},
  },
  {
    name: "multi_match: no text",
    path: "/pos-err/_search",
    text: "{\"query\":{\"multi_match\":{\"fields\":[\"t\"]}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "No text specified for multi_match query", "line": 1, "col": 40}], "type": "parsing_exception", "reason": "No text specified for multi_match query", "line": 1, "col": 40},
  },
  {
    name: "exists: no field",
    path: "/pos-err/_search",
    text: "{\"query\":{\"exists\":{}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[exists] must be provided with a [field]", "line": 1, "col": 21}], "type": "parsing_exception", "reason": "[exists] must be provided with a [field]", "line": 1, "col": 21},
  },
  {
    name: "exists: field array",
    path: "/pos-err/_search",
    text: "{\"query\":{\"exists\":{\"field\":[1]}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[exists] unknown token [START_ARRAY] after [field]", "line": 1, "col": 29}], "type": "parsing_exception", "reason": "[exists] unknown token [START_ARRAY] after [field]", "line": 1, "col": 29},
  },
  {
    name: "match_all: unknown field",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match_all\":{\"foo\":1}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[1:24] [match_all] unknown field [foo]", "line": 1, "col": 30}], "type": "parsing_exception", "reason": "[1:24] [match_all] unknown field [foo]", "line": 1, "col": 30, "caused_by": {"type": "x_content_parse_exception", "reason": "[1:24] [match_all] unknown field [foo]"}},
  },
  {
    name: "match_all: boost not a number",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match_all\":{\"boost\":\"x\"}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[1:32] [match_all] failed to parse field [boost]", "line": 1, "col": 32}], "type": "parsing_exception", "reason": "[1:32] [match_all] failed to parse field [boost]", "line": 1, "col": 32, "caused_by": {"type": "x_content_parse_exception", "reason": "[1:32] [match_all] failed to parse field [boost]", "caused_by": {"type": "number_format_exception", "reason": "For input string: \"x\""}}},
  },
  {
    name: "match_all: boost of the wrong type",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match_all\":{\"boost\":true}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[1:32] [match_all] boost doesn't support values of type: VALUE_BOOLEAN", "line": 1, "col": 32}], "type": "parsing_exception", "reason": "[1:32] [match_all] boost doesn't support values of type: VALUE_BOOLEAN", "line": 1, "col": 32, "caused_by": {"type": "x_content_parse_exception", "reason": "[1:32] [match_all] boost doesn't support values of type: VALUE_BOOLEAN"}},
  },
  {
    name: "ids: values of the wrong type",
    path: "/pos-err/_search",
    text: "{\"query\":{\"ids\":{\"values\":{}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[1:27] [ids] values doesn't support values of type: START_OBJECT", "line": 1, "col": 27}], "type": "parsing_exception", "reason": "[1:27] [ids] values doesn't support values of type: START_OBJECT", "line": 1, "col": 27, "caused_by": {"type": "x_content_parse_exception", "reason": "[1:27] [ids] values doesn't support values of type: START_OBJECT"}},
  },
  {
    name: "ids: an element that is no value",
    path: "/pos-err/_search",
    text: "{\"query\":{\"ids\":{\"values\":[{}]}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[1:28] [ids] failed to parse field [values]", "line": 1, "col": 28}], "type": "parsing_exception", "reason": "[1:28] [ids] failed to parse field [values]", "line": 1, "col": 28, "caused_by": {"type": "x_content_parse_exception", "reason": "[1:28] [ids] failed to parse field [values]", "caused_by": {"type": "illegal_state_exception", "reason": "Can't get text on a START_OBJECT at 1:28"}}},
  },
  {
    name: "bool: boost not a number",
    path: "/pos-err/_search",
    text: "{\"query\":{\"bool\":{\"must\":[],\"boost\":\"x\"}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:37] [bool] failed to parse field [boost]"}], "type": "x_content_parse_exception", "reason": "[1:37] [bool] failed to parse field [boost]", "caused_by": {"type": "number_format_exception", "reason": "For input string: \"x\""}},
  },
  {
    name: "bool: minimum_should_match object",
    path: "/pos-err/_search",
    text: "{\"query\":{\"bool\":{\"minimum_should_match\":{}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:42] [bool] minimum_should_match doesn't support values of type: START_OBJECT"}], "type": "x_content_parse_exception", "reason": "[1:42] [bool] minimum_should_match doesn't support values of type: START_OBJECT"},
  },
  {
    name: "bool: a clause with an unknown query, pretty-printed",
    path: "/pos-err/_search",
    text: "{\n  \"query\": {\n    \"bool\": {\n      \"must\": [\n        {\n          \"match_all\": {}\n        },\n        {\n          \"foo\": {}\n        }\n      ]\n    }\n  }\n}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "unknown query [foo]", "line": 9, "col": 18}], "type": "x_content_parse_exception", "reason": "[9:18] [bool] failed to parse field [must]", "caused_by": {"type": "parsing_exception", "reason": "unknown query [foo]", "line": 9, "col": 18, "caused_by": {"type": "named_object_not_found_exception", "reason": "[9:18] unknown field [foo]"}}},
  },
  {
    name: "bool: a match_all clause with a bad boost",
    path: "/pos-err/_search",
    text: "{\"query\":{\"bool\":{\"must\":{\"match_all\":{\"boost\":\"x\"}}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[1:48] [match_all] failed to parse field [boost]", "line": 1, "col": 48}], "type": "x_content_parse_exception", "reason": "[1:48] [bool] failed to parse field [must]", "caused_by": {"type": "parsing_exception", "reason": "[1:48] [match_all] failed to parse field [boost]", "line": 1, "col": 48, "caused_by": {"type": "x_content_parse_exception", "reason": "[1:48] [match_all] failed to parse field [boost]", "caused_by": {"type": "number_format_exception", "reason": "For input string: \"x\""}}}},
  },
  {
    name: "constant_score: unknown query in the filter",
    path: "/pos-err/_search",
    text: "{\"query\":{\"constant_score\":{\"filter\":{\"foo\":{}}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "unknown query [foo]", "line": 1, "col": 45}], "type": "parsing_exception", "reason": "unknown query [foo]", "line": 1, "col": 45, "caused_by": {"type": "named_object_not_found_exception", "reason": "[1:45] unknown field [foo]"}},
  },
  {
    name: "constant_score: scalar filter",
    path: "/pos-err/_search",
    text: "{\"query\":{\"constant_score\":{\"filter\":1}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[constant_score] query does not support [filter]", "line": 1, "col": 38}], "type": "parsing_exception", "reason": "[constant_score] query does not support [filter]", "line": 1, "col": 38},
  },
  {
    name: "two queries in one clause",
    path: "/pos-err/_search",
    text: "{\"query\":{\"term\":{\"a\":1},\"match\":{\"t\":\"x\"}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[term] malformed query, expected [END_OBJECT] but found [FIELD_NAME]", "line": 1, "col": 26}], "type": "parsing_exception", "reason": "[term] malformed query, expected [END_OBJECT] but found [FIELD_NAME]", "line": 1, "col": 26},
  },
  {
    name: "query name without an object",
    path: "/pos-err/_search",
    text: "{\"query\":{\"foo\":1}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[foo] query malformed, no start_object after query name", "line": 1, "col": 17}], "type": "parsing_exception", "reason": "[foo] query malformed, no start_object after query name", "line": 1, "col": 17},
  },
  {
    name: "body: query that is no object",
    path: "/pos-err/_search",
    text: "{\"query\":1}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Unknown key for a VALUE_NUMBER in [query].", "line": 1, "col": 10}], "type": "parsing_exception", "reason": "Unknown key for a VALUE_NUMBER in [query].", "line": 1, "col": 10},
  },
  {
    name: "body: unknown key",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match_all\":{}},\"foo\":[1]}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Unknown key for a START_ARRAY in [foo].", "line": 1, "col": 33}], "type": "parsing_exception", "reason": "Unknown key for a START_ARRAY in [foo].", "line": 1, "col": 33},
  },
  {
    name: "body: size object",
    path: "/pos-err/_search",
    text: "{\"size\":{}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Unknown key for a START_OBJECT in [size].", "line": 1, "col": 9}], "type": "parsing_exception", "reason": "Unknown key for a START_OBJECT in [size].", "line": 1, "col": 9},
  },
  {
    name: "body: from boolean (Jackson location)",
    path: "/pos-err/_search",
    text: "{\n  \"from\" :  true\n}",
    status: 400,
    error: {"root_cause": [{"type": "json_parse_exception", "reason": "Current token (VALUE_TRUE) not numeric, can not use numeric value accessors\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2, column: 17]"}], "type": "json_parse_exception", "reason": "Current token (VALUE_TRUE) not numeric, can not use numeric value accessors\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2, column: 17]"},
  },
  {
    name: "body: stats element",
    path: "/pos-err/_search",
    text: "{\"stats\":[1]}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Expected [VALUE_STRING] in [stats] but found [VALUE_NUMBER]", "line": 1, "col": 11}], "type": "parsing_exception", "reason": "Expected [VALUE_STRING] in [stats] but found [VALUE_NUMBER]", "line": 1, "col": 11},
  },
  {
    name: "_source: includes element",
    path: "/pos-err/_search",
    text: "{\"_source\":{\"includes\":[1]}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Unknown key for a VALUE_NUMBER in [includes].", "line": 1, "col": 25}], "type": "parsing_exception", "reason": "Unknown key for a VALUE_NUMBER in [includes].", "line": 1, "col": 25},
  },
  {
    name: "_source: number",
    path: "/pos-err/_search",
    text: "{\"_source\":1}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Expected one of [VALUE_BOOLEAN, START_OBJECT] but found [VALUE_NUMBER]", "line": 1, "col": 12}], "type": "parsing_exception", "reason": "Expected one of [VALUE_BOOLEAN, START_OBJECT] but found [VALUE_NUMBER]", "line": 1, "col": 12},
  },
  {
    name: "sort: bad order, pretty-printed",
    path: "/pos-err/_search",
    text: "{\n  \"sort\": [\n    {\n      \"a\": {\n        \"order\": \"up\"\n      }\n    }\n  ]\n}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[5:18] [field_sort] failed to parse field [order]"}], "type": "x_content_parse_exception", "reason": "[5:18] [field_sort] failed to parse field [order]", "caused_by": {"type": "illegal_argument_exception", "reason": "No enum constant org.opensearch.search.sort.SortOrder.UP"}},
  },
  {
    name: "sort: unknown option",
    path: "/pos-err/_search",
    text: "{\"sort\":[{\"a\":{\"foo\":1}}]}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:16] [field_sort] unknown field [foo]"}], "type": "x_content_parse_exception", "reason": "[1:16] [field_sort] unknown field [foo]"},
  },
  {
    name: "sort: option of the wrong type",
    path: "/pos-err/_search",
    text: "{\"sort\":[{\"a\":{\"order\":1}}]}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:24] [field_sort] order doesn't support values of type: VALUE_NUMBER"}], "type": "x_content_parse_exception", "reason": "[1:24] [field_sort] order doesn't support values of type: VALUE_NUMBER"},
  },
  {
    name: "sort: _score option",
    path: "/pos-err/_search",
    text: "{\"sort\":[{\"_score\":{\"foo\":1}}]}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:21] [_score] unknown field [foo]"}], "type": "x_content_parse_exception", "reason": "[1:21] [_score] unknown field [foo]"},
  },
  {
    name: "sort: scalar options",
    path: "/pos-err/_search",
    text: "{\"sort\":[{\"a\":1}]}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:16] [field_sort] Expected START_OBJECT but was: END_OBJECT"}], "type": "x_content_parse_exception", "reason": "[1:16] [field_sort] Expected START_OBJECT but was: END_OBJECT"},
  },
  {
    name: "sort: bad mode",
    path: "/pos-err/_search",
    text: "{\"sort\":[{\"a\":{\"mode\":\"foo\"}}]}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:23] [field_sort] failed to parse field [mode]"}], "type": "x_content_parse_exception", "reason": "[1:23] [field_sort] failed to parse field [mode]", "caused_by": {"type": "illegal_argument_exception", "reason": "Unknown SortMode [foo]"}},
  },
  {
    name: "aggs: size not a number",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\",\"size\":\"q\"}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:43] [terms] failed to parse field [size]"}], "type": "x_content_parse_exception", "reason": "[1:43] [terms] failed to parse field [size]", "caused_by": {"type": "number_format_exception", "reason": "For input string: \"q\""}},
  },
  {
    name: "aggs: size not a number, pretty-printed",
    path: "/pos-err/_search",
    text: "{\n  \"aggs\": {\n    \"a\": {\n      \"terms\": {\n        \"field\": \"a\",\n        \"size\": \"q\"\n      }\n    }\n  }\n}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[6:17] [terms] failed to parse field [size]"}], "type": "x_content_parse_exception", "reason": "[6:17] [terms] failed to parse field [size]", "caused_by": {"type": "number_format_exception", "reason": "For input string: \"q\""}},
  },
  {
    name: "aggs: size of the wrong type",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\",\"size\":{}}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:43] [terms] size doesn't support values of type: START_OBJECT"}], "type": "x_content_parse_exception", "reason": "[1:43] [terms] size doesn't support values of type: START_OBJECT"},
  },
  {
    name: "aggs: unknown parameter in a sub-aggregation",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\"},\"aggs\":{\"b\":{\"avg\":{\"field\":\"n\",\"foo\":1}}}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:69] [avg] unknown field [foo]"}], "type": "x_content_parse_exception", "reason": "[1:69] [avg] unknown field [foo]"},
  },
  {
    name: "aggs: min_doc_count not a number (a long)",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\",\"min_doc_count\":\"x\"}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:52] [terms] failed to parse field [min_doc_count]"}], "type": "x_content_parse_exception", "reason": "[1:52] [terms] failed to parse field [min_doc_count]", "caused_by": {"type": "illegal_argument_exception", "reason": "For input string: \"x\""}},
  },
  {
    name: "aggs: size 0",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\",\"size\":0}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:43] [terms] failed to parse field [size]"}], "type": "x_content_parse_exception", "reason": "[1:43] [terms] failed to parse field [size]", "caused_by": {"type": "illegal_argument_exception", "reason": "[size] must be greater than 0. Found [0] in [a]"}},
  },
  {
    name: "aggs: bad order direction",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\",\"order\":{\"_key\":\"up\"}}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Unknown order direction [up]", "line": 1, "col": 52}], "type": "x_content_parse_exception", "reason": "[1:52] [terms] failed to parse field [order]", "caused_by": {"type": "parsing_exception", "reason": "Unknown order direction [up]", "line": 1, "col": 52}},
  },
  {
    name: "aggs: include set beside an exclude regex",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\",\"exclude\":\"r.*\",\"include\":[\"x\"]}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:66] [terms] failed to parse field [include]"}], "type": "x_content_parse_exception", "reason": "[1:66] [terms] failed to parse field [include]", "caused_by": {"type": "illegal_argument_exception", "reason": "Cannot mix a set-based include with a regex-based method"}},
  },
  {
    name: "aggs: definition that is no object",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":1}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Aggregation definition for [a starts with a [VALUE_NUMBER], expected a [START_OBJECT].", "line": 1, "col": 14}], "type": "parsing_exception", "reason": "Aggregation definition for [a starts with a [VALUE_NUMBER], expected a [START_OBJECT].", "line": 1, "col": 14},
  },
  {
    name: "aggs: unknown type",
    path: "/pos-err/_search",
    text: "{\"size\":0,\"aggs\":{\"é€\":{\"foo\":{}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Unknown aggregation type [foo]", "line": 1, "col": 34}], "type": "parsing_exception", "reason": "Unknown aggregation type [foo]", "line": 1, "col": 34, "caused_by": {"type": "named_object_not_found_exception", "reason": "[1:34] unknown field [foo]"}},
  },
  {
    name: "aggs: two types",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\"},\"avg\":{\"field\":\"n\"}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Found two aggregation type definitions in [a]: [terms] and [avg]", "line": 1, "col": 43}], "type": "parsing_exception", "reason": "Found two aggregation type definitions in [a]: [terms] and [avg]", "line": 1, "col": 43},
  },
  {
    name: "aggs: missing definition",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Missing definition for aggregation [a]", "line": 1, "col": 15}], "type": "parsing_exception", "reason": "Missing definition for aggregation [a]", "line": 1, "col": 15},
  },
  {
    name: "aggs: calendar interval",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"date_histogram\":{\"field\":\"d\",\"calendar_interval\":\"3d\"}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:65] [date_histogram] failed to parse field [calendar_interval]"}], "type": "x_content_parse_exception", "reason": "[1:65] [date_histogram] failed to parse field [calendar_interval]", "caused_by": {"type": "illegal_argument_exception", "reason": "The supplied interval [3d] could not be parsed as a calendar interval."}},
  },
  {
    name: "aggs: time_zone",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"date_histogram\":{\"field\":\"d\",\"calendar_interval\":\"1d\",\"time_zone\":\"Mars/Phobos\"}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:82] [date_histogram] failed to parse field [time_zone]"}], "type": "x_content_parse_exception", "reason": "[1:82] [date_histogram] failed to parse field [time_zone]", "caused_by": {"type": "zone_rules_exception", "reason": "Unknown time-zone ID: Mars/Phobos"}},
  },
  {
    name: "_count: unknown query",
    path: "/pos-err/_count",
    text: "{\"query\":{\"foo\":{}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "unknown query [foo]", "line": 1, "col": 17}], "type": "parsing_exception", "reason": "unknown query [foo]", "line": 1, "col": 17, "caused_by": {"type": "named_object_not_found_exception", "reason": "[1:17] unknown field [foo]"}},
  },
  {
    name: "_count: unknown member",
    path: "/pos-err/_count",
    text: "{\"query\":{\"match_all\":{}},\"foo\":1}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "request does not support [foo]", "line": 1, "col": 27}], "type": "parsing_exception", "reason": "request does not support [foo]", "line": 1, "col": 27},
  },
  {
    name: "_count: bool boost (Failed to parse)",
    path: "/pos-err/_count",
    text: "{\"query\":{\"bool\":{\"boost\":\"x\"}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "Failed to parse", "line": 1, "col": 27}], "type": "parsing_exception", "reason": "Failed to parse", "line": 1, "col": 27, "caused_by": {"type": "x_content_parse_exception", "reason": "[1:27] [bool] failed to parse field [boost]", "caused_by": {"type": "number_format_exception", "reason": "For input string: \"x\""}}},
  },
  {
    name: "_msearch: an item's parse error, positions within its line",
    path: "/_msearch",
    text: "{\"index\":\"pos-err\"}\n{\"query\":{\"match_all\":{}}}\n{\"index\":\"pos-err\"}\n{\"query\":{\"term\":{\"a\":{\"x\":1}}}}\n",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 1, "col": 28}], "type": "parsing_exception", "reason": "[term] query does not support [x]", "line": 1, "col": 28},
  },
  {
    name: "term: boost object (Jackson location past the bracket)",
    path: "/pos-err/_search",
    text: "{\"query\":{\"term\":{\"a\":{\"value\":1,\"boost\":{}}}}}",
    status: 400,
    error: {"root_cause": [{"type": "json_parse_exception", "reason": "Current token (START_OBJECT) not numeric, can not use numeric value accessors\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 43]"}], "type": "json_parse_exception", "reason": "Current token (START_OBJECT) not numeric, can not use numeric value accessors\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 43]"},
  },
  {
    name: "range: boost null",
    path: "/pos-err/_search",
    text: "{\"query\":{\"range\":{\"n\":{\"gte\":1,\"boost\":null}}}}",
    status: 400,
    error: {"root_cause": [{"type": "json_parse_exception", "reason": "Current token (VALUE_NULL) not numeric, can not use numeric value accessors\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 45]"}], "type": "json_parse_exception", "reason": "Current token (VALUE_NULL) not numeric, can not use numeric value accessors\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 45]"},
  },
  {
    name: "match: boost array",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match\":{\"t\":{\"query\":\"x\",\"boost\":[1]}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[match] unknown token [START_ARRAY] after [boost]", "line": 1, "col": 45}], "type": "parsing_exception", "reason": "[match] unknown token [START_ARRAY] after [boost]", "line": 1, "col": 45},
  },
  {
    name: "match: boolean boost, pretty-printed (Jackson location)",
    path: "/pos-err/_search",
    text: "{\n  \"query\": {\n    \"match\": {\n      \"t\": {\n        \"query\": \"x\",\n        \"boost\": true\n      }\n    }\n  }\n}",
    status: 400,
    error: {"root_cause": [{"type": "json_parse_exception", "reason": "Current token (VALUE_TRUE) not numeric, can not use numeric value accessors\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 6, column: 22]"}], "type": "json_parse_exception", "reason": "Current token (VALUE_TRUE) not numeric, can not use numeric value accessors\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 6, column: 22]"},
  },
  {
    name: "match: container parameter",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match\":{\"t\":{\"query\":\"x\",\"minimum_should_match\":{}}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[match] unknown token [START_OBJECT] after [minimum_should_match]", "line": 1, "col": 60}], "type": "parsing_exception", "reason": "[match] unknown token [START_OBJECT] after [minimum_should_match]", "line": 1, "col": 60},
  },
  {
    name: "match: null operator",
    path: "/pos-err/_search",
    text: "{\"query\":{\"match\":{\"t\":{\"query\":\"x\",\"operator\":null}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[match] unknown token [VALUE_NULL] after [operator]", "line": 1, "col": 48}], "type": "parsing_exception", "reason": "[match] unknown token [VALUE_NULL] after [operator]", "line": 1, "col": 48},
  },
  {
    name: "multi_match: fields object",
    path: "/pos-err/_search",
    text: "{\"query\":{\"multi_match\":{\"query\":\"x\",\"fields\":{}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[multi_match] query does not support [fields]", "line": 1, "col": 47}], "type": "parsing_exception", "reason": "[multi_match] query does not support [fields]", "line": 1, "col": 47},
  },
  {
    name: "simple_query_string: unknown object member",
    path: "/pos-err/_search",
    text: "{\"query\":{\"simple_query_string\":{\"query\":\"x\",\"foo\":{}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[simple_query_string] unknown token [START_OBJECT] after [foo]", "line": 1, "col": 52}], "type": "parsing_exception", "reason": "[simple_query_string] unknown token [START_OBJECT] after [foo]", "line": 1, "col": 52},
  },
  {
    name: "exists: unknown object member",
    path: "/pos-err/_search",
    text: "{\"query\":{\"exists\":{\"field\":\"a\",\"foo\":{}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[exists] unknown token [START_OBJECT] after [foo]", "line": 1, "col": 39}], "type": "parsing_exception", "reason": "[exists] unknown token [START_OBJECT] after [foo]", "line": 1, "col": 39},
  },
  {
    name: "constant_score: boost object",
    path: "/pos-err/_search",
    text: "{\"query\":{\"constant_score\":{\"filter\":{\"match_all\":{}},\"boost\":{}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[constant_score] query does not support [boost]", "line": 1, "col": 63}], "type": "parsing_exception", "reason": "[constant_score] query does not support [boost]", "line": 1, "col": 63},
  },
  {
    name: "terms: boost object after the terms",
    path: "/pos-err/_search",
    text: "{\"query\":{\"terms\":{\"a\":[\"x\"],\"boost\":{}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "[terms] query does not support more than one field. Already got: [a] but also found [boost]", "line": 1, "col": 38}], "type": "parsing_exception", "reason": "[terms] query does not support more than one field. Already got: [a] but also found [boost]", "line": 1, "col": 38},
  },
  {
    name: "aggs: missing of the wrong type",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"avg\":{\"field\":\"n\",\"missing\":[]}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:44] [avg] missing doesn't support values of type: START_ARRAY"}], "type": "x_content_parse_exception", "reason": "[1:44] [avg] missing doesn't support values of type: START_ARRAY"},
  },
  {
    name: "aggs: include of the wrong type",
    path: "/pos-err/_search",
    text: "{\"aggs\":{\"a\":{\"terms\":{\"field\":\"a\",\"include\":1}}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:46] [terms] include doesn't support values of type: VALUE_NUMBER"}], "type": "x_content_parse_exception", "reason": "[1:46] [terms] include doesn't support values of type: VALUE_NUMBER"},
  },
  {
    name: "aggs: unknown member of a range, pretty-printed",
    path: "/pos-err/_search",
    text: "{\n  \"aggs\": {\n    \"a\": {\n      \"range\": {\n        \"field\": \"n\",\n        \"ranges\": [\n          {\n            \"to\": 5\n          },\n          {\n            \"from\": 1,\n            \"foo\": \"x\"\n          }\n        ]\n      }\n    }\n  }\n}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[12:13] [range] unknown field [foo]"}], "type": "x_content_parse_exception", "reason": "[12:20] [range] failed to parse field [ranges]", "caused_by": {"type": "x_content_parse_exception", "reason": "[12:13] [range] unknown field [foo]"}},
  },
  {
    name: "range: a bound written as an array, pretty-printed",
    path: "/pos-err/_search",
    text: "{\n  \"query\": {\n    \"range\": {\n      \"n\": {\n        \"gte\": [\n          1\n        ]\n      }\n    }\n  }\n}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "invalid lower bound for [range] query", "line": 6, "col": 11}], "type": "parsing_exception", "reason": "invalid lower bound for [range] query", "line": 6, "col": 11},
  },
  {
    name: "range: an empty array bound",
    path: "/pos-err/_search",
    text: "{\"query\":{\"range\":{\"n\":{\"lt\":[]}}}}",
    status: 400,
    error: {"root_cause": [{"type": "parsing_exception", "reason": "invalid upper bound for [range] query", "line": 1, "col": 31}], "type": "parsing_exception", "reason": "invalid upper bound for [range] query", "line": 1, "col": 31},
  },
  {
    name: "bool: an array inside a clause array",
    path: "/pos-err/_search",
    text: "{\"query\":{\"bool\":{\"filter\":[{\"match_all\":{}},[1]]}}}",
    status: 400,
    error: {"root_cause": [{"type": "x_content_parse_exception", "reason": "[1:46] [bool] failed to parse field [filter]"}], "type": "x_content_parse_exception", "reason": "[1:46] [bool] failed to parse field [filter]", "caused_by": {"type": "illegal_state_exception", "reason": "expected value but got [START_ARRAY]"}},
  },
];

describe('parse-time errors at OpenSearch 3.6.0 positions (embedded engine)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      await call('PUT', `/${INDEX}`, { mappings: MAPPINGS });
      const r = await call('POST', c.path, c.text);
      expect({ status: r.status, error: r.body.error }).toEqual({ status: c.status, error: c.error });
    });
  }
});

describe.skipIf(!URL_)('parse-time errors at their positions (the real node)', () => {
  const os = async (method: string, path: string, text?: string): Promise<{ status: number; body: any }> => {
    const res = await fetch(URL_ + path, {
      method,
      headers: { 'content-type': path.includes('_msearch') ? 'application/x-ndjson' : 'application/json' },
      ...(text !== undefined ? { body: text } : {}),
    });
    return { status: res.status, body: await res.json() };
  };
  beforeAll(async () => {
    await os('DELETE', `/${INDEX}`);
    await os('PUT', `/${INDEX}`, JSON.stringify({ mappings: MAPPINGS }));
  });
  afterAll(async () => {
    await os('DELETE', `/${INDEX}`);
  });
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await os('POST', c.path, c.text);
      expect({ status: r.status, error: r.body.error }).toEqual({ status: c.status, error: c.error });
    });
  }
});
