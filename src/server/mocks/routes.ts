import type { WebSocket } from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListOf, Problem } from '../../shared/api.js';
import {
  InterviewerDto,
  InterviewerMessageBody,
  InterviewerParams,
  InterviewerScoreBody,
  ItemDraftBody,
  MockBody,
  MockDto,
  MockItemParams,
  MockParams,
  MockSummary,
  ShareDto,
} from '../../shared/mocks.js';
import { AppError, forbidden } from '../errors.js';
import { originMatchesHost } from '../http/origin.js';
import type { LiveClient } from './live.js';
import { answerItem, saveItem } from './items.js';
import { findByToken, getInterview, messageCandidate, scoreInterview, shareMock } from './interviewer-link.js';
import * as mocks from './service.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['mock interviews'];
/** The interviewer's link is authorised by its token alone, so a friend needs no account. */
const INTERVIEWER_LINK = { access: 'public' } as const;
const StageParams = MockParams.extend({ index: z.coerce.number().int().min(0).max(4) });

/**
 * Mock interviews: start a loop or a stage, answer with autosave, get feedback per item, finish
 * stages against their timers, read the scorecard; and the interviewer's link for practising with a
 * friend, kept in sync over WebSockets.
 */
export const mockRoutes: FastifyPluginAsyncZod<{ deps: mocks.MockDeps }> = async (app, { deps }) => {
  app.post(
    '/mocks',
    {
      schema: {
        tags,
        summary: 'Start a mock interview: the full loop or chosen stages, for a level or a blend of two',
        body: MockBody,
        response: { 201: MockDto, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await mocks.startMock(deps, request.user.id, request.body)),
  );

  app.get(
    '/mocks',
    {
      schema: {
        tags,
        summary: 'Your mock interviews, newest first, with their overall scores and signal ratings',
        response: { 200: ListOf(MockSummary), ...errors },
      },
    },
    async (request) => ({ items: await mocks.listMocks(deps, request.user.id) }),
  );

  app.get(
    '/mocks/:id',
    {
      schema: {
        tags,
        summary: 'A mock interview: stages, timers, items, answers, feedback and (once finished) the scorecard',
        description: 'A stage whose timer ran out is closed on read, grading what was written.',
        params: MockParams,
        response: { 200: MockDto, ...errors },
      },
    },
    async (request) => mocks.getMock(deps, request.user.id, request.params.id),
  );

  app.post(
    '/mocks/:id/stages/:index/begin',
    {
      schema: {
        tags,
        summary: 'Begin the next stage: starts its timer',
        params: StageParams,
        response: { 200: MockDto, ...errors },
      },
    },
    async (request) => mocks.beginStage(deps, { userId: request.user.id, ...request.params }),
  );

  app.post(
    '/mocks/:id/stages/:index/finish',
    {
      schema: {
        tags,
        summary: 'Finish a stage now; unanswered items are graded from what was written',
        description:
          'The online-assessment stage can be finished without beginning it only while labs cannot be graded on this server (`GET /v1/grading/status`): it is then `skipped`.',
        params: StageParams,
        response: { 200: MockDto, ...errors },
      },
    },
    async (request) => mocks.finishStage(deps, { userId: request.user.id, ...request.params }),
  );

  app.put(
    '/mocks/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Autosave an answer, notes, design text, diagram or calculator assumptions',
        params: MockItemParams,
        body: ItemDraftBody,
        response: { 200: MockDto, ...errors },
      },
    },
    async (request) => saveItem(deps, { userId: request.user.id, ...request.params, draft: request.body }),
  );

  app.post(
    '/mocks/:id/items/:itemId/answer',
    {
      schema: {
        tags,
        summary: 'Submit an item for feedback (a concept answer also gets its follow-up)',
        params: MockItemParams,
        body: ItemDraftBody,
        response: { 200: MockDto, ...errors },
      },
    },
    async (request) => answerItem(deps, { userId: request.user.id, ...request.params, draft: request.body }),
  );

  app.post(
    '/mocks/:id/share',
    {
      schema: {
        tags,
        summary: 'Create the interviewer link for practising with a friend (replaces any earlier link)',
        params: MockParams,
        response: { 200: ShareDto, ...errors },
      },
    },
    async (request) => shareMock(deps, request.user.id, request.params.id),
  );

  app.get(
    '/interviews/:token',
    {
      config: INTERVIEWER_LINK,
      schema: {
        tags,
        summary: "The interviewer's view: the mock plus rubric, hints, follow-ups and the scoring form",
        description: 'Authorised by the link token alone, so a friend needs no account.',
        security: [],
        params: InterviewerParams,
        response: { 200: InterviewerDto, ...errors },
      },
    },
    async (request) => getInterview(deps, request.params.token),
  );

  app.put(
    '/interviews/:token/scores',
    {
      config: INTERVIEWER_LINK,
      schema: {
        tags,
        summary: "Record the interviewer's rating (1–4) and note per signal, and overall notes",
        security: [],
        params: InterviewerParams,
        body: InterviewerScoreBody,
        response: { 200: InterviewerDto, ...errors },
      },
    },
    async (request) => scoreInterview(deps, request.params.token, request.body),
  );

  app.post(
    '/interviews/:token/messages',
    {
      config: INTERVIEWER_LINK,
      schema: {
        tags,
        summary: 'Send the candidate a hint or follow-up; it appears on their screen at once',
        description: 'At most 50 messages per mock (then `409 too_many_messages`), each at most 2,000 characters.',
        security: [],
        params: InterviewerParams,
        body: InterviewerMessageBody,
        response: { 200: InterviewerDto, ...errors },
      },
    },
    async (request) => messageCandidate(deps, request.params.token, request.body.text),
  );

  // Live views: a socket that says "changed" whenever the mock changes; the page then re-reads it.
  app.get(
    '/mocks/:id/live',
    { websocket: true, schema: { hide: true, params: MockParams }, preValidation: sameOrigin },
    (socket, request) => {
      join(deps, socket, 'candidate', async () => mocks.ownedMockId(deps, request.user.id, request.params.id));
    },
  );
  app.get(
    '/interviews/:token/live',
    {
      websocket: true,
      config: INTERVIEWER_LINK,
      schema: { hide: true, params: InterviewerParams },
      preValidation: sameOrigin,
    },
    (socket, request) => {
      join(deps, socket, 'interviewer', async () => (await findByToken(deps, request.params.token)).id);
    },
  );
};

/** A cross-site page may not open a live socket with the user's cookie. */
async function sameOrigin(request: FastifyRequest): Promise<void> {
  if (!originMatchesHost(request.headers.origin, request.headers.host)) {
    throw forbidden('csrf_failed', 'Cross-site WebSocket refused.');
  }
}

function join(deps: mocks.MockDeps, socket: WebSocket, role: LiveClient['role'], resolve: () => Promise<string>) {
  let leave: (() => void) | undefined;
  socket.on('close', () => leave?.());
  resolve().then(
    (mockId) => {
      if (socket.readyState !== socket.OPEN) return;
      leave = deps.live.join(mockId, { role, notify: () => socket.send('{"type":"changed"}') });
    },
    (error: unknown) => socket.close(4404, error instanceof AppError ? error.code : 'error'),
  );
}
