import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, personalSession, type TestApp } from '../../../test/app.js';
import { openTestDatabase } from '../../../test/database.js';
import type { InterviewerDto, MockDto } from '../../shared/mocks.js';
import { json } from '../../../test/json.js';

const STRONG_STAR = `Situation: At my last job our checkout API started timing out every evening at peak.
Task: I was on call and it was my job to stop the timeouts before the weekend sale.
Action: I read the traces and found one query doing a sequential scan on orders. I wrote a migration adding a
composite index, tested it on a copy of production, and rolled it out behind a flag. I then added a dashboard
and an alert on p99 latency, and I wrote the runbook so the next person on call would not start from zero.
Result: p99 latency fell from 4 seconds to 180 ms and we had zero timeouts during the sale. I learned to add
an alert with every fix, and since then I review query plans before every release.`;

describe('mock interviews over the API', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    headers = await personalSession(t.app);
  });
  afterAll(() => t.close());

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) => {
    const res = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    return { status: res.statusCode, body: res.json() };
  };
  const start = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/v1/mocks', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as MockDto;
  };
  const item = (mock: MockDto, kind: string) => mock.stages.flatMap((s) => s.items).find((i) => i.kind === kind)!;

  it('plans a full mid-level loop in order, with no stage’s questions shown before it begins', async () => {
    const mock = await start({ levels: ['mid'] });
    expect(mock.stages.map((s) => s.stage)).toEqual([
      'recruiter-screen',
      'online-assessment',
      'technical',
      'behavioural',
      'onsite',
    ]);
    expect(mock.current).toBe(0);
    // Like a real loop, the candidate does not see a stage's questions before it begins.
    expect(mock.stages.every((s) => s.items.length === 0)).toBe(true);
  });

  it('reveals a stage’s items when it begins, without the interviewer’s guide, and keeps them on every read', async () => {
    const mock = await start({ levels: ['mid'] });
    const begun = (await call('POST', `/v1/mocks/${mock.id}/stages/0/begin`)).body as MockDto;
    expect(begun.stages[0]!.items.map((i) => i.kind)).toEqual(['screen', 'screen', 'screen']);
    expect(begun.stages[2]!.items).toEqual([]);
    // The candidate's view never carries the interviewer's guide.
    expect(begun.stages[0]!.items.every((i) => i.guide === null)).toBe(true);
    const again = (await call('GET', `/v1/mocks/${mock.id}`)).body as MockDto;
    expect(again.stages[0]!.items.map((i) => i.id)).toEqual(begun.stages[0]!.items.map((i) => i.id));
  });

  it('refuses to skip an unbegun online assessment where labs can be graded, with 409 stage_not_started', async () => {
    const mock = await start({ levels: ['mid'] });
    await call('POST', `/v1/mocks/${mock.id}/stages/0/begin`);
    await call('POST', `/v1/mocks/${mock.id}/stages/0/finish`);
    const unbegun = await call('POST', `/v1/mocks/${mock.id}/stages/1/finish`);
    expect([unbegun.status, unbegun.body.code]).toEqual([409, 'stage_not_started']);
  });

  it('asks two concept questions and a coding task in a technical round', async () => {
    const technical = await start({ levels: ['mid'], stages: ['technical'] });
    const round = (await call('POST', `/v1/mocks/${technical.id}/stages/0/begin`)).body as MockDto;
    expect(round.stages[0]!.items.map((i) => i.kind)).toEqual(['concept', 'concept', 'coding']);
  });

  it('opens an onsite with a design problem', async () => {
    const onsite = await start({ levels: ['senior'], stages: ['onsite'] });
    const design = (await call('POST', `/v1/mocks/${onsite.id}/stages/0/begin`)).body as MockDto;
    expect(design.stages[0]!.items[0]!.title).toMatch(/^Design /);
  });

  it('refuses levels that are not adjacent with levels_not_adjacent', async () => {
    expect((await call('POST', '/v1/mocks', { levels: ['junior', 'senior'] })).body.code).toBe('levels_not_adjacent');
  });

  it('refuses a loop with no level with 400', async () => {
    expect((await call('POST', '/v1/mocks', { levels: [] })).status).toBe(400);
  });

  describe('answers to items', () => {
    let mock: MockDto;
    let star: InterviewerDto['stages'][number]['items'][number];
    beforeAll(async () => {
      mock = await start({ levels: ['junior'], stages: ['behavioural'] });
      // The candidate cannot see the items yet; the interviewer can.
      const { token } = (await call('POST', `/v1/mocks/${mock.id}/share`)).body as { token: string };
      star = json<InterviewerDto>(await t.app.inject({ url: `/v1/interviews/${token}` })).stages[0]!.items[0]!;
    });

    it('are refused with 409 stage_not_started until the stage begins', async () => {
      const early = await call('PUT', `/v1/mocks/${mock.id}/items/${star.id}`, { answer: 'x' });
      expect([early.status, early.body.code]).toEqual([409, 'stage_not_started']);
    });

    it('are refused with 400 field_not_for_item when they fill a field the item does not have', async () => {
      await call('POST', `/v1/mocks/${mock.id}/stages/0/begin`);
      const wrongField = await call('PUT', `/v1/mocks/${mock.id}/items/${star.id}`, { notes: 'x' });
      expect([wrongField.status, wrongField.body.code]).toEqual([400, 'field_not_for_item']);
    });

    it('are refused with 404 item_not_found for an item the mock does not have', async () => {
      const missing = await call('PUT', `/v1/mocks/${mock.id}/items/nope`, { answer: 'x' });
      expect([missing.status, missing.body.code]).toEqual([404, 'item_not_found']);
    });
  });

  it('refuses to begin a stage out of order with 409 stage_not_current', async () => {
    const outOfOrder = await start({ levels: ['mid'], stages: ['recruiter-screen', 'behavioural'] });
    const skip = await call('POST', `/v1/mocks/${outOfOrder.id}/stages/1/begin`);
    expect([skip.status, skip.body.code]).toEqual([409, 'stage_not_current']);
  });

  it('answers a mock that does not exist with 404', async () => {
    expect((await call('GET', '/v1/mocks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('gives STAR feedback, and at timer expiry grades what was autosaved', async () => {
    const mock = await start({ levels: ['mid'], stages: ['behavioural'] });
    const begun = (await call('POST', `/v1/mocks/${mock.id}/stages/0/begin`)).body as MockDto;
    const [first, second] = begun.stages[0]!.items;
    expect(begun.stages[0]!.remainingSeconds).toBe(20 * 60);

    const answered = (await call('POST', `/v1/mocks/${mock.id}/items/${first!.id}/answer`, { answer: STRONG_STAR }))
      .body as MockDto;
    const feedback = answered.stages[0]!.items[0]!.state;
    expect(feedback.kind === 'star' && feedback.feedback?.parts.every((p) => p.present)).toBe(true);
    expect(answered.stages[0]!.items[0]!.reference).toBeTruthy();

    // The second answer is only autosaved; then the timer runs out.
    await call('PUT', `/v1/mocks/${mock.id}/items/${second!.id}`, { answer: 'We fixed it together as a team.' });
    t.clock.now = new Date(t.clock.now.getTime() + 21 * 60_000);
    const expired = (await call('GET', `/v1/mocks/${mock.id}`)).body as MockDto;
    expect(expired.stages[0]!.expired).toBe(true);
    expect(expired.stages[0]!.finishedAt).toBe(begun.stages[0]!.endsAt);
    const late = expired.stages[0]!.items[1]!.state;
    expect(late.kind === 'star' && late.feedback?.measurableResult).toBe(false);
    expect(late.kind === 'star' && late.feedback!.ownership.we).toBeGreaterThan(0);
    const after = await call('PUT', `/v1/mocks/${mock.id}/items/${second!.id}`, { answer: 'more' });
    expect([after.status, after.body.code]).toEqual([409, 'stage_over']);

    // The only stage is done, so the mock is finished with a scorecard whose evidence points at real items.
    expect(expired.finishedAt).not.toBeNull();
    const ids = new Set(expired.stages.flatMap((s) => s.items.map((i) => i.id)));
    const evidence = expired.scorecard!.signals.flatMap((s) => s.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((e) => ids.has(e.itemId))).toBe(true);
    expect(expired.scorecard!.recommendations.map((r) => r.level)).toEqual(['junior', 'mid']);
  });

  it('follows a concept answer up on the key point it missed', async () => {
    const created = await start({ levels: ['mid'], stages: ['technical'] });
    const mock = (await call('POST', `/v1/mocks/${created.id}/stages/0/begin`)).body as MockDto;
    const concept = item(mock, 'concept');
    const weak = (await call('POST', `/v1/mocks/${mock.id}/items/${concept.id}/answer`, { answer: 'No idea, sorry.' }))
      .body as MockDto;
    const state = item(weak, 'concept').state;
    expect(state.kind === 'concept' && state.followUp?.probes).toBe('main-point');
    expect(state.kind === 'concept' && state.followUp?.question).toBe('What would you do next?');
    const recovered = (
      await call('POST', `/v1/mocks/${mock.id}/items/${concept.id}/answer`, {
        followUpAnswer: 'The main point is the key idea.',
      })
    ).body as MockDto;
    const after = item(recovered, 'concept').state;
    expect(after.kind === 'concept' && after.followUp?.feedback?.score).toBe(1);

    const coding = item(mock, 'coding');
    await call('PUT', `/v1/mocks/${mock.id}/items/${coding.id}`, {
      notes: 'First I restate the problem and pick a map for O(1) lookups.',
    });
    const done = (await call('POST', `/v1/mocks/${mock.id}/items/${coding.id}/answer`, {})).body as MockDto;
    const codingState = item(done, 'coding').state;
    expect(codingState.kind === 'coding' && codingState.done).toBe(true);
    expect(codingState.kind === 'coding' && codingState.notes).toContain('O(1)');
  });

  it('saves a system design with its diagram and grades coverage; dangling arrows are refused', async () => {
    const created = await start({ levels: ['senior'], stages: ['onsite'] });
    const mock = (await call('POST', `/v1/mocks/${created.id}/stages/0/begin`)).body as MockDto;
    const design = item(mock, 'design');
    const node = (id: string, kind: string) => ({ id, label: id, kind, x: 10, y: 10 });
    const dangling = await call('PUT', `/v1/mocks/${mock.id}/items/${design.id}`, {
      diagram: { nodes: [node('api', 'service')], edges: [{ id: 'e1', from: 'api', to: 'ghost', label: '' }] },
    });
    expect([dangling.status, dangling.body.code]).toEqual([400, 'diagram_dangling_edge']);
    const diagram = {
      nodes: [node('api', 'service'), node('cache', 'cache'), node('db', 'database')],
      edges: [{ id: 'e1', from: 'api', to: 'cache', label: 'read-through' }],
    };
    await call('PUT', `/v1/mocks/${mock.id}/items/${design.id}`, {
      diagram,
      text: { requirements: 'Functional requirements first, then latency targets.' },
    });
    const graded = (await call('POST', `/v1/mocks/${mock.id}/items/${design.id}/answer`, {})).body as MockDto;
    const state = item(graded, 'design').state;
    expect(state.kind === 'design' && state.diagram.nodes).toHaveLength(3);
    expect(state.kind === 'design' && state.feedback!.diagram.kinds).toContain('cache');
    expect(state.kind === 'design' && state.feedback!.followUps.length).toBeGreaterThan(0);
    expect(item(graded, 'design').reference).toContain('## Trade-offs');
  });

  it('runs the online-assessment stage on a timed assessment', async () => {
    const mock = await start({ levels: ['junior'], stages: ['online-assessment'] });
    const begun = (await call('POST', `/v1/mocks/${mock.id}/stages/0/begin`)).body as MockDto;
    const oa = item(begun, 'assessment').state;
    expect(oa.kind === 'assessment' && oa.assessmentId).toBeTruthy();
    const assessment = (await call('GET', `/v1/assessments/${oa.kind === 'assessment' ? oa.assessmentId : ''}`)).body;
    expect(assessment.labs).toHaveLength(1);
    expect(begun.stages[0]!.endsAt).toBe(assessment.endsAt);
    const finished = (await call('POST', `/v1/mocks/${mock.id}/stages/0/finish`)).body as MockDto;
    expect(finished.stages[0]!.finishedAt).not.toBeNull();
  });

  it('gives a friend an interviewer view with the guide, scores that feed the scorecard, and live updates', async () => {
    const mock = await start({ levels: ['mid'], stages: ['behavioural'] });
    const share = (await call('POST', `/v1/mocks/${mock.id}/share`)).body as { token: string; url: string };
    expect(share.url).toBe(`/interview/${share.token}`);
    const view = json<InterviewerDto>(await t.app.inject({ url: `/v1/interviews/${share.token}` }));
    expect(view.stages[0]!.items[0]!.guide!.points.length).toBeGreaterThan(0);
    expect(view.signals.map((s) => s.id)).toContain('ownership');
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/v1/interviews/${share.token}/scores`,
      payload: { scores: { charisma: { rating: 4, note: '' } } },
    });
    expect(bad.json().code).toBe('unknown_signal');
    expect((await t.app.inject({ url: '/v1/interviews/not-a-real-token-but-long-enough' })).statusCode).toBe(404);

    // A live socket hears about the candidate's autosave.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/interviews/${share.token}/live`);
    const messages: string[] = [];
    socket.on('message', (data) => messages.push(String(data)));
    await new Promise((resolve) => socket.once('open', resolve));
    await expect.poll(() => call('GET', `/v1/mocks/${mock.id}`).then((r) => r.body.interviewerConnected)).toBe(true);
    const before = messages.length;
    const begun = (await call('POST', `/v1/mocks/${mock.id}/stages/0/begin`)).body as MockDto;
    await call('PUT', `/v1/mocks/${mock.id}/items/${begun.stages[0]!.items[0]!.id}`, { answer: 'I led it.' });
    await expect.poll(() => messages.length).toBeGreaterThan(before);
    expect(messages.at(-1)).toBe('{"type":"changed"}');

    await t.app.inject({
      method: 'PUT',
      url: `/v1/interviews/${share.token}/scores`,
      payload: { scores: { ownership: { rating: 4, note: 'Clear personal ownership' } } },
    });
    await t.app.inject({
      method: 'POST',
      url: `/v1/interviews/${share.token}/messages`,
      payload: { text: 'Tell me more about the result.' },
    });
    const finished = (await call('POST', `/v1/mocks/${mock.id}/stages/0/finish`)).body as MockDto;
    expect(finished.messages.map((m) => m.text)).toEqual(['Tell me more about the result.']);
    const ownership = finished.scorecard!.signals.find((s) => s.id === 'ownership')!;
    expect(ownership.interviewerRating).toBe(4);
    socket.close();
  });

  it('keeps a mock in progress across a server restart', async () => {
    const database = await openTestDatabase('embedded');
    const first = await createTestApp({ database });
    const firstHeaders = await personalSession(first.app);
    const created = json<MockDto>(
      await first.app.inject({
        method: 'POST',
        url: '/v1/mocks',
        headers: firstHeaders,
        payload: { levels: ['mid'], stages: ['recruiter-screen'] },
      }),
    );
    const begun = json<MockDto>(
      await first.app.inject({ method: 'POST', url: `/v1/mocks/${created.id}/stages/0/begin`, headers: firstHeaders }),
    );
    const screen = begun.stages[0]!.items[0]!;
    await first.app.inject({
      method: 'PUT',
      url: `/v1/mocks/${created.id}/items/${screen.id}`,
      headers: firstHeaders,
      payload: { answer: 'I build payment APIs in TypeScript.' },
    });
    await first.close();

    const second = await createTestApp({ database });
    const secondHeaders = await personalSession(second.app);
    const reread = json<MockDto>(await second.app.inject({ url: `/v1/mocks/${created.id}`, headers: secondHeaders }));
    expect(reread.stages[0]!.startedAt).not.toBeNull();
    const state = reread.stages[0]!.items[0]!.state;
    expect(state.kind === 'screen' && state.answer).toBe('I build payment APIs in TypeScript.');
    await second.close();
    await database.close();
  });
});
