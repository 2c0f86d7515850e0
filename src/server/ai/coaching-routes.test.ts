import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, personalSession, type TestApp } from '../../../test/app.js';
import { FIXTURE_QUESTIONS } from '../../../test/content-fixture.js';
import {
  llmFor,
  schemaOf,
  startLlmServer,
  type ChatRequest,
  type LlmServer,
  type Script,
} from '../../../test/llm-server.js';
import type { MockDto } from '../../shared/mocks.js';
import { ReplyCache } from './client.js';

let t: TestApp | undefined;
let server: LlmServer | undefined;
afterEach(async () => {
  await t?.close();
  await server?.close();
  t = undefined;
  server = undefined;
});

const STORY =
  'Our checkout service kept timing out during sales. I was the on-call engineer that week. ' +
  'I sorted it out with the team. In the end things were better.';

const COACHING = {
  parts: [
    {
      part: 'situation',
      status: 'strong',
      quote: 'checkout service kept timing out',
      problem: 'Clear.',
      suggestion: '',
    },
    {
      part: 'action',
      status: 'weak',
      quote: 'I sorted it out with the team',
      problem: 'It does not say what you did.',
      suggestion: 'Which steps did you take yourself, and which tools did you use?',
    },
    {
      part: 'result',
      status: 'weak',
      quote: 'things got 80% faster for every customer',
      problem: 'No number.',
      suggestion: 'Say: "I cut the p99 latency from four seconds to 180 ms and we had no timeouts in the sale."',
    },
  ],
  focus: 'action',
};

/** Answers review requests with a review and coaching requests with `coaching`, by the schema asked for. */
function byPurpose(coaching: Script): (request: ChatRequest) => Script {
  return (request) =>
    schemaOf(request) === 'star_coaching'
      ? coaching
      : {
          content: JSON.stringify({
            points: [{ id: 'main-point', status: 'missed', quote: '' }],
            misconceptions: [],
            verdict: 'weak',
          }),
        };
}

async function setup(coaching: Script = { content: JSON.stringify(COACHING) }, options: { cache?: ReplyCache } = {}) {
  server = await startLlmServer(byPurpose(coaching));
  t = await createTestApp({
    llm: llmFor(server, options),
    questions: [
      ...FIXTURE_QUESTIONS,
      {
        id: 'failure-story',
        area: 'behavioural',
        levels: ['junior', 'mid'],
        tags: ['ownership'],
        question: 'Tell me about a time something you owned broke in production.',
      },
    ],
  });
  return personalSession(t.app);
}

async function grade(headers: Record<string, string>, questionId: string, answer = STORY) {
  const res = await t!.app.inject({
    method: 'POST',
    url: '/v1/drills/grade',
    headers,
    payload: { questionId, answer },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('AI coaching of a behavioural drill answer', () => {
  it('points to the weak part in the story’s own words, and drops invented quotes and suggestions that write the story', async () => {
    const headers = await setup();
    const body = await grade(headers, 'failure-story');
    expect(body.verdict).toBeDefined();
    expect(body.coaching.status).toBe('coached');
    const coaching = body.coaching.coaching;
    expect(coaching.focus).toBe('action');
    const byPart = Object.fromEntries(coaching.parts.map((p: { part: string }) => [p.part, p]));
    expect(byPart.action).toMatchObject({
      status: 'weak',
      quote: 'I sorted it out with the team',
      suggestion: 'Which steps did you take yourself, and which tools did you use?',
    });
    expect(STORY.slice(byPart.action.evidence[0].start, byPart.action.evidence[0].end)).toBe(byPart.action.quote);
    // The result's quote is not in the story, and its suggestion drafts the story: both are dropped.
    expect(byPart.result).toMatchObject({ quote: null, suggestion: null });
    expect(coaching).toMatchObject({ droppedQuotes: 1, droppedSuggestions: 1 });
    const prompt = server!.requests.find((r) => schemaOf(r.body) === 'star_coaching')!;
    expect(prompt.body.messages[1]!.content).toContain(STORY);
  });

  it('is not asked for a technical question', async () => {
    const headers = await setup();
    const body = await grade(headers, 'lru-cache', 'A hash map and a linked list.');
    expect(body).not.toHaveProperty('coaching');
    expect(body.ai.status).toBe('reviewed');
    expect(server!.requests).toHaveLength(1);
  });

  it('falls back to the offline feedback with a note when the coaching reply is malformed', async () => {
    const headers = await setup({ content: '{"parts": "strong"}' });
    const body = await grade(headers, 'failure-story');
    expect(body.coaching).toMatchObject({ status: 'unavailable', code: 'ai_malformed_reply' });
    expect(body.coaching.note).toMatch(/offline result/);
    expect(body.points).toHaveLength(1);
  });

  it('sends nothing once the user opts out', async () => {
    const headers = await setup();
    await t!.app.inject({ method: 'PUT', url: '/v1/ai/consent', headers, payload: { choice: 'declined' } });
    expect((await grade(headers, 'failure-story')).coaching).toEqual({ status: 'opted_out' });
    expect(server!.requests).toHaveLength(0);
  });
});

function callAs(headers: Record<string, string>) {
  return async (method: 'POST' | 'GET', url: string, payload?: Record<string, unknown>) =>
    (await t!.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })).json() as MockDto;
}

describe('AI coaching in the behavioural stage of a mock', () => {
  it('keeps the coaching with the answer, beside the offline STAR feedback', async () => {
    const call = callAs(await setup());
    const mock = await call('POST', '/v1/mocks', { levels: ['mid'], stages: ['behavioural'] });
    const begun = await call('POST', `/v1/mocks/${mock.id}/stages/0/begin`);
    const first = begun.stages[0]!.items[0]!;
    const answered = await call('POST', `/v1/mocks/${mock.id}/items/${first.id}/answer`, { answer: STORY });
    const state = answered.stages[0]!.items[0]!.state;
    expect(state.kind).toBe('star');
    if (state.kind !== 'star') return;
    expect(state.feedback?.parts).toHaveLength(4);
    expect(state.coaching).toMatchObject({ status: 'coached', coaching: { focus: 'action', droppedSuggestions: 1 } });
    // Read again, the coaching is stored with the mock.
    const again = await call('GET', `/v1/mocks/${mock.id}`);
    expect(again.stages[0]!.items[0]!.state).toMatchObject({ coaching: { status: 'coached' } });
  });

  it('coaches each version of a story once: answering it again or finishing asks nothing, a changed story is coached anew', async () => {
    // A cache that keeps nothing: a coaching asked again would reach the server, not be answered from memory.
    const call = callAs(await setup(undefined, { cache: new ReplyCache(0) }));
    const coachings = () => server!.requests.filter((r) => schemaOf(r.body) === 'star_coaching');
    const mock = await call('POST', '/v1/mocks', { levels: ['mid'], stages: ['behavioural'] });
    const begun = await call('POST', `/v1/mocks/${mock.id}/stages/0/begin`);
    const item = begun.stages[0]!.items[0]!;
    const answer = async (story: string) =>
      (await call('POST', `/v1/mocks/${mock.id}/items/${item.id}/answer`, { answer: story })).stages[0]!.items[0]!
        .state;

    const first = await answer(STORY);
    expect(first).toMatchObject({ coaching: { status: 'coached', coaching: { cached: false } } });
    expect(coachings()).toHaveLength(1);
    expect(await answer(STORY)).toEqual(first);
    expect(coachings()).toHaveLength(1);

    const revised = `${STORY} I added an alert on checkout latency.`;
    expect(await answer(revised)).toMatchObject({ coaching: { status: 'coached' } });
    expect(coachings()).toHaveLength(2);
    expect(coachings()[1]!.body.messages[1]!.content).toContain(revised);

    const finished = await call('POST', `/v1/mocks/${mock.id}/stages/0/finish`);
    expect(finished.stages[0]!.items[0]!.state).toMatchObject({ coaching: { status: 'coached' } });
    await call('GET', `/v1/mocks/${mock.id}`);
    expect(coachings()).toHaveLength(2);
  });
});
