import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedQuestions } from '../../test/content-fixture.js';
import type { TestApp } from '../../test/app.js';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp({ mode: 'personal', questions: generatedQuestions(12) }, (app) => {
    app.clock.now = new Date('2026-03-02T20:00:00Z');
  });
  ({ t, browser, baseUrl } = app);
});
afterAll(async () => app?.close());

describe('drilling in Chromium', () => {
  it('onboards, drills twenty cards typed and aloud, returns tomorrow to due reviews, and sees progress', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Pacific/Honolulu',
    });
    const page = await context.newPage();

    // Onboarding: the drill sends a new user to set up a plan.
    await page.goto(`${baseUrl}/drill`);
    await page.waitForURL(/\/plan$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Set up your study plan' }).count()).toBe(1);
    await page.getByLabel('Mid-level').check();
    await page.getByLabel('Hours per week').fill('21');
    await page.getByLabel('Node.js').check();
    await page.getByRole('button', { name: 'Create my plan' }).click();
    await expect
      .poll(() => page.getByTestId('plan-status').textContent())
      .toMatch(/No interview date set: 36 new questions a day/);
    await screenshot(page, 'plan');
    await page.getByRole('link', { name: 'Start today’s drill' }).click();
    await page.waitForURL(/\/drill$/);

    for (let i = 0; i < 20; i++) {
      const question = page.locator('#drill-question');
      await expect.poll(() => question.count()).toBe(1);
      const text = await question.textContent();
      if (i % 2 === 0) {
        await page
          .getByLabel('Your answer')
          .fill(
            i % 4 === 0
              ? 'The main point is the key idea, stated plainly.'
              : i === 2
                ? 'Honestly the main point is irrelevant here.'
                : 'I would talk about cooking pasta instead.',
          );
        await page.getByRole('button', { name: /Check my answer/ }).click();
        const feedback = page.getByTestId('answer-feedback');
        await expect
          .poll(() => feedback.getByRole('heading').textContent())
          .toMatch(
            i % 4 === 0 ? /^(strong|partial) · 1 of 1 key points \(100%\)/ : /^(weak|off-topic) · 0 of 1 key points/,
          );
        expect(await feedback.getByRole('list', { name: 'Why this verdict' }).textContent()).not.toBe('');
        if (i === 2) {
          // A wrong claim is shown with its correction, and its words are marked as wrong, not as evidence.
          expect(await feedback.getByTestId('misconceptions').textContent()).toContain(
            'The main point is what the interviewer listens for first.',
          );
          expect(await page.getByTestId('highlighted-answer').locator('mark.wrong').count()).toBeGreaterThan(0);
          await screenshot(page, 'drill-feedback-wrong-claim');
        }
        if (i === 0) {
          expect(await page.getByTestId('highlighted-answer').locator('mark').allTextContents()).toEqual([
            'main',
            'point',
          ]);
          await screenshot(page, 'drill-feedback');
        }
        const suggested = page.locator('button.rating[aria-pressed="true"]');
        if (i % 4 === 0) expect(await suggested.textContent()).not.toContain('Again');
        else expect(await suggested.textContent()).toContain('Again');
        await page.keyboard.press('Enter');
      } else {
        await page.getByLabel('Say it out loud').check();
        await page.locator('body').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('Space');
        await expect.poll(() => page.getByRole('heading', { name: 'Model answer' }).count()).toBe(1);
        await page.keyboard.press('4');
      }
      await expect.poll(() => question.textContent().catch(() => null)).not.toBe(text);
    }

    // Tomorrow: the "Again" answers are due; progress shows yesterday's work.
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    await page.goto(`${baseUrl}/drill`);
    await expect
      .poll(() => page.getByTestId('queue-status').textContent())
      .toMatch(/2026-03-03 · .* · ([5-9]|\d\d) due reviews/);
    expect(await page.getByText('Review', { exact: true }).count()).toBe(1);

    await page.getByRole('link', { name: 'Progress' }).click();
    await expect.poll(() => page.getByTestId('total-reviews').textContent()).toBe('20');
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    // Readiness is a table of figures: the studied areas are above zero.
    const readiness = await page.getByTestId('readiness').locator('tbody td .meter-value').allTextContents();
    expect(readiness.some((value) => value !== '0%')).toBe(true);
    expect(await page.getByTestId('streak').textContent()).toBe('1 day');
    await screenshot(page, 'progress');
    await context.close();
  });
});
