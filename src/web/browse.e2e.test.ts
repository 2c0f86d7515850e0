import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';

let browser: Browser;
let baseUrl: string;
let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  app = await startBrowserApp();
  ({ browser, baseUrl } = app);
});
afterAll(async () => app?.close());
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterEach(async () => page?.close());

describe('browsing the curriculum in Chromium', () => {
  it('browses by area, then narrows by level', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('backend interview loop');
    await page.getByRole('link', { name: 'Databases & SQL' }).click();
    await page.waitForURL(/\/questions\?area=databases/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('2 questions');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Databases & SQL');
    await page.getByLabel('Level', { exact: true }).selectOption('junior');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('1 question');
    expect(await page.locator('.question-link').allTextContents()).toEqual(['What do the ACID properties guarantee?']);
    await screenshot(page, 'browse-by-area');
  });

  it('searches from the header and from the keyboard shortcut', async () => {
    await page.goto(`${baseUrl}/levels`);
    await expect.poll(() => page.getByRole('heading', { name: 'Signals interviewers look for' }).count()).toBe(3);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('header-q');
    await page.keyboard.type('event loop');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/questions\?q=event\+loop|q=event%20loop/);
    await expect
      .poll(() => page.locator('.question-link').allTextContents())
      .toEqual(['Walk through the phases of the Node.js event loop.']);
    // The page's own box searches as you type, with no button, and keeps the words in the URL.
    await page.getByLabel('Search', { exact: true }).fill('xylophone quasar');
    await expect.poll(() => page.getByText('No questions match').count()).toBe(1);
    expect(page.url()).toMatch(/q=xylophone\+quasar/);
    // A typo is forgiven, and the word it matched is marked in the result.
    await page.getByLabel('Search', { exact: true }).fill('idempotncy');
    await expect
      .poll(() => page.locator('.question-link').allTextContents())
      .toEqual(['Why do payment APIs accept an Idempotency-Key header?']);
    expect(await page.locator('.question-link mark').allTextContents()).toEqual(['Idempotency']);
    // Filters and search combine: a level without that question empties the list at once.
    await page.getByLabel('Level', { exact: true }).selectOption('junior');
    await expect.poll(() => page.getByText('No questions match').count()).toBe(1);
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('idempotncy');
    await screenshot(page, 'search');
  });

  it('opens a question and reveals the hint, then the model answer and rubric', async () => {
    await page.goto(`${baseUrl}/questions?tag=orm`);
    await page.getByRole('link', { name: /N\+1 query problem/ }).click();
    await page.waitForURL(/\/questions\/n-plus-one$/);
    expect(await page.getByText('Think about the trade-offs.').count()).toBe(0);
    expect(await page.getByText('eager loading').count()).toBe(0);

    await page.getByRole('button', { name: 'Show hint' }).click();
    await expect.poll(() => page.getByText('Think about the trade-offs.').count()).toBe(1);
    await page.getByRole('button', { name: 'Reveal answer' }).click();
    await expect.poll(() => page.getByText(/fix with eager loading/).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Key points an interviewer listens for' }).count()).toBe(1);
    expect(await page.getByText('What would you do next?').count()).toBe(1);
    expect(await page.getByText('Forgetting the main point.').count()).toBe(1);
    await screenshot(page, 'question-revealed');
  });

  it('reports a problem with a question', async () => {
    await page.goto(`${baseUrl}/questions/acid`);
    await page.getByRole('button', { name: 'Report a problem with this question' }).click();
    await page.getByLabel('What is wrong?').selectOption('typo');
    await page.getByLabel('Details').fill('“guarantee” is misspelt');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expect.poll(() => page.getByText('your report was recorded').count()).toBe(1);
  });

  it('shows a clear message for a question that does not exist', async () => {
    await page.goto(`${baseUrl}/questions/does-not-exist`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No question with id "does-not-exist"');
  });

  it('works on a phone-sized screen with the dark theme, by keyboard', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
    await phone.goto(`${baseUrl}/stages`);
    await expect.poll(() => phone.getByRole('heading', { name: /Recruiter screen/ }).count()).toBe(1);
    expect(await phone.getByRole('link', { name: 'Levels' }).isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Menu' }).click();
    expect(await phone.getByRole('link', { name: 'Levels' }).isVisible()).toBe(true);

    expect(await phone.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await phone.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await phone.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await phone.reload();
    expect(await phone.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // A keyboard user starts once the page is there: the stages' content replaces "Loading…".
    await expect.poll(() => phone.getByRole('heading', { name: /Recruiter screen/ }).count()).toBe(1);

    const scrollWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);

    await phone.keyboard.press('Tab');
    expect(await phone.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await phone.keyboard.press('Enter');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('main');
    await screenshot(phone, 'phone-dark-stages');
    await phone.close();
  });
});
