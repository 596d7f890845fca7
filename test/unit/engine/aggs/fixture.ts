/**
 * A tiny in-memory AggContext for aggregation unit tests: documents are plain objects, doc values are read
 * by dotted path, and `compileFilter` understands `term` and `match_all` only. The four documents mirror
 * the probe index the expected outputs in these tests were taken from (OpenSearch 3.6.0).
 */
import type { AggContext } from '../../../../src/engine/aggs/aggregate.js';
import { EngineError } from '../../../../src/engine/errors.js';

export type Doc = Record<string, unknown>;

export const MAPPING: Record<string, string> = {
  k: 'keyword', n: 'integer', f: 'float', d: 'date', b: 'boolean', t: 'text', 't.keyword': 'keyword',
  x: 'long', ymd: 'date', 'author.name': 'keyword',
};

export const DOCS: Doc[] = [
  { k: 'a', n: 5, f: 1.5, d: '2011-04-21', b: true, t: 'Hello world', author: { name: 'ann' } },
  { k: ['a', 'b'], n: 150, f: 2.25, d: '2012-01-01T10:00:00Z', b: false, t: 'foo', author: { name: 'bob' } },
  { k: 'c', n: -20, d: 1300000000000 },
  { x: 1 },
];

function lookup(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function docValue(type: string, v: unknown): string | number {
  if (type === 'date') return typeof v === 'number' ? v : Date.parse(String(v));
  if (type === 'boolean') return v === true ? 1 : 0;
  if (type === 'keyword') return String(v);
  return Number(v);
}

export function makeContext(formats: Record<string, string> = {}): AggContext<Doc> {
  return {
    fieldType: (field) => MAPPING[field],
    values(doc, field) {
      const type = MAPPING[field];
      const raw = lookup(doc, field.endsWith('.keyword') ? field.slice(0, -'.keyword'.length) : field);
      if (type === undefined || raw === undefined || raw === null) return [];
      return (Array.isArray(raw) ? raw : [raw]).map((v) => docValue(type, v));
    },
    compileFilter(query) {
      const q = query as Record<string, Record<string, unknown>>;
      if (q.match_all) return () => true;
      if (q.term) {
        const [field, value] = Object.entries(q.term)[0]!;
        return (doc) => {
          const raw = lookup(doc, field);
          return (Array.isArray(raw) ? raw : [raw]).includes(value);
        };
      }
      throw new EngineError(400, 'parsing_exception', `unknown query [${Object.keys(q)[0]}]`);
    },
    fieldFormat: (field) => formats[field],
  };
}
