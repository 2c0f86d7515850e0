import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.js';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let app: BrowserApp;

const LABS_DIR = new URL('../../content/labs/', import.meta.url);
const labFile = (slug: string, file: string) => readFile(new URL(`${slug}/${file}`, LABS_DIR), 'utf8');

beforeAll(async () => {
  app = await startBrowserApp({ mode: 'personal' });
  ({ t, browser, baseUrl } = app);
});
afterAll(async () => app?.close());

/** Replaces the visible editor's text as a user would: select all, delete, type (as one input). */
async function setCode(page: Page, code: string): Promise<void> {
  const editor = page.locator('.cm-content:visible');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await expect.poll(() => page.getByTestId('save-state').filter({ visible: true }).textContent()).toBe('Draft saved');
}

const editorText = (page: Page) => page.locator('.cm-content:visible').innerText();
const verdict = (page: Page) => page.locator('#results-heading:visible').textContent();
const GRADED = { timeout: 30_000 };

describe('labs in Chromium', () => {
  it('filters the lab list by area, level and language', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/labs`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ labs · 0 solved/);
    await page.getByLabel('Language', { exact: true }).selectOption('sql');
    await page.waitForURL(/language=sql/);
    const titles = () => page.locator('.question-link').allTextContents();
    await expect.poll(titles).toContain('Top earners per department with window functions');
    expect(await titles()).not.toContain('LRU cache with O(1) operations');
    await page.getByLabel('Language', { exact: true }).selectOption('');
    await page.getByLabel('Area').selectOption('core');
    await page.getByLabel('Level', { exact: true }).selectOption('junior');
    await expect.poll(titles).toContain('LRU cache with O(1) operations');
    expect(await titles()).not.toContain('Top earners per department with window functions');
    await page.close();
  });

  it('solves a lab in JavaScript, TypeScript and Python: failing examples first, then accepted', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${baseUrl}/labs/lru-cache`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('LRU cache with O(1) operations');
    expect(await editorText(page)).toContain('class LRUCache');

    // The starter fails the examples, test by test, with expected and actual values.
    await page.getByRole('button', { name: 'Run examples' }).click();
    await expect.poll(() => verdict(page), GRADED).toMatch(/^0 of \d+ example tests passed/);
    expect(await page.locator('.test-result[data-verdict="wrong_answer"]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Expected' }).count()).toBeGreaterThan(0);
    // Each failed example shows the calls that produced the expected value, not the value alone.
    const failed = page.locator('.test-result[data-verdict="wrong_answer"]', {
      hasText: 'evicts the least recently used key',
    });
    expect(await failed.getByLabel('Input of evicts the least recently used key').textContent()).toContain(
      'cache.put(3, 3);',
    );
    await screenshot(page, 'lab-failing');

    // JavaScript: a wrong solution is rejected on submit, the reference-quality one accepted.
    await setCode(page, await labFile('lru-cache', 'wrong/no-refresh-on-get.js'));
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => verdict(page), GRADED).toMatch(/^\d+ of \d+ tests passed/);
    await setCode(page, await labFile('lru-cache', 'solution.js'));
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => verdict(page), GRADED).toMatch(/^Accepted — all \d+ tests passed/);
    await screenshot(page, 'lab-accepted');

    // History records both attempts; the reference is offered after the pass.
    await expect.poll(() => page.locator('.attempts tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Show the reference solution' }).click();
    await expect
      .poll(() => page.getByLabel('Reference solution in JavaScript').textContent())
      .toContain('class LRUCache');

    // A draft survives a reload.
    await page.reload();
    await expect.poll(() => editorText(page)).toContain('this.entries');

    // TypeScript: a type error is a compile error with its line; then the solution passes.
    await page.getByLabel('Language', { exact: true }).selectOption('typescript');
    await setCode(
      page,
      'export class LRUCache {\n  constructor(capacity: number) {\n    const n: string = capacity;\n  }\n}\n',
    );
    await page.getByRole('button', { name: 'Run examples' }).click();
    await expect.poll(() => verdict(page), GRADED).toBe('Compile error');
    expect(await page.getByRole('list', { name: 'Compiler diagnostics' }).textContent()).toContain('line 3');
    await setCode(page, await labFile('lru-cache', 'solution.ts'));
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => verdict(page), GRADED).toMatch(/^Accepted/);

    // Python, then back to JavaScript: each language kept its own code.
    await page.getByLabel('Language', { exact: true }).selectOption('python');
    expect(await editorText(page)).toContain('def get');
    await setCode(page, await labFile('lru-cache', 'solution.py'));
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => verdict(page), GRADED).toMatch(/^Accepted/);
    await page.getByLabel('Language', { exact: true }).selectOption('javascript');
    expect(await editorText(page)).toContain('this.entries');

    // Reset to starter, then undo it.
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    await expect.poll(() => editorText(page)).not.toContain('this.entries');
    await page.getByRole('button', { name: 'Undo reset' }).click();
    await expect.poll(() => editorText(page)).toContain('this.entries');

    await page.goto(`${baseUrl}/labs?area=core`);
    await expect
      .poll(() =>
        page.locator('.lab-row', { hasText: 'LRU cache with O(1) operations' }).locator('.lab-status').textContent(),
      )
      .toBe('Solved');
    await page.close();
  });

  it('solves a SQL lab on PostgreSQL after a wrong answer', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${baseUrl}/labs/top-n-per-group`);
    await expect.poll(() => page.getByText('Schema and data the tests start from').count()).toBe(1);
    await setCode(page, await labFile('top-n-per-group', 'wrong/global-limit.sql'));
    await page.getByRole('button', { name: 'Run examples' }).click();
    await expect.poll(() => verdict(page), GRADED).toMatch(/^0 of \d+ example tests passed/);
    expect(await page.locator('.test-result[data-verdict="wrong_answer"] .test-detail').first().textContent()).toMatch(
      /Expected.*Your result/s,
    );
    // The reference needs a confirmation before a pass.
    await page.getByRole('button', { name: 'Show the reference solution' }).click();
    expect(await page.getByText('Seeing the answer before you solve it spoils the lab.').count()).toBe(1);
    await page.getByRole('button', { name: 'Keep trying' }).click();

    await setCode(page, await labFile('top-n-per-group', 'solution.sql'));
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => verdict(page), GRADED).toMatch(/^Accepted — all \d+ tests passed/);
    await screenshot(page, 'lab-sql');
    await page.close();
  });

  it('runs a timed assessment: reload mid-way keeps the code, and zero submits the editors', async () => {
    // The server's clock follows real time with an offset the test can jump forward.
    let offset = 0;
    Object.defineProperty(t.clock, 'now', { get: () => new Date(Date.now() + offset), configurable: true });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${baseUrl}/assessments`);
    await page.getByLabel('Level', { exact: true }).selectOption('junior');
    await page.getByLabel('Labs', { exact: true }).selectOption('1');
    await page.getByLabel('Minutes (optional)').fill('2');
    await page.getByRole('button', { name: 'Start the countdown' }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('countdown').textContent()).toMatch(/^(2:00|1:5\d)$/);

    // Write a solution (autosaved), reload: still there, countdown still running.
    const slug = await page
      .getByRole('tab')
      .first()
      .getAttribute('id')
      .then((id) => id!.replace(/^tab-/, ''));
    const lab = JSON.parse(
      (await t.app.inject({ url: `/v1/labs/${slug}`, headers: { 'x-forwarded-for': '127.0.0.1' } })).body,
    ) as { languages: string[] };
    const language = lab.languages[0]!;
    const extension = { javascript: 'js', typescript: 'ts', python: 'py', sql: 'sql' }[language]!;
    await setCode(page, await labFile(slug, `solution.${extension}`));
    await page.reload();
    await expect.poll(() => editorText(page)).toContain((await labFile(slug, `solution.${extension}`)).split('\n')[0]!);
    await screenshot(page, 'assessment-running');

    // Jump to five seconds before the end; the page counts down to zero and submits by itself.
    offset = 115_000;
    await page.reload();
    await expect.poll(() => page.getByTestId('countdown').textContent()).toMatch(/^0:0[0-5]$/);
    await expect
      .poll(() => page.getByTestId('assessment-score').textContent(), { timeout: 40_000 })
      .toBe('Score: 100% — time ran out, so your editors were submitted at zero.');
    expect(await page.locator('.card', { hasText: 'Accepted' }).count()).toBe(1);
    await screenshot(page, 'assessment-results');
    await page.close();
  });
});
