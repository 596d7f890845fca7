import { describe, expect, it } from 'vitest';
import type { VisibleField, VisibleIndex, VisibleScalar } from '../../../../src/access/visible.js';
import { DOC_ID, projectDocument } from '../../../../src/api/document/project.js';

const scalar = (path: string, kind: VisibleScalar['kind'], extra: Partial<VisibleScalar> = {}): VisibleScalar => ({
  kind,
  path,
  name: path.slice(path.lastIndexOf('.') + 1),
  flat: path.replace(/\./g, '_'),
  exactPath: path,
  list: false,
  masker: null,
  ...extra,
});
const index = (fields: VisibleField[]): VisibleIndex => ({ fields, leaves: new Map(), clearLeaves: [], textPaths: [], model: {} as never }) as VisibleIndex;

/** The document's string keys and values (its id rides under a symbol, checked apart). */
const plain = (doc: object): unknown => JSON.parse(JSON.stringify(doc));

const FIELDS: VisibleField[] = [
  scalar('title', 'text'),
  scalar('year', 'int'),
  scalar('released', 'date'),
  scalar('secret', 'keyword', { masker: (v) => `masked(${String(v)})` }),
  scalar('tags', 'keyword', { list: true }),
  { kind: 'object', path: 'author', name: 'author', list: false, children: [scalar('author.name', 'keyword'), scalar('author.born', 'int')] },
];

describe('projecting a _source into the caller’s document', () => {
  it('keeps visible fields only, masks, normalises dates, and adds the id under its symbol', () => {
    const doc = projectDocument(
      { title: 'T', year: 2001, released: 0, secret: 's', tags: ['a', null, 'b'], hidden: 'never', author: { name: 'N', born: 1950, ssn: 'x' } },
      index(FIELDS),
      'id-1',
    );
    expect(plain(doc)).toEqual({ title: 'T', year: 2001, released: '1970-01-01T00:00:00.000Z', secret: 'masked(s)', tags: ['a', 'b'], author: { name: 'N', born: 1950 } });
    expect(doc[DOC_ID]).toBe('id-1');
    expect(Object.keys(doc)).not.toContain('hidden');
  });

  it('reads dotted keys as the objects OpenSearch takes them for, at any level, and only visible members', () => {
    const doc = projectDocument({ 'author.name': 'N', 'author.ssn': 'x', title: 'T' }, index(FIELDS), 'id-2');
    expect(plain(doc)).toEqual({ title: 'T', author: { name: 'N' } });
    const mixed = projectDocument({ author: { 'name': 'N' }, 'author.born': 1 }, index(FIELDS), 'id-3');
    // `author` itself is present: its dotted sibling is a second spelling OpenSearch would merge; the object wins here.
    expect(plain(mixed)).toEqual({ author: { name: 'N' } });
  });

  it('leaves out fields the source does not hold, with or without dotted keys beside them', () => {
    expect(plain(projectDocument({ year: 1 }, index(FIELDS), 'a'))).toEqual({ year: 1 });
    expect(plain(projectDocument({ year: 1, 'other.thing': 2 }, index(FIELDS), 'b'))).toEqual({ year: 1 });
    expect(plain(projectDocument(undefined, index(FIELDS), 'c'))).toEqual({});
  });
});
