import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { dropStaff, pw, seedStaff, useIndex, VIEW_CONFIG } from './view-fixture.js';

const INDEX = 'authz-view-dls';

/**
 * DLS is evaluated on the document as the caller may see it (issue 11, item 1), through the gateway on both
 * backends. The expected answers are the Security plugin's: a DLS clause on a field hidden by FLS or masked, by
 * the same role or another mapped role, matches nothing; `must_not` on it therefore excludes nothing. Each case
 * has a control user whose roles lack the FLS/mask, so presence is asserted as much as absence.
 */
const ALL = ['s1', 's2', 's3', 's4', 's5', 's6'];

describe.each(BACKENDS)('DLS on the visible document on %s', (backend) => {
  for (const dfm of [false, true]) {
    describe(`dfm_empty_overrides_all: ${dfm}`, () => {
      let gw: TestGateway;
      beforeAll(async () => {
        gw = await startTestGateway(backend, useIndex(INDEX, (c) => (c.security.dfmEmptyOverridesAll = dfm)), VIEW_CONFIG);
        await seedStaff(gw, INDEX);
      });
      afterAll(async () => {
        await dropStaff(gw, INDEX);
        await gw?.close();
      });

      const hits = async (user: string): Promise<string[]> => {
        const r = await gw.gql<any>('{ staff(first: 50) { total hits { id } } }', { auth: pw(user) });
        expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
        const ids = r.body.data.staff.hits.map((h: any) => h.id).sort();
        expect(r.body.data.staff.total).toBe(ids.length);
        return ids;
      };
      const get = async (user: string, id: string): Promise<unknown> => {
        const r = await gw.gql<any>(`{ staffMember(id: "${id}") { name } }`, { auth: pw(user) });
        expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
        return r.body.data.staffMember;
      };

      it('DLS term genres=Comedy with the same role\'s FLS [name, year]: 0 hits (control without FLS: 3)', async () => {
        expect(await hits('v-comedy')).toEqual(['s1', 's3', 's5']);
        expect(await hits('v-fls')).toEqual([]);
        expect(await get('v-comedy', 's1')).toEqual({ name: 'Ann' });
        expect(await get('v-comedy', 's2')).toBeNull();
        expect(await get('v-fls', 's1')).toBeNull();
      });

      it('the same DLS while another role\'s FLS leaves genres out, or masks genres', async () => {
        if (dfm) {
          // The unrestricted role of each pair lifts the other's restriction: everything, as in the plugin.
          expect(await hits('v-comedy-other-fls')).toEqual(ALL);
          expect(await hits('v-comedy-other-mask')).toEqual(ALL);
          expect(await get('v-comedy-other-fls', 's2')).toEqual({ name: 'Bob' });
        } else {
          expect(await hits('v-comedy-other-fls')).toEqual([]);
          expect(await hits('v-comedy-other-mask')).toEqual([]);
          expect(await get('v-comedy-other-fls', 's1')).toBeNull();
          expect(await get('v-comedy-other-mask', 's1')).toBeNull();
        }
      });

      it('.keyword sub-fields and match in a should with minimum_should_match', async () => {
        expect(await hits('v-comedy-kw')).toEqual(['s1', 's4', 's5']);
        expect(await hits('v-comedy-kw-fls')).toEqual(dfm ? ALL : []);
      });

      it('DLS year <= 2012 with another role masking year', async () => {
        expect(await hits('v-year')).toEqual(['s1', 's4', 's5']);
        expect(await hits('v-year-mask')).toEqual(dfm ? ALL : []);
        expect(await get('v-year-mask', 's1')).toEqual(dfm ? { name: 'Ann' } : null);
      });

      it('owner = ${user.name} OR level <= 3 where a second role hides owner', async () => {
        expect(await hits('bob')).toEqual(['s1', 's2', 's4', 's5', 's6']);
        // alice owns s1, s3, s6; with owner hidden only level <= 3 counts, so s3 (level 7) is out.
        expect(await hits('alice')).toEqual(dfm ? ALL : ['s1', 's4', 's6']);
        expect(await get('alice', 's3')).toEqual(dfm ? { name: 'Cid' } : null);
        expect(await get('alice', 's1')).toEqual({ name: 'Ann' });
      });

      it('must_not on a hidden field excludes nothing (control: it excludes Horror)', async () => {
        expect(await hits('v-not')).toEqual(['s1', 's2', 's3', 's5', 's6']);
        expect(await hits('v-notnot')).toEqual(ALL);
        expect(await get('v-notnot', 's4')).toEqual({ name: 'Dee' });
      });

      it('object paths: a hidden member matches nothing, a visible member and a fully included object match', async () => {
        // should [address.city = Paris, address.street = "Via D" (hidden), exists manager (manager.* included)].
        expect(await hits('v-paris')).toEqual(['s1', 's2', 's3', 's5']);
        expect(await get('v-paris', 's4')).toBeNull();
        expect(await get('v-paris', 's2')).toEqual({ name: 'Bob' });
      });
    });
  }
});
