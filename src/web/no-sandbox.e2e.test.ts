import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalSession, type TestApp } from '../../test/app.js';
import { loadAxe, seriousViolations } from '../../test/axe.js';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';

/**
 * The web app on a server that cannot grade labs: SANDBOX_BWRAP pointing at a missing binary is
 * what a machine without bubblewrap looks like to the server.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let app: BrowserApp;
let axeSource: string;

beforeAll(async () => {
  app = await startBrowserApp({ mode: 'personal', sandboxBwrap: '/nonexistent/bwrap' });
  ({ t, browser, baseUrl } = app);
  axeSource = await loadAxe();
});
afterAll(async () => app?.close());

const banner = (page: Page) => page.getByTestId('grading-unavailable');

async function expectBanner(page: Page): Promise<void> {
  await expect.poll(() => banner(page).count()).toBe(1);
  const text = await banner(page).innerText();
  expect(text).toContain('Labs cannot be graded on this server');
  expect(text).toContain('/nonexistent/bwrap is missing');
  expect(text).toContain('sudo apt-get install bubblewrap util-linux');
  expect(text).toContain('Concept drills');
}

describe('labs on a server without bubblewrap, in Chromium', () => {
  it('a lab page says what is missing and what to install, and Run and Submit are off with the reason', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/labs/lru-cache`);
    await expectBanner(page);
    for (const name of ['Run examples', 'Submit']) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.isDisabled()).toBe(true);
      // The reason is the button's description, so a screen reader hears it on the button too.
      const describedBy = await button.getAttribute('aria-describedby');
      expect(await page.locator(`#${describedBy}`).innerText()).toMatch(/labs cannot be graded on this server/);
    }
    // Ctrl+Enter in the editor runs nothing either: no submission is attempted.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(300);
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'lab-no-sandbox');
    await page.close();
  });

  it('the assessments page explains and cannot start a countdown', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/assessments`);
    await expectBanner(page);
    const start = page.getByRole('button', { name: 'Start the countdown' });
    expect(await start.isDisabled()).toBe(true);
    expect(await page.locator('#start-off-reason').innerText()).toMatch(/labs cannot be graded/);
    await page.close();
  });

  it('a mock interview says up front that its coding stages cannot be graded and skips the online assessment', async () => {
    const headers = await personalSession(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/mocks',
      headers,
      payload: { levels: ['mid'], stages: ['online-assessment', 'behavioural'] },
    });
    const mock = created.json() as { id: string };
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/mocks/${mock.id}`);
    await expectBanner(page);
    expect(await banner(page).innerText()).toContain('the online assessment (timed labs) is skipped');
    expect(await page.getByRole('button', { name: /^Begin/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Skip this stage' }).click();
    await expect.poll(() => page.locator('#stage-heading').textContent()).toBe('Behavioural interview');
    expect(await page.getByRole('list', { name: 'Stages' }).innerText()).toMatch(/Online assessment\s*· skipped/);
    // No coding stage is left, so the notice goes; the behavioural stage begins as usual.
    expect(await banner(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Begin: start the/ }).isEnabled()).toBe(true);
    await page.close();
  });

  it('the notice passes axe-core (no critical or serious violation) in both themes', async () => {
    const headers = await personalSession(t.app);
    const mock = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/mocks',
        headers,
        payload: { levels: ['mid'], stages: ['technical'] },
      })
    ).json() as { id: string };
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const found: Record<string, unknown> = {};
      for (const path of ['/labs/lru-cache', '/assessments', '/mocks', `/mocks/${mock.id}`]) {
        await page.goto(`${baseUrl}${path}`);
        await expectBanner(page);
        const violations = await seriousViolations(page, axeSource);
        if (violations.length) found[path] = violations;
      }
      expect(found).toEqual({});
      await context.close();
    }
  });
});
