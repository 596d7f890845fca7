import { resolve } from 'node:path';
import type { SearchgateConfig } from '../../../src/config/searchgate.js';
import type { TestGateway } from '../../support/gateway.js';

/**
 * Shared by dls-view, fls-objects, stricter and name-collisions tests: the staff index of test/fixtures/authz-view.
 * Test files run in parallel against one real node, so each exposes its own index (the roles cover
 * `authz-view-*`): start the gateway with `useIndex(name)`.
 */
export const VIEW_CONFIG = resolve('test/fixtures/authz-view/searchgate.yml');

export function useIndex(index: string, more?: (c: SearchgateConfig) => void): (c: SearchgateConfig) => void {
  return (c) => {
    c.indices = c.indices.map((ix) => ({ ...ix, index }));
    more?.(c);
  };
}

export const STAFF: Record<string, Record<string, unknown>> = {
  s1: { name: 'Ann', department: 'eng', genres: 'Comedy', bio: 'likes jazz', year: 2010, owner: 'alice', level: 2, address: { city: 'Paris', street: 'Rue A' }, manager: { name: 'Max', email: 'max@x.org', level: 5 } },
  s2: { name: 'Bob', department: 'eng', genres: 'Drama', bio: 'likes rock', year: 2015, owner: 'bob', level: 5, address: { city: 'Berlin', street: 'Str B' }, manager: { name: 'Mia', email: 'mia@x.org', level: 3 } },
  s3: { name: 'Cid', department: 'ops', genres: 'Comedy', bio: 'likes folk', year: 2013, owner: 'alice', level: 7, address: { city: 'Paris', street: 'Rue C' }, manager: { name: 'Max', email: 'max@x.org', level: 5 } },
  s4: { name: 'Dee', department: 'ops', genres: 'Horror', bio: 'likes jazz', year: 2008, owner: 'carol', level: 1, address: { city: 'Rome', street: 'Via D' } },
  s5: { name: 'Eve', department: 'sales', genres: 'Comedy', bio: 'likes pop', year: 2012, owner: 'bob', level: 4, address: { city: 'Berlin', street: 'Str E' }, manager: { name: 'Mia', email: 'mia@x.org', level: 3 } },
  s6: { name: 'Fay', department: 'sales', genres: 'Drama', bio: 'likes soul', year: 2020, owner: 'alice', level: 3, address: { city: 'Rome', street: 'Via F' } },
};

const kw = { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
export const STAFF_MAPPINGS = {
  properties: {
    name: { type: 'keyword' },
    department: { type: 'keyword' },
    genres: { type: 'keyword' },
    bio: kw,
    year: { type: 'integer' },
    owner: { type: 'keyword' },
    level: { type: 'integer' },
    address: { properties: { city: { type: 'keyword' }, street: { type: 'keyword' } } },
    manager: { properties: { name: { type: 'keyword' }, email: { type: 'keyword' }, level: { type: 'integer' } } },
  },
};

export async function seedStaff(gw: TestGateway, VIEW_INDEX: string): Promise<void> {
  const client = gw.gateway.backend.client;
  await client.indices.delete({ index: VIEW_INDEX, ignore_unavailable: true } as never).catch(() => undefined);
  await client.indices.create({ index: VIEW_INDEX, body: { mappings: STAFF_MAPPINGS } as never });
  const body = Object.entries(STAFF).flatMap(([id, d]) => [{ index: { _index: VIEW_INDEX, _id: id } }, d]);
  await client.bulk({ body: body as never, refresh: 'true' } as never);
  await gw.gateway.refreshCatalog();
}

export async function dropStaff(gw: TestGateway | undefined, index: string): Promise<void> {
  await gw?.gateway.backend.client.indices.delete({ index, ignore_unavailable: true } as never).catch(() => undefined);
}

export const pw = (u: string) => `${u}:${u}-pw`;

export async function typeFields(gw: TestGateway, auth: string, type: string): Promise<string[]> {
  const r = await gw.gql<any>(`{ __type(name: "${type}") { fields { name } inputFields { name } enumValues { name } } }`, { auth });
  const t = r.body.data.__type;
  if (!t) return [];
  return (t.fields ?? t.inputFields ?? t.enumValues).map((f: any) => f.name).sort();
}
