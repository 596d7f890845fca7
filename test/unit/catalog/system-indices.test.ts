import { describe, expect, it } from 'vitest';
import type { SearchPort } from '../../../src/backend/search-port.js';
import { loadCatalog } from '../../../src/catalog/catalog.js';

/** A backend where someone pointed the exposed alias `everything` at the gateway's own system indices too. */
const port: SearchPort = {
  search: async () => {
    throw new Error('not used');
  },
  aliases: async () => ({
    movies: { aliases: { everything: {} } },
    '.searchgate-saved-searches': { aliases: { everything: {} } },
    '.searchgate-security': { aliases: { everything: {} } },
  }),
  mappings: async (indices) =>
    Object.fromEntries(indices.map((i) => [i, { mappings: { properties: { [`field_of_${i.replace(/\W/g, '_')}`]: { type: 'keyword' } } } }])),
};

describe('loadCatalog and system indices', () => {
  it('never puts a system index behind an exposed name, even through an alias', async () => {
    const exposed = [{ index: 'everything', type: 'Thing', search: 'things', get: 'thing', lists: [] }];
    const catalog = await loadCatalog(port, exposed, new Set(['.searchgate-saved-searches', '.searchgate-security']));
    expect(catalog.exposed[0]!.concrete).toEqual(['movies']);
    expect(JSON.stringify(catalog.exposed[0]!.model)).not.toMatch(/searchgate/);
    // Without the exclusion the alias would reach them: the test above is not vacuous.
    const open = await loadCatalog(port, exposed);
    expect(open.exposed[0]!.concrete).toHaveLength(3);
  });
});
