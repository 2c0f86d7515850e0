import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/app.js';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ mode: 'hosted' });
});
afterAll(async () => app?.close());

/** Opens the account page of a user signed in through the API, with their session cookie. */
async function accountPage(cookie: string): Promise<Page> {
  const page = await app.browser.newPage();
  const [name, value] = cookie.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: app.baseUrl }]);
  await page.goto(`${app.baseUrl}/account`);
  await expect.poll(() => page.getByRole('heading', { name: 'Import' }).count()).toBe(1);
  return page;
}

describe('importing an export file on the account page, in Chromium', () => {
  it('imports a file chosen in the picker, shows what changed, and explains a wrong file', async () => {
    const { t } = app;
    const alice = await signUp(t.app, 'alice@example.com');
    await t.app.inject({
      method: 'POST',
      url: '/v1/drills/reviews',
      headers: alice.headers,
      payload: { questionId: 'acid', rating: 3, mode: 'spoken', hintUsed: false, durationMs: 20_000 },
    });
    await t.app.inject({ method: 'PATCH', url: '/v1/cards/acid', headers: alice.headers, payload: { note: 'bank' } });
    const exported = (await t.app.inject({ url: '/v1/me/export', headers: alice.headers })).body;

    const bob = await signUp(t.app, 'bob@example.com');
    const page = await accountPage(bob.headers.cookie!);
    const picker = page.getByLabel('Export file (JSON, up to 8 MB)');
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    expect(await importButton.isDisabled()).toBe(true);

    await picker.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"a":') });
    await importButton.click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This file is not JSON');

    await picker.setInputFiles({
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ hello: 'world' })),
    });
    await importButton.click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('file.exportedAt');

    await picker.setInputFiles({
      name: 'onsite-export.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await importButton.click();
    const status = page.getByRole('status').filter({ hasText: 'Imported.' });
    await expect
      .poll(() => status.textContent())
      .toContain('Questions studied (schedule, marks and notes): 1 imported');
    expect(await status.textContent()).toContain('Answers in your history: 1 imported');
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'account-import');

    await importButton.click();
    await expect.poll(() => status.textContent()).toContain('1 already up to date');
    const card = await t.app.inject({ url: '/v1/cards/acid', headers: bob.headers });
    expect(card.json().note).toBe('bank');
    await page.close();
  });
});
