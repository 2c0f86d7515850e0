import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalSession, type TestApp } from '../../test/app.js';
import { loadAxe, seriousViolations, type Violation } from '../../test/axe.js';
import { type BrowserApp, startBrowserApp } from '../../test/browser.js';

/**
 * axe-core over every route of the web app, in the light and the dark theme: no critical and no
 * serious violation anywhere (WCAG 2.1 A/AA rules and axe's best practices). axe is loaded from
 * node_modules into the page, never from a CDN.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let app: BrowserApp;
let axeSource: string;
const routes: { name: string; path: string; then?: (page: Page) => Promise<void> }[] = [];

beforeAll(async () => {
  app = await startBrowserApp({ mode: 'personal' });
  ({ t, browser, baseUrl } = app);
  axeSource = await loadAxe();

  // Data behind the routes that show one thing: a plan, an assessment, a mock and its interviewer link.
  const headers = await personalSession(t.app);
  const send = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await t.app.inject({ method, url, payload, headers });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await send('PUT', '/v1/plan', { levels: ['junior', 'mid'], hoursPerWeek: 5, timeZone: 'UTC' });
  const assessment = await send('POST', '/v1/assessments', { labs: ['lru-cache', 'top-n-per-group'] });
  const mock = await send('POST', '/v1/mocks', { levels: ['mid'], stages: ['onsite'] });
  const share = await send('POST', `/v1/mocks/${mock.id}/share`, {});

  routes.push(
    { name: 'home', path: '/' },
    { name: 'areas', path: '/areas' },
    { name: 'questions', path: '/questions?q=cache' },
    { name: 'question', path: '/questions/lru-cache', then: (page) => clickAll(page, ['Show hint', 'Reveal answer']) },
    { name: 'levels', path: '/levels' },
    { name: 'stages', path: '/stages' },
    { name: 'sign-in', path: '/sign-in' },
    { name: 'sign-up', path: '/sign-up' },
    { name: 'reset-password', path: '/reset-password' },
    { name: 'account', path: '/account' },
    { name: 'plan', path: '/plan' },
    { name: 'drill', path: '/drill' },
    { name: 'progress', path: '/progress' },
    { name: 'labs', path: '/labs' },
    { name: 'lab', path: '/labs/lru-cache' },
    { name: 'sql-lab', path: '/labs/top-n-per-group' },
    { name: 'assessments', path: '/assessments' },
    { name: 'assessment', path: `/assessments/${assessment.id}` },
    { name: 'mocks', path: '/mocks' },
    {
      name: 'mock',
      path: `/mocks/${mock.id}`,
      // Begun (the first theme's visit begins it), with a box drawn in the diagram.
      then: async (page) => {
        const begin = page.getByRole('button', { name: /^Begin: start the/ });
        if (await begin.count()) await begin.click();
        await clickAll(page, ['Add box']);
        await page.keyboard.press('Control+A');
        await page.keyboard.type('Orders API');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByRole('button', { name: /Orders API$/ }).count()).toBeGreaterThan(0);
      },
    },
    { name: 'interview', path: new URL(share.url, baseUrl).pathname },
    { name: 'admin', path: '/admin' },
    { name: 'not-found', path: '/no-such-page' },
  );
}, 180_000);
afterAll(async () => app?.close());

async function clickAll(page: Page, names: (string | RegExp)[]): Promise<void> {
  for (const name of names) {
    const button = page.getByRole('button', { name });
    await expect.poll(() => button.count()).toBe(1);
    await button.click();
  }
}

/** Waits until the page has rendered its main content (no loading message left). */
async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.locator('main h1, main h2').count()).toBeGreaterThan(0);
  await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
  await page.waitForTimeout(300);
}

describe('accessibility (axe-core)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`every route has no critical or serious violation in the ${theme} theme`, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, colorScheme: theme });
      const page = await context.newPage();
      const found: Record<string, Violation[]> = {};
      for (const route of routes) {
        await page.goto(`${baseUrl}${route.path}`);
        await settle(page);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        if (route.then) {
          await route.then(page);
          await settle(page);
        }
        const violations = await seriousViolations(page, axeSource);
        if (violations.length) found[route.name] = violations;
      }
      expect(found).toEqual({});
      await context.close();
    }, 300_000);
  }

  it('/docs has no critical violation', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs`);
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(10);
    const critical = (await seriousViolations(page, axeSource)).filter((v) => v.impact === 'critical');
    expect(critical).toEqual([]);
    await page.close();
  });
});
