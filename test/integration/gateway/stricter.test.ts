import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { dropStaff, pw, seedStaff, typeFields, useIndex, VIEW_CONFIG } from './view-fixture.js';

const INDEX = 'authz-view-stricter';

/**
 * The documented differences from the plugin (README, "Where Searchgate is stricter than the plugin"), issue 11
 * item 3, each asserted on both backends and in both masking modes where the mode matters.
 */
const SALT = new TextEncoder().encode('e1ukloTsQlOgPquJ');
const blake = (v: string, mode: 'v3' | 'legacy') =>
  bytesToHex(blake2b(new TextEncoder().encode(v), mode === 'v3' ? { dkLen: 32, salt: SALT } : { dkLen: 32, personalization: SALT }));
const sha256 = (v: string) => createHash('sha256').update(v, 'utf8').digest('hex');

describe.each(BACKENDS)('documented stricter rules on %s', (backend) => {
  for (const mode of ['v3', 'legacy'] as const) {
    describe(`masking mode ${mode}`, () => {
      let gw: TestGateway;
      beforeAll(async () => {
        gw = await startTestGateway(backend, useIndex(INDEX, (c) => (c.security.masking = { ...c.security.masking, mode })), VIEW_CONFIG);
        await seedStaff(gw, INDEX);
      });
      afterAll(async () => {
        await dropStaff(gw, INDEX);
        await gw?.close();
      });

      it('a mask naming an object masks every member (the plugin masks nothing: its patterns match leaf paths)', async () => {
        const auth = pw('v-mask-object');
        const r = await gw.gql<any>('{ staffMember(id: "s1") { name address { city street } } }', { auth });
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data.staffMember).toEqual({ name: 'Ann', address: { city: blake('Paris', mode), street: blake('Rue A', mode) } });
        expect(r.text).not.toContain('Paris');
        const where = await typeFields(gw, auth, 'StaffWhere');
        expect(where).not.toContain('address_city');
        expect(where).toContain('name');
        const text = await gw.gql<any>('{ staff(query: "Paris") { total } }', { auth });
        expect(text.body.data.staff.total).toBe(0);
      });

      if (mode === 'v3') {
        it('`~bio.keyword` hides the sub-field (the plugin 3.x ignores an exclusion ending in .keyword)', async () => {
          const auth = pw('v-hide-kw');
          expect(await typeFields(gw, auth, 'Staff')).toContain('bio');
          expect(await typeFields(gw, auth, 'StaffSortField')).not.toContain('BIO');
          expect(await typeFields(gw, auth, 'StaffTermsField')).not.toContain('BIO');
          expect(await typeFields(gw, auth, 'StaffSortField')).toContain('NAME');
          // The analyzed field itself stays: free text finds it, and its value is shown.
          const r = await gw.gql<any>('{ staff(query: "jazz") { total hits { document { bio } } } }', { auth });
          expect(r.body.data.staff.total).toBe(2);
          expect(r.body.data.staff.hits[0].document.bio).toBe('likes jazz');
        });
      }

      it('`field::SHA-256` hashes with SHA-256 in every mode (the plugin uses legacy BLAKE2b in legacy mode); numbers are masked too', async () => {
        const auth = pw('v-mask-sha');
        const r = await gw.gql<any>('{ staffMember(id: "s3") { name owner level } }', { auth });
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data.staffMember).toEqual({ name: 'Cid', owner: sha256('alice'), level: blake('7', mode) });
      });

      it('a masked number cannot be range-queried, sorted or aggregated (in 3.x the plugin\'s range on it returns nothing)', async () => {
        const auth = pw('v-mask-sha');
        expect(await typeFields(gw, auth, 'StaffWhere')).not.toContain('level');
        expect(await typeFields(gw, auth, 'StaffSortField')).not.toContain('LEVEL');
        expect(await typeFields(gw, auth, 'StaffNumericField')).not.toContain('LEVEL');
        expect(await typeFields(gw, auth, 'StaffWhere')).toContain('year');
        const r = await gw.gql<any>('{ staff(where: { level: { lte: 3 } }) { total } }', { auth });
        expect(r.body.errors?.[0]?.message).toMatch(/level/);
      });
    });
  }
});
