import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';

let browser: Browser;
let baseUrl: string;
let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp({ mode: 'hosted' });
  ({ browser, baseUrl } = app);
});
afterAll(async () => app?.close());

const PASSWORD = 'copper meadow lantern drift';

async function signInAs(page: Page, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('accounts in hosted mode, in Chromium', () => {
  it('signs up, sees the account, signs out, and signs back in', async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Ada');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('password12345');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/common|guess/);

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Account', exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await expect.poll(() => page.getByText('Ada · ada@example.com').count()).toBe(1);
    await screenshot(page, 'account-page');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/sign-in$/);
    expect(await page.getByRole('link', { name: 'Account', exact: true }).count()).toBe(0);

    await signInAs(page, 'ada@example.com', 'not my password at all');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The email or password is incorrect.');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Account', exact: true }).count()).toBe(1);
    await page.close();
  });

  it('creates an API token, shows it once, uses it, and revokes it', async () => {
    const page = await browser.newPage();
    await signInAs(page, 'ada@example.com', PASSWORD);
    await expect.poll(() => page.getByRole('link', { name: 'Account', exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByLabel('Token name').fill('laptop CLI');
    await page.getByLabel('Scope').selectOption('read');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByTestId('new-token').textContent();
    expect(token).toMatch(/^onsite_pat_/);
    await expect.poll(() => page.getByRole('cell', { name: 'laptop CLI', exact: true }).count()).toBe(1);
    await screenshot(page, 'token-created');

    const me = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me.json()).email).toBe('ada@example.com');

    await page.reload();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke laptop CLI' }).click();
    await expect.poll(() => page.getByText('No tokens yet.').count()).toBe(1);
    expect((await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await page.close();
  });

  it('lets the first user, an admin, read the audit log', async () => {
    const page = await browser.newPage();
    await signInAs(page, 'ada@example.com', PASSWORD);
    await expect.poll(() => page.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'auth.sign_in_failed' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'token.revoked' }).count()).toBe(1);
    await page.close();
  });
});
