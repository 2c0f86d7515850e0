import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalSession, signUp } from '../../test/app.js';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';
import { generatedQuestions } from '../../test/content-fixture.js';
import { answerInPrompt, llmFor, type LlmServer, startLlmServer } from '../../test/llm-server.js';

let app: BrowserApp;
let server: LlmServer;
const PLAN = {
  levels: ['junior'],
  interviewDate: null,
  hoursPerWeek: 5,
  stack: ['nodejs'],
  desiredRetention: 0.9,
  timeZone: 'UTC',
  dayStartHour: 4,
};

/** The app in Chromium with an AI layer whose model calls every answer strong, citing its first words and one invented sentence. */
async function startAiApp(mode: 'personal' | 'hosted') {
  const llm = await startLlmServer((request) => {
    const answer = answerInPrompt(request);
    return {
      content: JSON.stringify({
        points: [{ id: 'main-point', status: 'covered', quote: answer.split(' ').slice(0, 4).join(' ') }],
        misconceptions: [{ claim: 'Invented.', correction: 'Not said.', quote: 'a sentence nobody wrote' }],
        verdict: 'strong',
      }),
    };
  });
  const browserApp = await startBrowserApp({
    mode,
    questions: generatedQuestions(4),
    llm: llmFor(llm),
  });
  return { llm, browserApp };
}

async function savePlan(t: BrowserApp['t'], headers: Record<string, string>) {
  const plan = await t.app.inject({ method: 'PUT', url: '/v1/plan', headers, payload: PLAN });
  expect(plan.statusCode, plan.body).toBe(200);
}

beforeAll(async () => {
  ({ llm: server, browserApp: app } = await startAiApp('personal'));
  await savePlan(app.t, await personalSession(app.t.app));
});
afterAll(async () => {
  await app?.close();
  await server?.close();
});

describe('AI review on the drill page', () => {
  it('shows the AI review beside the offline feedback, with only the quotes that are in the answer', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.baseUrl}/drill`);
    await page.getByLabel('Your answer').fill('Honestly no idea about this one, sorry.');
    await page.getByRole('button', { name: /Check my answer/ }).click();
    const review = page.getByTestId('ai-review');
    await expect.poll(() => review.count()).toBe(1);
    expect(await page.getByTestId('answer-feedback').count()).toBe(1);
    expect(await page.getByTestId('verdict').textContent()).not.toBe('strong');
    // The model said strong with one real quote and one invented wrong claim: the invented one is dropped.
    expect(await review.textContent()).toContain('you said: “Honestly no idea about”');
    expect(await review.textContent()).toContain('1 quote was not in your answer and was dropped.');
    expect(await review.textContent()).not.toContain('a sentence nobody wrote');
    expect(await page.getByTestId('verdict').textContent()).toBe('weak');
    expect(await page.getByTestId('ai-verdict').textContent()).toBe('strong');
    expect(await page.getByTestId('ai-disagrees').textContent()).toMatch(
      /the offline judge says weak, the AI says strong/,
    );
    await screenshot(page, 'drill-ai-review');
    expect(server.requests).toHaveLength(1);
    await page.close();
  });

  it('stops sending answers once you opt out under Account', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.baseUrl}/account`);
    const settings = page.getByTestId('ai-settings');
    await expect.poll(() => settings.count()).toBe(1);
    expect(await settings.textContent()).toContain(`at ${new URL(server.url).host}`);
    await page.getByRole('button', { name: 'Opt out of AI review' }).click();
    await expect.poll(() => settings.textContent()).toMatch(/You opted out: nothing of yours is sent/);
    const before = server.requests.length;
    await page.goto(`${app.baseUrl}/drill`);
    await page.getByLabel('Your answer').fill('A different answer about the main point.');
    await page.getByRole('button', { name: /Check my answer/ }).click();
    await expect.poll(() => page.getByTestId('answer-feedback').count()).toBe(1);
    expect(await page.getByTestId('ai-review').count()).toBe(0);
    expect(server.requests).toHaveLength(before);
    await page.close();
  });
});

describe('AI review in hosted mode', () => {
  let hosted: BrowserApp;
  let llm: LlmServer;
  beforeAll(async () => {
    ({ llm, browserApp: hosted } = await startAiApp('hosted'));
  });
  afterAll(async () => {
    await hosted?.close();
    await llm?.close();
  });

  it('is off until the admin switches it on, then asks each user before their first answer is sent', async () => {
    const admin = await signUp(hosted.t.app, 'admin@example.com');
    const user = await signUp(hosted.t.app, 'user@example.com');
    await savePlan(hosted.t, user.headers);
    const pageOf = async (cookie: string) => {
      const page = await hosted.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const [name, value] = cookie.split('=') as [string, string];
      await page.context().addCookies([{ name, value, url: hosted.baseUrl }]);
      return page;
    };

    const adminPage = await pageOf(admin.headers.cookie);
    await adminPage.goto(`${hosted.baseUrl}/admin`);
    const aiSwitch = adminPage.getByTestId('ai-switch');
    await expect.poll(() => aiSwitch.textContent()).toMatch(/Off: nothing is sent/);
    await adminPage.getByRole('button', { name: 'Turn AI review on' }).click();
    await expect.poll(() => aiSwitch.textContent()).toMatch(/On: each user is asked/);

    const page = await pageOf(user.headers.cookie);
    await page.goto(`${hosted.baseUrl}/drill`);
    await page.getByLabel('Your answer').fill('Honestly no idea about this one, sorry.');
    await page.getByRole('button', { name: /Check my answer/ }).click();
    const notice = page.getByTestId('ai-consent');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain(new URL(llm.url).host);
    expect(llm.requests).toHaveLength(0);
    await screenshot(page, 'drill-ai-consent');
    await page.getByRole('button', { name: 'Send my answers for AI review' }).click();
    await expect.poll(() => page.getByTestId('ai-verdict').count()).toBe(1);
    expect(llm.requests).toHaveLength(1);
    await page.close();
    await adminPage.close();
  });
});
