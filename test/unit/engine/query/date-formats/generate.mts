/**
 * Regenerates `table.json`: every value of VALUES indexed into a `date` field of every format of FORMATS on a
 * real OpenSearch node, and what the node made of it: the mapping refused (with its reason), or per value
 * the document refused (with the item's status) or accepted (its millis, the sort value, digit for digit,
 * and the `key_as_string` a terms aggregation prints with the field's format).
 *
 *   OPENSEARCH_URL=http://127.0.0.1:9200 npx tsx test/unit/engine/query/date-formats/generate.mts
 *
 * Uses indices named `fd-tab-<pid>-<n>` and deletes them. `date-formats.test.ts` checks the engine against
 * every row.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const URL_ = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';

/** Values: strings, and `{ json: '<raw JSON number>' }` for JSON numbers (OpenSearch re-parses their text). */
const VALUES: (string | { json: string })[] = [
  // from the hunt's datefuzz (H2-3)
  '2024-01-05', '2024-1-5', '2024-01-5', '24-01-05', '2024', { json: '2024' }, '202401', '2024-01', '2024-1', '20240105',
  '2024-01-05T10:20:30Z', '2024-01-05T10:20:30.123Z', '2024-01-05T10:20:30', '2024-01-05T10:20', '2024-01-05T10',
  '2024-01-05 10:20:30', '2024-01-05 10:20', '2024-01-05T10:20:30+01:00', '2024-01-05T10:20:30+0100',
  '2024-01-05T10:20:30.1234567Z', '2024-01-05t10:20:30z', '5/1/2024', '05/01/2024', '5.1.2024', '05.01.2024', '1/5/2024',
  '01/05/2024', '10:20:30', '1:2:3', '20240105T102030', '20240105T102030Z', '20240105T102030.000Z', '2024-W01-5', '2024-005',
  '10:20', '2024-01-05T10:20:30.123+01:00', '+2024-01-05', '-0001-01-01', '0000-01-01', '99999-01-01', '2024-02-30',
  '2024-13-01', '1704067200000', { json: '1704067200000' }, { json: '1704067200' }, { json: '1704067200.5' }, '1704067200.5',
  { json: '-1' }, '-1', { json: '0' }, '0', { json: '1.5' }, '2.1474836470005E12', { json: '2147483647000.5' }, { json: '1e12' },
  '1e12', ' 2024-01-05', '2024-01-05 ', '2024-01-05Z', '2024-01-05T24:00:00', '2024-01-05T23:59:60', '2024-01-05T10:20:30,5Z',
  // more shapes: zones, widths, ordinal and basic forms, resolver leniencies
  '2024-01-05T', '2024-01-05T10:20:30.', '2024-01-05T10:20:30+01', '2024-01-05T10:20:30Europe/Paris',
  '2024-01-05T10:20:30UTC', '2024-01-05T10:20:30UTC+01:00', '2024-01-05T10:20:30GMT-05:00', '2024-01-05T10:20:30+01:00:30',
  '2024-01-05T10:20:30-0530', '-86400000', '+99999-01-01', '2024-366', '2023-366', '2024-060', '10:20:30.123Z', '10:20:30Z',
  'T10:20:30.123Z', '102030.123Z', '102030Z', 'T102030Z', '2024005T102030.123Z', '2024005T102030Z', '2024-005T10:20:30.123Z',
  '2024-005T10:20:30Z', '2024-01-05T10:20:30.123', '2024-01-05T1:2:3.4Z', '2024-1-5T1:2', '2024-1-5T1', '2024-01-05T24:00',
  '2024-01-05T24', '2024-02-29', '2023-02-29', '2024-04-31', '2024-00-10', '2024-01-32', '24:00:00', '24',
  '2024-03-31T02:30:00Europe/Paris', '1', '12', '123', '12345', '-2024-01-05', '2024-01-05T10:20Z', '2024-01-05T10Z',
  '2024-01-05T10:20:30+19:00', '2024-01-05T25:59.5', '1.', '1.1234567', '29/2/2000', '31/12/1999 23:59', '99-12-31',
];

const FORMATS = [
  // the hunt's 33
  'd/M/yyyy', 'dd.MM.yyyy', 'strict_year_month_day', 'year_month_day', 'strict_date', 'date', 'date_optional_time',
  'strict_date_optional_time', 'date_time', 'strict_date_time', 'date_hour_minute_second', 'strict_date_hour_minute_second',
  'basic_date', 'year_month', 'year', 'yyyy', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd HH:mm:ss.SSS', "yyyyMMdd'T'HHmmss",
  "yyyy-MM-dd'T'HH:mm:ssZ", 'epoch_second', 'epoch_millis', 'MM/dd/yyyy', 'yy-MM-dd', 'HH:mm:ss', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
  'strict_date_optional_time_nanos', 'date_time_no_millis', 'basic_date_time', 'week_date', 'ordinal_date', 'hour_minute',
  'date_hour',
  // the other built-in names the engine models
  'iso8601', 'strict_date_time_no_millis', 'date_hour_minute_second_fraction', 'date_hour_minute_second_millis',
  'strict_date_hour_minute_second_fraction', 'strict_date_hour_minute_second_millis', 'strict_date_hour', 'strict_date_hour_minute',
  'date_hour_minute', 'strict_year_month', 'strict_year', 'basic_date_time_no_millis', 'basic_ordinal_date',
  'basic_ordinal_date_time', 'basic_ordinal_date_time_no_millis', 'basic_time', 'basic_time_no_millis', 'basic_t_time',
  'basic_t_time_no_millis', 'strict_ordinal_date', 'ordinal_date_time', 'strict_ordinal_date_time', 'ordinal_date_time_no_millis',
  'strict_ordinal_date_time_no_millis', 'time', 'strict_time', 'time_no_millis', 'strict_time_no_millis', 't_time', 'strict_t_time',
  't_time_no_millis', 'strict_t_time_no_millis', 'hour', 'strict_hour', 'strict_hour_minute', 'hour_minute_second',
  'strict_hour_minute_second', 'hour_minute_second_millis', 'strict_hour_minute_second_millis', 'hour_minute_second_fraction',
  'strict_hour_minute_second_fraction',
  // combinations and more patterns
  'strict_date_optional_time||epoch_millis', 'yyyy-MM-dd||epoch_millis', 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd', 'uuuu-MM-dd',
  'yyyy-MM-dd[ HH:mm[:ss]]', 'yyyyDDD', "yyyy-MM-dd'T'HH:mm:ssxxx", 'y-M-d', 'u', 'yyyyMMddHHmmssSSS', 'd/M/yyyy HH:mm',
  // refused by OpenSearch (invalid patterns) or not modelled by the engine (refused there with "not supported")
  'ddd', 'yyyy{', 'weekyear_week', 'strict_week_date', 'strictDateOptionalTime', 'yyyy-MMM-dd', 'EEE, dd MMM yyyy', 'hh:mm a',
];

async function http(method: string, path: string, body?: unknown, ndjson = false): Promise<{ status: number; text: string }> {
  const res = await fetch(URL_ + path, {
    method,
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    body: body === undefined ? undefined : ndjson ? String(body) : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** JSON with every number kept as its source text (sort values are longs). */
function parseExact(text: string): any {
  return (JSON.parse as (t: string, r: (k: string, v: unknown, c: { source?: string }) => unknown) => unknown)(text,
    (_k, v, c) => (typeof v === 'number' && c?.source !== undefined ? c.source : v));
}

interface Row { format: string; mapping?: { status: number; reason: string }; results?: ({ millis: string; key: string } | { refused: number })[] }

const rows: Row[] = [];
for (const [n, format] of FORMATS.entries()) {
  const index = `fd-tab-${process.pid}-${n}`;
  await http('DELETE', `/${index}`);
  const created = await http('PUT', `/${index}`, {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: { properties: { d: { type: 'date', format } } },
  });
  if (created.status !== 200) {
    rows.push({ format, mapping: { status: created.status, reason: JSON.parse(created.text).error.reason } });
    continue;
  }
  const lines = VALUES.flatMap((v, i) => [JSON.stringify({ index: { _id: String(i) } }),
    typeof v === 'string' ? JSON.stringify({ d: v }) : `{"d":${v.json}}`]).join('\n') + '\n';
  const bulk = parseExact((await http('POST', `/${index}/_bulk?refresh=true`, lines, true)).text);
  const search = parseExact((await http('POST', `/${index}/_search`, {
    size: 1000, sort: [{ d: 'asc' }], _source: false,
    aggs: { t: { terms: { field: 'd', size: 1000 } } },
  })).text);
  const sortOf = new Map<string, string>(search.hits.hits.map((h: any) => [h._id, String(h.sort[0])]));
  const keyOf = new Map<string, string>(search.aggregations.t.buckets.map((b: any) => [String(b.key), b.key_as_string]));
  rows.push({
    format,
    results: VALUES.map((_v, i) => {
      const item = bulk.items[i].index;
      if (Number(item.status) >= 300) return { refused: Number(item.status) };
      const millis = sortOf.get(String(i))!;
      return { millis, key: keyOf.get(millis)! };
    }),
  });
  await http('DELETE', `/${index}`);
}

const version = JSON.parse((await http('GET', '/')).text).version.number;
const out = join(dirname(fileURLToPath(import.meta.url)), 'table.json');
// One line per format: diffs of a regeneration show the formats whose answers changed.
writeFileSync(out, `{"opensearch": ${JSON.stringify(version)},\n"values": ${JSON.stringify(VALUES)},\n"rows": [\n${
  rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`);
console.log(`wrote ${out}: ${rows.length} formats x ${VALUES.length} values`);
