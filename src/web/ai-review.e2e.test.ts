import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalSession } from '../../test/app.js';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';
import { generatedQuestions } from '../../test/content-fixture.js';
import { answerInPrompt, type LlmServer, startLlmServer } from '../../test/llm-server.js';
import { createLlmClient } from '../server/ai/client.js';

let app: BrowserApp;
let server: LlmServer;
const silent = { info: () => {}, warn: () => {} };

beforeAll(async () => {
  // A model that calls every answer strong, citing its first words and one invented sentence.
  server = await startLlmServer((request) => {
    const answer = answerInPrompt(request);
    return {
      content: JSON.stringify({
        points: [{ id: 'main-point', status: 'covered', quote: answer.split(' ').slice(0, 4).join(' ') }],
        misconceptions: [{ claim: 'Invented.', correction: 'Not said.', quote: 'a sentence nobody wrote' }],
        verdict: 'strong',
      }),
    };
  });
  const config = { url: server.url, model: 'test-model', apiKey: undefined, dailyTokens: 100_000, timeoutMs: 5_000 };
  app = await startBrowserApp({
    mode: 'personal',
    questions: generatedQuestions(4),
    llm: { config, client: createLlmClient(config, silent) },
  });
  const headers = await personalSession(app.t.app);
  const plan = await app.t.app.inject({
    method: 'PUT',
    url: '/v1/plan',
    headers,
    payload: {
      levels: ['junior'],
      interviewDate: null,
      hoursPerWeek: 5,
      stack: ['nodejs'],
      desiredRetention: 0.9,
      timeZone: 'UTC',
      dayStartHour: 4,
    },
  });
  expect(plan.statusCode, plan.body).toBe(200);
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
    const offline = await page.getByTestId('verdict').textContent();
    const ai = await page.getByTestId('ai-verdict').textContent();
    if (offline !== ai) expect(await page.getByTestId('ai-disagrees').textContent()).toMatch(/disagree/);
    await screenshot(page, 'drill-ai-review');
    expect(server.requests).toHaveLength(1);
    await page.close();
  });
});
