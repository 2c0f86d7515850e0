import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalSession } from '../../test/app.js';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';
import { generatedQuestions } from '../../test/content-fixture.js';
import { llmFor, type LlmServer, startLlmServer } from '../../test/llm-server.js';

let app: BrowserApp;
let server: LlmServer;
const HEARD =
  'Um, the main point is the key idea, like, you know, the trade-off between speed and safety, um, and why it matters.';

beforeAll(async () => {
  server = await startLlmServer(() => ({
    content: JSON.stringify({
      points: [{ id: 'main-point', status: 'covered', quote: 'the main point is the key idea' }],
      misconceptions: [],
      verdict: 'partial',
    }),
  }));
  app = await startBrowserApp({
    questions: generatedQuestions(4),
    llm: llmFor(server, { transcribeModel: 'whisper-test' }),
    // Chromium's fake microphone (a beep) stands in for a person; the prompt to allow it is skipped.
    browserArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });
  const headers = await personalSession(app.t.app);
  const plan = await app.t.app.inject({
    method: 'PUT',
    url: '/v1/plan',
    headers,
    payload: { levels: ['junior'], hoursPerWeek: 5, stack: ['nodejs'], timeZone: 'UTC' },
  });
  expect(plan.statusCode, plan.body).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await server?.close();
});

describe('answering a drill out loud', () => {
  it('records from the microphone, gets the transcript graded, and shows words per minute and fillers', async () => {
    server.scriptTranscription({ text: HEARD });
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/drill`);
    await page.getByLabel('Say it out loud').check();
    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByRole('button', { name: /Stop recording/ }).waitFor();
    await page.waitForTimeout(1_500);
    await page.getByRole('button', { name: /Stop recording/ }).click();
    // The recorder hands over its audio asynchronously after Stop (MediaRecorder's last dataavailable).
    await page.getByLabel('Your recording').waitFor();
    await page.getByRole('button', { name: 'Transcribe and grade' }).click();

    await page.getByTestId('answer-feedback').waitFor();
    expect(await page.getByTestId('transcript').count()).toBe(0); // the card moved on to its result
    expect(await page.getByTestId('words-per-minute').textContent()).toMatch(
      /^\d+ words a minute \((slow|good|fast)\)$/,
    );
    expect(await page.getByTestId('fillers').textContent()).toMatch(/“um” ×2/);
    expect(await page.getByTestId('fillers').textContent()).toMatch(/“like” ×1/);
    await page.getByTestId('ai-review').waitFor();
    await screenshot(page, 'drill-spoken-answer');

    // The upload was real audio from the browser, and nothing was kept on the server.
    expect(server.transcriptions).toHaveLength(1);
    expect(server.transcriptions[0]!.file).toMatchObject({ type: expect.stringMatching(/^audio\//) });
    expect(server.transcriptions[0]!.file!.bytes).toBeGreaterThan(0);
    const headers = await personalSession(app.t.app);
    expect((await app.t.app.inject({ url: '/v1/speech/recordings', headers })).json()).toEqual([]);
    // The transcript is what was graded.
    const graded = server.requests.find((r) => r.body.messages.some((m) => m.content.includes(HEARD)));
    expect(graded).toBeDefined();
    await context.close();
  });
});

describe('answering out loud after opting out of the AI layer', () => {
  it('offers the recording for playback only, uploads nothing unless kept, and never sends it to the provider', async () => {
    const headers = await personalSession(app.t.app);
    const optOut = await app.t.app.inject({
      method: 'PUT',
      url: '/v1/ai/consent',
      headers,
      payload: { choice: 'declined' },
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    const transcribed = server.transcriptions.length;
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/drill`);
    await page.getByLabel('Say it out loud').check();
    const recorder = page.getByTestId('spoken-answer');
    expect(await recorder.textContent()).toMatch(/Recordings stay in this browser for you to play back/);
    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByRole('button', { name: /Stop recording/ }).waitFor();
    await page.waitForTimeout(1_000);
    await page.getByRole('button', { name: /Stop recording/ }).click();
    await page.getByLabel('Your recording').waitFor();
    expect(await page.getByRole('button', { name: 'Transcribe and grade' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Keep on the server' }).count()).toBe(0);

    // Kept only by the user's choice: the recording is stored, and still not transcribed.
    await page.getByLabel('Keep this recording on the server').check();
    await page.getByRole('button', { name: 'Keep on the server' }).click();
    await expect.poll(() => recorder.textContent()).toMatch(/Kept on the server/);
    const kept = (await app.t.app.inject({ url: '/v1/speech/recordings', headers })).json();
    expect(kept).toEqual([expect.objectContaining({ transcript: null })]);
    expect(server.transcriptions).toHaveLength(transcribed);
    await context.close();
  });
});
