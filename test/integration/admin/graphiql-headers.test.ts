import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { LIMITED, MASTER, startAdminGateway, type AdminGateway } from './support.js';

/**
 * GraphiQL and credentials (issue 15, item 9): the schema is per caller, so setting the Authorization header
 * must make GraphiQL introspect again with it — no "Re-fetch schema" click — and the header must not be kept
 * in localStorage. Debian's chromium only; skipped when it is not installed.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`[searchgate tests] GraphiQL headers browser test skipped: ${CHROMIUM} is not installed`);
const basic = (auth: string) => `Basic ${Buffer.from(auth, 'utf8').toString('base64')}`;

describe.skipIf(!hasChromium)('GraphiQL: headers and the schema (embedded)', () => {
  let gw: AdminGateway;
  let browser: Browser;
  let page: Page;
  const introspections: (string | undefined)[] = [];

  beforeAll(async () => {
    gw = await startAdminGateway('embedded');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await (await browser.newContext()).newPage();
    page.on('request', (r: Request) => {
      if (r.method() === 'POST' && r.url().endsWith('/graphql') && /__schema/.test(r.postData() ?? '')) introspections.push(r.headers().authorization);
    });
    await page.goto(`${gw.url}/graphql`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 60_000 });
    await page.waitForFunction(() => (globalThis as any).__MONACO?.editor.getModels().some((m: any) => m.uri.toString().endsWith('request-headers.json')));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  const setHeaders = (text: string) =>
    page.evaluate((h) => {
      const models = (globalThis as any).__MONACO.editor.getModels() as { uri: { toString(): string }; setValue(v: string): void }[];
      models.find((m) => m.uri.toString().endsWith('request-headers.json'))!.setValue(h);
    }, text);
  /** Whether an introspection with `auth` was sent (waiting up to 20 s), and then let its answer arrive. */
  const introspectedAs = async (auth: string) => {
    const end = Date.now() + 20_000;
    while (Date.now() < end) {
      if (introspections.includes(auth)) {
        await page.waitForLoadState('networkidle');
        return true;
      }
      await page.waitForTimeout(100);
    }
    return false;
  };

  it('introspects again, with the new credentials, when the headers change', async () => {
    expect(introspections.every((a) => a === undefined)).toBe(true);
    await setHeaders(JSON.stringify({ Authorization: basic(LIMITED) }));
    expect(await introspectedAs(basic(LIMITED))).toBe(true);
    await setHeaders(JSON.stringify({ Authorization: basic(MASTER) }, null, 2));
    expect(await introspectedAs(basic(MASTER))).toBe(true);
  }, 60_000);

  it('does not refetch for half-typed JSON or an unchanged header set', async () => {
    const before = introspections.length;
    await setHeaders('{"Authorization": "Basic ');
    await setHeaders(JSON.stringify({ Authorization: basic(MASTER) }));
    await page.waitForTimeout(1500);
    expect(introspections.length).toBe(before);
  }, 30_000);

  it('keeps no credentials in localStorage', async () => {
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    // GraphiQL did store its tabs (so the check reads the right place), but without their headers.
    expect(stored).toContain('graphiql:tabState');
    expect(JSON.parse(JSON.parse(stored)['graphiql:tabState']).tabs.map((t: { headers: unknown }) => t.headers)).toEqual([null]);
    expect(stored).not.toContain(basic(MASTER).slice(6));
    expect(stored).not.toContain(basic(LIMITED).slice(6));
  });
});
