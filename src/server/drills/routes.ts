import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CardDto,
  CardPatchBody,
  GradeBody,
  GradeResultDto,
  HistoryPage,
  PlanBody,
  PlanDto,
  Problem,
  ProgressDto,
  QueueDto,
  ReviewBody,
  ReviewResultDto,
  Slug,
} from '../../shared/api.js';
import * as plans from './plan.js';
import * as progress from './progress.js';
import * as drills from './service.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['drills'];
const QuestionParam = z.object({ questionId: Slug });

/** Study plan, today's queue, grading and recording answers, per-card actions, progress and history. */
export const drillRoutes: FastifyPluginAsyncZod<{ deps: drills.DrillDeps }> = async (app, { deps }) => {
  app.get(
    '/plan',
    { schema: { tags, summary: 'Your study plan and where it stands', response: { 200: PlanDto, ...errors } } },
    async (request) => plans.getPlan(deps, request.user.id),
  );

  app.put(
    '/plan',
    {
      schema: {
        tags,
        summary: 'Create or change your study plan',
        body: PlanBody,
        response: { 200: PlanDto, ...errors },
      },
    },
    async (request) => plans.savePlan(deps, request.user.id, request.body),
  );

  app.get(
    '/drills/queue',
    {
      schema: {
        tags,
        summary: "Today's queue: due reviews first, then new questions by plan",
        response: { 200: QueueDto, ...errors },
      },
    },
    async (request) => drills.buildQueue(deps, request.user.id),
  );

  app.post(
    '/drills/grade',
    {
      schema: {
        tags,
        summary: 'Rubric feedback on a typed answer, with the AI review beside it when configured (records nothing)',
        body: GradeBody,
        response: { 200: GradeResultDto, ...errors },
      },
    },
    async (request) => drills.gradeTypedAnswerForUser(deps, request.user.id, request.body),
  );

  app.post(
    '/drills/reviews',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Record an answer and its rating; FSRS schedules the next review',
        body: ReviewBody,
        response: { 201: ReviewResultDto, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await drills.recordReview(deps, request.user.id, request.body)),
  );

  app.get(
    '/drills/history',
    {
      schema: {
        tags,
        summary: 'Every answer you gave, newest first, with its feedback',
        querystring: z.object({
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: HistoryPage, ...errors },
      },
    },
    async (request) => progress.listHistory(deps, { ...request.query, userId: request.user.id }),
  );

  app.get(
    '/progress',
    {
      schema: {
        tags,
        summary: 'Readiness, activity, streak and weakest topics',
        response: { 200: ProgressDto, ...errors },
      },
    },
    async (request) => progress.getProgress(deps, request.user.id),
  );

  app.get(
    '/cards/:questionId',
    {
      schema: {
        tags,
        summary: 'Your card for a question',
        params: QuestionParam,
        response: { 200: CardDto, ...errors },
      },
    },
    async (request) => drills.getCard(deps, request.user.id, request.params.questionId),
  );

  app.patch(
    '/cards/:questionId',
    {
      schema: {
        tags,
        summary: 'Mark for review, add a note, or suspend',
        params: QuestionParam,
        body: CardPatchBody,
        response: { 200: CardDto, ...errors },
      },
    },
    // The user goes last, so no key the client sends can name another user's card.
    async (request) => drills.updateCard(deps, { ...request.params, ...request.body, userId: request.user.id }),
  );

  app.post(
    '/cards/:questionId/reset',
    {
      schema: {
        tags,
        summary: "Reset a card's progress (history is kept)",
        params: QuestionParam,
        response: { 200: CardDto, ...errors },
      },
    },
    async (request) => drills.resetCard(deps, request.user.id, request.params.questionId),
  );
};
