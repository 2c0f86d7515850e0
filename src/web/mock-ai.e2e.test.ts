import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';
import {
  answerInPrompt,
  type LlmServer,
  llmFor,
  schemaOf,
  startLlmServer,
  turnsInPrompt,
} from '../../test/llm-server.js';

let app: BrowserApp;
let server: LlmServer;

const ANSWER = "I would shard by user id, so each shard holds one user's rows.";
const REPLY_1 = "A celebrity's followers would all land on one hot shard, so I would split hot keys.";
const REPLY_2 = 'Ten sub-keys per hot key, merged on read.';
const SPOKEN = "Um, I would shard by user id, so, like, each shard holds one user's rows and their timeline.";
const SCREEN = 'I want to work on distributed systems: last year I rebuilt our order pipeline, and I enjoyed it.';

/**
 * A model that reviews every answer as partial, covering the rubric's first point with the answer's
 * first words, and asks follow-ups that quote the candidate's latest turn.
 */
beforeAll(async () => {
  server = await startLlmServer((request) => {
    if (schemaOf(request) === 'answer_review') {
      const answer = answerInPrompt(request);
      const firstPoint = /- \[([\w-]+)\]/.exec(request.messages[1]!.content)![1];
      return {
        content: JSON.stringify({
          points: [{ id: firstPoint, status: 'partly', quote: answer.split(' ').slice(0, 5).join(' ') }],
          misconceptions: [],
          verdict: 'partial',
        }),
      };
    }
    const turns = turnsInPrompt(request);
    const quote = turns.has(4) ? 'one hot shard' : 'shard by user id';
    return {
      content: JSON.stringify({
        quote,
        turn: turns.has(4) ? 4 : 2,
        pointId: 'main-point',
        question: `You said “${quote}” — what breaks first when one user is a celebrity?`,
      }),
    };
  });
  app = await startBrowserApp({
    mode: 'personal',
    llm: llmFor(server, { transcribeModel: 'whisper-test' }),
    // Chromium's fake microphone (a beep) stands in for a person speaking; the prompt to allow it is skipped.
    browserArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });
  // Loading the content's labs and starting Chromium takes minutes on a machine shared by many runs.
}, 300_000);
afterAll(async () => {
  await app?.close();
  await server?.close();
});

/** A new page on a mid-level mock of one stage, begun, with its first item. */
async function beginStage(stage: 'technical' | 'recruiter-screen'): Promise<{ page: Page; first: Locator }> {
  const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${app.baseUrl}/mocks?stage=${stage}`);
  await page.getByLabel('Mid-level').check();
  await page.getByRole('button', { name: 'Start these stages' }).click();
  await page.waitForURL(/\/mocks\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: /^Begin: start the/ }).click();
  return { page, first: page.locator('.mock-item').first() };
}

/**
 * Answers the AI interviewer's follow-ups on a concept answer that said "shard by user id":
 * follow-up 1 quotes the answer (turn 2); its answer (turn 4) is quoted by follow-up 2; after the
 * cap of two the conversation ends with the candidate's answer.
 */
async function answerTwoFollowUps(concept: Locator): Promise<void> {
  const questions = concept.getByTestId('follow-up-question');
  await expect.poll(() => questions.count()).toBe(1);
  expect(await questions.first().textContent()).toContain('You said “shard by user id”');
  expect(await concept.getByTestId('follow-up-quote').first().textContent()).toBe(
    'Quoting your turn 2: “shard by user id”',
  );
  await concept.getByLabel('Your answer to turn 3').fill(REPLY_1);
  await concept.getByRole('button', { name: 'Answer the follow-up' }).click();
  await expect.poll(() => questions.count()).toBe(2);
  expect(await questions.nth(1).textContent()).toContain('You said “one hot shard”');
  await concept.getByLabel('Your answer to turn 5').fill(REPLY_2);
  await concept.getByRole('button', { name: 'Answer the follow-up' }).click();
  await expect.poll(() => concept.locator('.turn').count()).toBe(4);
  expect(await concept.getByRole('button', { name: 'Answer the follow-up' }).count()).toBe(0);
  expect(await concept.locator('.turn-candidate').last().textContent()).toContain(REPLY_2);
}

describe('the AI interviewer in a mock, in Chromium', () => {
  it(
    'runs a technical stage with an AI review and two grounded follow-ups through to the scorecard',
    { timeout: 240_000 },
    async () => {
      const { page, first: concept } = await beginStage('technical');
      await concept.getByLabel('Your answer').fill(ANSWER);
      await concept.getByRole('button', { name: 'Answer', exact: true }).click();
      // The AI review sits beside the offline feedback, and says where they disagree.
      await expect.poll(() => concept.getByTestId('ai-review').count()).toBe(1);
      expect(await concept.getByTestId('answer-feedback').count()).toBe(1);
      expect(await concept.getByTestId('ai-verdict').textContent()).toBe('partial');
      expect(await concept.getByTestId('ai-disagrees').textContent()).toMatch(/the AI says partial/);

      await answerTwoFollowUps(concept);
      await screenshot(page, 'mock-ai-follow-ups');

      // The transcript survives a reload: it is saved with the mock.
      await page.reload();
      await expect.poll(() => page.locator('.mock-item').first().locator('.turn').count()).toBe(4);

      await page.getByRole('button', { name: 'Finish this stage' }).click();
      const scorecard = page.locator('#scorecard-heading');
      await expect.poll(() => scorecard.count()).toBe(1);
      const evidence = page.locator('.evidence');
      await expect
        .poll(() => evidence.allTextContents())
        .toEqual(expect.arrayContaining([expect.stringMatching(/turn 2: “/)]));
      expect((await evidence.allTextContents()).join(' ')).toMatch(/Follow-up \(turn 3\)[\s\S]*turn 4: “/);
      const requests = server.requests.length;
      await page.reload();
      await expect.poll(() => page.locator('#scorecard-heading').count()).toBe(1);
      expect(server.requests).toHaveLength(requests);
      await screenshot(page, 'mock-ai-scorecard');
      await page.close();
    },
  );

  it(
    'takes a concept answer out loud: the transcript is the answer the AI reviews, follows up on and the scorecard cites',
    { timeout: 240_000 },
    async () => {
      server.scriptTranscription({ text: SPOKEN });
      const { page, first: concept } = await beginStage('technical');
      await concept.getByText('Answer out loud instead').click();
      await concept.getByRole('button', { name: 'Start recording' }).click();
      await concept.getByRole('button', { name: /Stop recording/ }).waitFor();
      await page.waitForTimeout(1_500);
      await concept.getByRole('button', { name: /Stop recording/ }).click();
      // The recorder hands over its audio asynchronously after Stop (MediaRecorder's last dataavailable).
      await concept.getByLabel('Your recording').waitFor();
      await concept.getByRole('button', { name: 'Transcribe and grade' }).click();

      // The transcript fills the answer, which is graded offline and reviewed by the AI.
      await expect.poll(() => concept.getByTestId('ai-review').count()).toBe(1);
      expect(await concept.getByLabel('Your answer', { exact: true }).inputValue()).toBe(SPOKEN);
      expect(await concept.getByTestId('answer-feedback').count()).toBe(1);
      expect(await concept.getByTestId('fillers').textContent()).toMatch(/“um” ×1/);
      expect(server.transcriptions).toHaveLength(1);
      expect(server.transcriptions[0]!.file!.bytes).toBeGreaterThan(0);
      const reviewed = server.requests.filter((r) => schemaOf(r.body) === 'answer_review');
      expect(reviewed.map((r) => answerInPrompt(r.body))).toContain(SPOKEN);

      // Two AI follow-ups, the first quoting the spoken answer.
      await answerTwoFollowUps(concept);
      await screenshot(page, 'mock-spoken-follow-ups');

      await page.getByRole('button', { name: 'Finish this stage' }).click();
      await expect.poll(() => page.locator('#scorecard-heading').count()).toBe(1);
      const evidence = page.locator('.evidence');
      await expect
        .poll(async () => (await evidence.allTextContents()).join(' '))
        .toMatch(/turn 2: “Um, I would shard by user id/);
      const cited = (await evidence.allTextContents()).join(' ');
      expect(cited).toMatch(/Follow-up \(turn 3\)[\s\S]*turn 4: “/);
      expect(cited).toMatch(/Follow-up \(turn 5\)[\s\S]*turn 6: “/);
      await screenshot(page, 'mock-spoken-scorecard');
      await page.close();
    },
  );

  it(
    'reviews a recruiter-screen answer against its checklist, beside the offline feedback',
    { timeout: 240_000 },
    async () => {
      const { page, first: screen } = await beginStage('recruiter-screen');
      await screen.getByLabel('Your answer').fill(SCREEN);
      await screen.getByRole('button', { name: 'Get feedback' }).click();
      await expect.poll(() => screen.getByTestId('ai-review').count()).toBe(1);
      expect(await screen.getByTestId('screen-feedback').count()).toBe(1);
      expect(await screen.getByTestId('ai-review').textContent()).toContain('you said: “I want to work on”');
      const reviewed = server.requests.filter((r) => schemaOf(r.body) === 'answer_review');
      expect(reviewed.map((r) => answerInPrompt(r.body))).toContain(SCREEN);
      await screenshot(page, 'mock-screen-ai-review');
      await page.close();
    },
  );
});
