import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { dropStaff, pw, seedStaff, STAFF, typeFields, useIndex, VIEW_CONFIG } from './view-fixture.js';

const INDEX = 'authz-view-fls';

/**
 * FLS includes and excludes of object members (issue 11, item 2), on both backends: `fls: [name, department,
 * address.city, manager.*]` shows `address { city }` and `manager { name email level }`; `~address.street`
 * shows `address { city }`. Visible members can be filtered, sorted and aggregated on; hidden ones are absent
 * from the types, the inputs, the enums, the output and free text.
 */
describe.each(BACKENDS)('FLS on object members on %s', (backend) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(backend, useIndex(INDEX), VIEW_CONFIG);
    await seedStaff(gw, INDEX);
  });
  afterAll(async () => {
    await dropStaff(gw, INDEX);
    await gw?.close();
  });

  it('includes of members: the objects appear with just those members', async () => {
    const auth = pw('v-objects');
    expect(await typeFields(gw, auth, 'Staff')).toEqual(['address', 'department', 'id', 'manager', 'name']);
    expect(await typeFields(gw, auth, 'StaffAddress')).toEqual(['city']);
    expect(await typeFields(gw, auth, 'StaffManager')).toEqual(['email', 'level', 'name']);
    const r = await gw.gql<any>('{ staff(first: 50, orderBy: [{ field: NAME }]) { hits { id document { name department address { city } manager { name email level } } } } }', { auth });
    expect(r.body.errors).toBeUndefined();
    const docs = Object.fromEntries(r.body.data.staff.hits.map((h: any) => [h.id, h.document]));
    expect(Object.keys(docs).sort()).toEqual(Object.keys(STAFF).sort());
    for (const [id, src] of Object.entries(STAFF)) {
      const m = src.manager as Record<string, unknown> | undefined;
      expect(docs[id]).toEqual({
        name: src.name,
        department: src.department,
        address: { city: (src.address as { city: string }).city },
        manager: m ? { name: m.name, email: m.email, level: m.level } : null,
      });
    }
    for (const hidden of ['Rue A', 'Via D', 'genres', 'Comedy', 'alice']) expect(r.text).not.toContain(hidden);
  });

  it('visible members filter, sort and aggregate; hidden members are not offered', async () => {
    const auth = pw('v-objects');
    const where = await typeFields(gw, auth, 'StaffWhere');
    expect(where).toEqual(expect.arrayContaining(['address_city', 'manager_name', 'manager_email', 'manager_level']));
    expect(where).not.toContain('address_street');
    expect(where).not.toContain('owner');
    const sort = await typeFields(gw, auth, 'StaffSortField');
    expect(sort).toEqual(expect.arrayContaining(['ADDRESS_CITY', 'MANAGER_LEVEL']));
    expect(sort).not.toContain('ADDRESS_STREET');
    expect(await typeFields(gw, auth, 'StaffTermsField')).not.toContain('ADDRESS_STREET');

    const f = await gw.gql<any>('{ staff(first: 50, where: { address_city: { eq: "Paris" } }) { hits { id } } }', { auth });
    expect(f.body.errors).toBeUndefined();
    expect(f.body.data.staff.hits.map((h: any) => h.id).sort()).toEqual(['s1', 's3']);
    const s = await gw.gql<any>('{ staff(first: 3, where: { manager_level: { gte: 0 } }, orderBy: [{ field: MANAGER_LEVEL, direction: ASC }, { field: NAME }]) { hits { id } } }', { auth });
    expect(s.body.errors).toBeUndefined();
    expect(s.body.data.staff.hits.map((h: any) => h.id)).toEqual(['s2', 's5', 's1']);
    const a = await gw.gql<any>('{ staff { aggregations { cities: terms(field: ADDRESS_CITY) { key count } managers: terms(field: MANAGER_NAME) { key count } } } }', { auth });
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data.staff.aggregations.cities).toEqual(
      expect.arrayContaining([{ key: 'Paris', count: 2 }, { key: 'Berlin', count: 2 }, { key: 'Rome', count: 2 }]),
    );
    expect(a.body.data.staff.aggregations.managers).toEqual(expect.arrayContaining([{ key: 'Max', count: 2 }, { key: 'Mia', count: 2 }]));

    const hidden = await gw.gql<any>('{ staff(where: { address_street: { eq: "Rue A" } }) { total } }', { auth });
    expect(hidden.body.errors?.[0]?.message).toMatch(/address_street/);
    const text = await gw.gql<any>('{ staff(query: "Via") { total } }', { auth });
    expect(text.body.data.staff.total).toBe(0);
    const city = await gw.gql<any>('{ staff(query: "Rome") { total } }', { auth });
    expect(city.body.data.staff.total).toBe(2);
  });

  it('get-by-id shows the same members', async () => {
    const r = await gw.gql<any>('{ staffMember(id: "s1") { name address { city } manager { email } } }', { auth: pw('v-objects') });
    expect(r.body.data.staffMember).toEqual({ name: 'Ann', address: { city: 'Paris' }, manager: { email: 'max@x.org' } });
    const bad = await gw.gql<any>('{ staffMember(id: "s1") { address { street } } }', { auth: pw('v-objects') });
    expect(bad.body.errors?.[0]?.message).toMatch(/street/);
  });

  it('excludes of members: the object stays with its other members', async () => {
    const auth = pw('v-no-street');
    expect(await typeFields(gw, auth, 'StaffAddress')).toEqual(['city']);
    expect(await typeFields(gw, auth, 'StaffManager')).toEqual(['level', 'name']);
    expect(await typeFields(gw, auth, 'Staff')).toEqual(expect.arrayContaining(['address', 'manager', 'genres', 'owner']));
    const r = await gw.gql<any>('{ staff(first: 50, where: { address_city: { eq: "Rome" } }) { hits { id document { address { city } manager { name } } } } }', { auth });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.staff.hits.map((h: any) => h.document.address.city)).toEqual(['Rome', 'Rome']);
    expect(await typeFields(gw, auth, 'StaffWhere')).not.toContain('address_street');
    expect(await typeFields(gw, auth, 'StaffWhere')).not.toContain('manager_email');
    const text = await gw.gql<any>('{ staff(query: "max@x.org") { total } }', { auth });
    expect(text.body.data.staff.total).toBe(0);
  });
});
