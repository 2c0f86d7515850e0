import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, personalSession, signUp, TEST_PASSWORD, type TestApp } from '../../../test/app.js';
import { llmFor, startLlmServer, type LlmServer } from '../../../test/llm-server.js';
import { MAX_AUDIO_BYTES } from '../../shared/speech.js';

let t: TestApp | undefined;
let server: LlmServer | undefined;
afterEach(async () => {
  await t?.close();
  await server?.close();
  t = undefined;
  server = undefined;
});

/** Bytes standing for a recording: the server stores and forwards them, it never decodes them. */
const AUDIO = Buffer.from('\x1aE\xdf\xa3 fake webm opus audio bytes', 'latin1');
const HEARD =
  'Um, I would combine a hash map with a doubly linked list, like, so get and put are constant time. ' +
  'The map finds the node and the list keeps the order of use, you know, so eviction takes the tail.';

async function setup(options: { transcribeModel?: string; mode?: 'personal' | 'hosted' } = {}) {
  server = await startLlmServer();
  t = await createTestApp({
    mode: options.mode ?? 'personal',
    llm: llmFor(server, { transcribeModel: options.transcribeModel ?? 'whisper-test' }),
  });
  return options.mode === 'hosted'
    ? (await signUp(t.app, 'speaker@example.com')).headers
    : await personalSession(t.app);
}

async function upload(
  headers: Record<string, string>,
  query = 'for=drill&id=lru-cache&durationMs=20000',
  body: Buffer | string = AUDIO,
  contentType = 'audio/webm;codecs=opus',
) {
  return t!.app.inject({
    method: 'POST',
    url: `/v1/speech?${query}`,
    headers: { ...headers, 'content-type': contentType },
    payload: body,
  });
}

describe('a spoken answer with transcription offered', () => {
  it('sends the recording to /audio/transcriptions and measures the transcript, storing nothing', async () => {
    const headers = await setup();
    server!.scriptTranscription({ text: HEARD });
    const res = await upload(headers);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.transcription).toEqual({ status: 'transcribed', text: HEARD });
    expect(body.speaking).toMatchObject({
      words: 40,
      seconds: 20,
      wordsPerMinute: 120,
      pace: 'good',
      length: 'too-short',
    });
    expect(body.speaking.fillers.map((f: { word: string }) => f.word).sort()).toEqual(['like', 'um', 'you know']);
    expect(body.recording).toBeNull();
    expect(server!.transcriptions).toEqual([
      expect.objectContaining({
        fields: expect.objectContaining({ model: 'whisper-test' }),
        file: { name: 'answer.webm', type: 'audio/webm', bytes: AUDIO.length },
      }),
    ]);
    expect((await t!.app.inject({ url: '/v1/speech/recordings', headers })).json()).toEqual([]);
  });

  it('keeps the recording only when asked, plays it back, exports it and deletes it', async () => {
    const headers = await setup();
    server!.scriptTranscription({ text: HEARD });
    const kept = (await upload(headers, 'for=drill&id=lru-cache&durationMs=20000&keep=true')).json().recording;
    expect(kept).toMatchObject({ subject: 'drill:lru-cache', durationMs: 20000, transcript: HEARD });
    const audio = await t!.app.inject({ url: `/v1/speech/recordings/${kept.id}/audio`, headers });
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/webm;codecs=opus');
    expect(audio.rawPayload.equals(AUDIO)).toBe(true);
    const exported = (await t!.app.inject({ url: '/v1/me/export', headers })).json();
    expect(exported.spokenRecordings).toEqual([
      expect.objectContaining({
        id: kept.id,
        bytes: AUDIO.length,
        audioUrl: `/v1/speech/recordings/${kept.id}/audio`,
      }),
    ]);
    const deleted = await t!.app.inject({ method: 'DELETE', url: `/v1/speech/recordings/${kept.id}`, headers });
    expect(deleted.statusCode).toBe(204);
    const gone = await t!.app.inject({ url: `/v1/speech/recordings/${kept.id}/audio`, headers });
    expect([gone.statusCode, gone.json().code]).toEqual([404, 'recording_not_found']);
  });

  it('deletes kept recordings with the account', async () => {
    const headers = await setup({ mode: 'hosted' });
    await t!.app.inject({ method: 'PUT', url: '/v1/admin/ai', headers, payload: { enabled: false } });
    await upload(headers, 'for=drill&id=lru-cache&durationMs=20000&keep=true');
    const count = async () =>
      (
        (await t!.database.db.execute(sql`select count(*)::int as n from spoken_recordings`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    expect(await count()).toBe(1);
    const res = await t!.app.inject({
      method: 'DELETE',
      url: '/v1/me',
      headers,
      payload: { password: TEST_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await count()).toBe(0);
  });

  it('keeps the recording for playback with a note when transcription fails', async () => {
    const headers = await setup();
    server!.scriptTranscription({ status: 500, body: { error: { message: 'boom' } } });
    const body = (await upload(headers, 'for=drill&id=lru-cache&durationMs=20000&keep=true')).json();
    expect(body.transcription).toMatchObject({ status: 'unavailable', code: 'ai_provider_error' });
    expect(body.transcription.note).toMatch(/still here to play back/);
    expect(body.speaking).toBeNull();
    expect(body.recording).toMatchObject({ transcript: null });
  });

  it('waits out a short Retry-After once, and reports a long one as rate limited with when to retry', async () => {
    const headers = await setup();
    server!.scriptTranscription(
      { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down' } } },
      { text: HEARD },
    );
    expect((await upload(headers)).json().transcription).toEqual({ status: 'transcribed', text: HEARD });
    expect(server!.transcriptions).toHaveLength(2);

    server!.scriptTranscription({ status: 429, headers: { 'retry-after': '120' }, body: {} });
    const limited = (await upload(headers)).json().transcription;
    expect(limited).toMatchObject({ status: 'unavailable', code: 'ai_rate_limited', retryAfterSeconds: 120 });
    expect(limited.note).toMatch(/still here to play back/);
    expect(server!.transcriptions).toHaveLength(3);
  });

  it('measures a behavioural answer against the behavioural range, and a screen answer against its prompt’s', async () => {
    const headers = await setup();
    server!.scriptTranscription({ text: HEARD }, { text: HEARD });
    const star = (await upload(headers, 'for=star&id=failed-migration&durationMs=20000')).json();
    expect(star.speaking.targetWords).toEqual({ min: 200, max: 450 });
    const screen = (await upload(headers, 'for=screen&id=backend-work-wanted&durationMs=20000')).json();
    expect(screen.speaking).toMatchObject({ targetWords: { min: 60, max: 200 }, length: 'too-short' });
    const unknown = await upload(headers, 'for=star&id=nope&durationMs=20000');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'prompt_not_found']);
  });
});

describe('a spoken answer without transcription', () => {
  it('sends nothing anywhere and stores nothing unless kept', async () => {
    const headers = await setup({ transcribeModel: '' });
    const body = (await upload(headers)).json();
    expect(body).toEqual({ transcription: { status: 'not_offered' }, speaking: null, recording: null });
    expect(server!.transcriptions).toHaveLength(0);
  });

  it('sends nothing in hosted mode until the admin turns the layer on and the user agrees', async () => {
    const headers = await setup({ mode: 'hosted' });
    expect((await upload(headers)).json().transcription).toEqual({ status: 'not_offered' });
    await t!.app.inject({ method: 'PUT', url: '/v1/admin/ai', headers, payload: { enabled: true } });
    expect((await upload(headers)).json().transcription).toEqual({
      status: 'consent_required',
      provider: new URL(server!.url).host,
    });
    expect(server!.transcriptions).toHaveLength(0);
    await t!.app.inject({ method: 'PUT', url: '/v1/ai/consent', headers, payload: { choice: 'accepted' } });
    server!.scriptTranscription({ text: HEARD });
    expect((await upload(headers)).json().transcription).toEqual({ status: 'transcribed', text: HEARD });
    expect(server!.transcriptions).toHaveLength(1);
  });

  it('sends nothing once the user opts out of the AI layer', async () => {
    const headers = await setup();
    await t!.app.inject({ method: 'PUT', url: '/v1/ai/consent', headers, payload: { choice: 'declined' } });
    expect((await upload(headers)).json().transcription).toEqual({ status: 'opted_out' });
    expect(server!.transcriptions).toHaveLength(0);
  });
});

describe('refused uploads', () => {
  it.each([
    ['a type that is not audio', 'text/plain', 415, 'unsupported_media_type'],
    ['JSON', 'application/json', 415, 'unsupported_audio_type'],
    ['an audio type Onsite does not take', 'audio/flac', 415, 'unsupported_audio_type'],
  ])('refuses %s with problem+json', async (_name, type, status, code) => {
    const headers = await setup();
    const res = await upload(headers, undefined, type === 'application/json' ? '{"a":1}' : 'bytes', type);
    expect([res.statusCode, res.json().code]).toEqual([status, code]);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses a recording over the size limit, or longer than five minutes, or empty', async () => {
    const headers = await setup();
    const big = await upload(headers, undefined, Buffer.alloc(MAX_AUDIO_BYTES + 1));
    expect([big.statusCode, big.json().code]).toEqual([413, 'payload_too_large']);
    const long = await upload(headers, 'for=drill&id=lru-cache&durationMs=300001');
    expect(long.statusCode).toBe(400);
    expect(long.json().detail).toMatch(/at most 5 minutes/);
    const empty = await upload(headers, undefined, Buffer.alloc(0));
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'empty_recording']);
    const unknown = await upload(headers, 'for=drill&id=no-such-question&durationMs=20000');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'question_not_found']);
    expect(server!.transcriptions).toHaveLength(0);
  });
});
