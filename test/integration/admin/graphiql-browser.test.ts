import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MASTER, startAdminGateway, type AdminGateway } from './support.js';

/**
 * End to end in a real browser: GraphiQL (served offline by the gateway) as master-user creates a role with
 * DLS, FLS and a mask, maps it to a new user, then that user's schema and search show exactly those rules.
 * Debian's chromium only (never a downloaded browser); skipped when it is not installed.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`[searchgate tests] GraphiQL browser test skipped: ${CHROMIUM} is not installed`);

const ARTIFACTS = resolve('artifacts');
const basic = (auth: string) => `Basic ${Buffer.from(auth, 'utf8').toString('base64')}`;

const SETUP = `mutation {
  putRole(name: "browser-role", role: {
    index_permissions: [{
      index_patterns: ["movies"]
      dls: "{\\"range\\": {\\"year\\": {\\"gte\\": 2015}}}"
      fls: ["~actors"]
      masked_fields: ["title"]
      allowed_actions: ["read"]
    }]
  }) { changed version }
  putInternalUser(name: "browser-user", user: { password: "browser-password", backend_roles: ["browser-team"] }) { changed }
  putRoleMapping(name: "browser-role", mapping: { backend_roles: ["browser-team"] }) { changed }
}`;

const AS_USER = `{
  movie: __type(name: "Movie") { fields { name } }
  mutation: __schema { mutationType { fields { name } } }
  movies(first: 50) { total hits { document { title year } } }
}`;

describe.skipIf(!hasChromium)('GraphiQL in a browser: an admin session and its effect (embedded)', () => {
  let gw: AdminGateway;
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    gw = await startAdminGateway('embedded');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const origin = new URL(gw.url).origin;
    // Every request the page makes must stay on the gateway (its own blob: workers included); record and
    // refuse anything else.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      const local = url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:');
      if (local) return route.continue();
      outside.push(url);
      return route.abort();
    });
    context.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(`${origin}/`) && !u.startsWith(`blob:${origin}/`) && !u.startsWith('data:')) outside.push(u);
    });
    page = await context.newPage();
    await page.goto(`${gw.url}/graphql`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 60_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  /** Puts text into GraphiQL's own editors (its Monaco models), runs it with the execute button, returns the answer. */
  async function run(query: string, headers: Record<string, string>): Promise<any> {
    await page.evaluate(
      ([q, h]) => {
        const models = (globalThis as any).__MONACO.editor.getModels() as { uri: { toString(): string }; setValue(v: string): void }[];
        models.find((m) => m.uri.toString().endsWith('-operation.graphql'))!.setValue(q);
        models.find((m) => m.uri.toString().endsWith('-request-headers.json'))!.setValue(h);
      },
      [query, JSON.stringify(headers, null, 2)] as const,
    );
    // GraphiQL re-reads the operation (its name, if any) from the editor shortly after a change.
    await page.waitForTimeout(500);
    // The operation's answer, not the introspection GraphiQL sends by itself when the headers change.
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && !(r.request().postData() ?? '').includes('IntrospectionQuery'),
      { timeout: 30_000 },
    );
    await page.click('.graphiql-execute-button');
    const response = await answered;
    const body = await response.json();
    // Let the result pane render before the screenshot.
    await page.waitForFunction(() => {
      const models = (globalThis as any).__MONACO.editor.getModels() as { uri: { toString(): string }; getValue(): string }[];
      return models.find((m) => m.uri.toString().endsWith('-response.json'))!.getValue().length > 2;
    });
    return body;
  }

  it('master-user creates a role with DLS, FLS and a mask, a user, and a mapping', async () => {
    const body = await run(SETUP, { Authorization: basic(MASTER) });
    expect(body.errors).toBeUndefined();
    expect(body.data.putRole.changed).toBe(true);
    expect(body.data.putInternalUser.changed).toBe(true);
    expect(body.data.putRoleMapping.changed).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/admin-graphiql-1-setup.png` });
  }, 60_000);

  it('the new user sees only what the role allows: no actors, masked titles, recent movies, no Mutation', async () => {
    const body = await run(AS_USER, { Authorization: basic('browser-user:browser-password') });
    expect(body.errors).toBeUndefined();
    const fields = body.data.movie.fields.map((f: { name: string }) => f.name);
    expect(fields).toContain('title');
    expect(fields).not.toContain('actors');
    // No admin mutations: only saving searches in the user's own private tenant.
    expect(body.data.mutation.mutationType.fields.map((f: { name: string }) => f.name)).toEqual(['saveSearch', 'deleteSavedSearch']);
    const hits = body.data.movies.hits as { document: { title: string; year: number } }[];
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.document.year).toBeGreaterThanOrEqual(2015);
      expect(h.document.title).toMatch(/^[0-9a-f]{64}$/);
    }
    const master = await gw.gql(`{ movies(first: 1) { total } }`, { auth: MASTER });
    expect(body.data.movies.total).toBeLessThan(master.body.data.movies.total);
    await page.screenshot({ path: `${ARTIFACTS}/admin-graphiql-2-as-user.png` });
  }, 60_000);

  it('no request left the gateway', () => {
    expect(outside).toEqual([]);
  });
});
