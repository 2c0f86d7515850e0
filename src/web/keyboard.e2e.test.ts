import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalSession, type TestApp } from '../../test/app.js';
import { generatedQuestions } from '../../test/content-fixture.js';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';

/**
 * A drill session, a lab run and submit, and a whole mock stage, done with the keyboard alone:
 * no click, no programmatic focus — only Tab, Shift+Tab, Enter, Space, Escape and typing.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp({ mode: 'personal', questions: generatedQuestions(3) });
  ({ t, browser, baseUrl } = app);
});
afterAll(async () => app?.close());

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const labels = (element as HTMLInputElement | null)?.labels;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      name: (
        element?.getAttribute('aria-label') ??
        (labels?.length ? labels[0]!.textContent : element?.textContent) ??
        ''
      ).trim(),
      id: element?.id ?? '',
      className: typeof element?.className === 'string' ? element.className : '',
    };
  });

/**
 * Presses Tab (or Shift+Tab, `back`) until the focused element matches, failing after `limit`
 * presses: a keyboard trap or an unreachable control fails the test.
 */
async function tabTo(
  page: Page,
  matches: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 80,
  back = false,
) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`Tab never reached the element; focus is on ${JSON.stringify(await focused(page))}`);
}

const byName = (name: string | RegExp) => (f: { name: string }) =>
  typeof name === 'string' ? f.name === name : name.test(f.name);

describe('keyboard only', () => {
  it('completes a drill session', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 850 } });
    await page.goto(`${baseUrl}/plan`);
    await expect.poll(() => page.getByRole('heading', { name: 'Set up your study plan' }).count()).toBe(1);
    await tabTo(page, byName('Junior'));
    await page.keyboard.press('Space');
    expect(await page.getByTestId('levels-choice').textContent()).toBe('Questions for Junior only.');
    await tabTo(page, byName('Create my plan'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('plan-status').count()).toBe(1);
    await tabTo(page, byName('Start today’s drill'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/drill$/);

    for (let card = 0; ; card++) {
      expect(card).toBeLessThan(30);
      const question = page.locator('#drill-question');
      await expect
        .poll(async () => (await question.count()) + (await page.getByText('All done for today').count()))
        .toBe(1);
      if (await page.getByText('All done for today').count()) break;
      const text = await question.textContent();
      // The answer box has focus on arrival; Ctrl+Enter checks; focus moves to the result.
      await expect.poll(async () => (await focused(page)).id).toBe('answer');
      await page.keyboard.type('The main point is the key idea, stated plainly.');
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => page.getByTestId('answer-feedback').count()).toBe(1);
      expect((await focused(page)).name).toBe('Result');
      // Enter accepts the suggested rating (first card); 4 rates Easy, so no card returns today.
      await page.keyboard.press(card === 0 ? 'Enter' : '4');
      await expect.poll(() => question.textContent().catch(() => null)).not.toBe(text);
    }
    await screenshot(page, 'keyboard-drill-done');
    await page.close();
  });

  it('runs and submits a lab', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 850 } });
    await page.goto(`${baseUrl}/labs/lru-cache`);
    await expect.poll(() => page.locator('.cm-content').count()).toBe(1);
    await tabTo(page, (f) => f.className.includes('cm-content'));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(
      await readFile(new URL('../../content/labs/lru-cache/solution.js', import.meta.url), 'utf8'),
    );
    // Escape, then Tab: out of the editor to Run.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Run examples');
    await page.keyboard.press('Enter');
    const verdict = page.locator('#results-heading');
    await expect
      .poll(() => verdict.textContent(), { timeout: 30_000 })
      .toMatch(/^Accepted — all 2 example tests passed/);
    await tabTo(page, byName('Submit'), 5);
    await page.keyboard.press('Enter');
    await expect.poll(() => verdict.textContent(), { timeout: 30_000 }).toMatch(/^Accepted — all 7 tests passed/);
    await page.close();
  });

  it('completes a whole mock stage', async () => {
    const headers = await personalSession(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/mocks',
      headers,
      payload: { levels: ['mid'], stages: ['recruiter-screen'] },
    });
    const mock = res.json() as { id: string };
    const page = await browser.newPage({ viewport: { width: 1366, height: 850 } });
    await page.goto(`${baseUrl}/mocks/${mock.id}`);
    await expect.poll(() => page.locator('#stage-heading').textContent()).toBe('Recruiter screen');
    await tabTo(page, byName(/^Begin: start the/));
    await page.keyboard.press('Enter');
    // Focus lands on the stage, not <body>; every answer is reached and answered in turn.
    await expect.poll(async () => (await focused(page)).id).toBe('stage-heading');
    const items = page.locator('.mock-item');
    const count = await items.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      await tabTo(page, (f) => f.tag === 'textarea');
      await page.keyboard.type(
        'I build payment APIs in Node.js and Postgres at a fintech; I own the ledger service and its on-call. ' +
          'Next I want to work on distributed systems at a larger scale.',
      );
      await tabTo(page, byName('Get feedback'), 5);
      await page.keyboard.press('Enter');
      await expect.poll(() => items.nth(i).getByTestId('screen-feedback').count()).toBe(1);
    }
    // The stage's bar is above its items: back up to Finish.
    await tabTo(page, byName('Finish this stage'), 60, true);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('scorecard-heading');
    await screenshot(page, 'keyboard-mock-stage');
    await page.close();
  });
});
