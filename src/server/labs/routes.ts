import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ListOf, Problem } from '../../shared/api.js';
import {
  AssessmentBody,
  AssessmentDto,
  DraftBody,
  DraftDto,
  GradingStatus,
  LabDetail,
  LabLanguageParams,
  LabListQuery,
  LabParams,
  LabSummary,
  SolutionDto,
  SubmissionBody,
  SubmissionDto,
  SubmissionParams,
  SubmissionWaitQuery,
} from '../../shared/labs.js';
import * as assessments from './assessments.js';
import * as labs from './service.js';
import * as submissions from './submissions.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 503: Problem };
const tags = ['labs'];

/** Labs, drafts, runs and submissions with their results, and timed assessments. */
export const labRoutes: FastifyPluginAsyncZod<{ deps: labs.LabDeps }> = async (app, { deps }) => {
  app.get(
    '/grading/status',
    {
      schema: {
        tags,
        summary: 'Whether labs can be graded on this server',
        description:
          'When `available` is false, submissions and assessments answer 503 `sandbox_unavailable`; `reason` says what to install.',
        response: { 200: GradingStatus, ...errors },
      },
    },
    async () => labs.gradingStatus(deps),
  );

  app.get(
    '/labs',
    {
      schema: {
        tags,
        summary: 'List labs',
        description: 'Filter by area, level and language. `status` says whether you solved or attempted each.',
        querystring: LabListQuery,
        response: { 200: ListOf(LabSummary), ...errors },
      },
    },
    async (request) => ({ items: await labs.listLabs(deps, request.user.id, request.query) }),
  );

  app.get(
    '/labs/:slug',
    {
      schema: {
        tags,
        summary: 'Get a lab: prompt, starter code, visible tests and limits',
        params: LabParams,
        response: { 200: LabDetail, ...errors },
      },
    },
    async (request) => labs.getLab(deps, request.user.id, request.params.slug),
  );

  app.get(
    '/labs/:slug/solutions/:language',
    {
      schema: {
        tags,
        summary: 'Reveal the reference solution in one language',
        params: LabLanguageParams,
        response: { 200: SolutionDto, ...errors },
      },
    },
    async (request) => labs.revealSolution(deps, request.params.slug, request.params.language),
  );

  app.get(
    '/labs/:slug/drafts',
    {
      schema: {
        tags,
        summary: 'Your saved drafts of this lab, most recently edited first',
        params: LabParams,
        response: { 200: ListOf(DraftDto), ...errors },
      },
    },
    async (request) => ({ items: await labs.listDrafts(deps, request.user.id, request.params.slug) }),
  );

  app.put(
    '/labs/:slug/drafts/:language',
    {
      schema: {
        tags,
        summary: 'Save your draft in one language (autosave)',
        params: LabLanguageParams,
        body: DraftBody,
        response: { 200: DraftDto, ...errors },
      },
    },
    async (request) => labs.saveDraft(deps, { ...request.params, code: request.body.code, userId: request.user.id }),
  );

  app.post(
    '/labs/:slug/submissions',
    {
      schema: {
        tags,
        summary: 'Run (visible tests) or submit (all tests) code for grading',
        description:
          'Answers 202 with the queued submission. Poll `GET /v1/submissions/{id}?waitMs=…` for the result. ' +
          'Send an `Idempotency-Key` header to make retries safe.',
        params: LabParams,
        body: SubmissionBody,
        response: { 202: SubmissionDto, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(202).send(
        await submissions.createSubmission(deps, {
          userId: request.user.id,
          ...request.params,
          ...request.body,
        }),
      ),
  );

  app.get(
    '/labs/:slug/submissions',
    {
      schema: {
        tags,
        summary: 'Your attempt history for this lab (submissions, newest first)',
        params: LabParams,
        response: { 200: ListOf(SubmissionDto), ...errors },
      },
    },
    async (request) => ({ items: await submissions.listAttempts(deps, request.user.id, request.params.slug) }),
  );

  app.get(
    '/submissions/:id',
    {
      schema: {
        tags,
        summary: 'A run or submission and, once graded, its result per test',
        params: SubmissionParams,
        querystring: SubmissionWaitQuery,
        response: { 200: SubmissionDto, ...errors },
      },
    },
    async (request) =>
      submissions.getSubmission(deps, { ...request.params, ...request.query, userId: request.user.id }),
  );

  app.post(
    '/assessments',
    {
      schema: {
        tags,
        summary: 'Start a timed assessment: a set of labs under one countdown',
        body: AssessmentBody,
        response: { 201: AssessmentDto, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await assessments.startAssessment(deps, request.user.id, request.body)),
  );

  app.get(
    '/assessments',
    {
      schema: {
        tags,
        summary: 'Your timed assessments, newest first',
        response: { 200: ListOf(AssessmentDto), ...errors },
      },
    },
    async (request) => ({ items: await assessments.listAssessments(deps, request.user.id) }),
  );

  app.get(
    '/assessments/:id',
    {
      schema: {
        tags,
        summary: 'An assessment: labs, countdown and results (auto-submitted once time is up)',
        params: SubmissionParams,
        response: { 200: AssessmentDto, ...errors },
      },
    },
    async (request) => assessments.getAssessment(deps, request.user.id, request.params.id),
  );

  app.post(
    '/assessments/:id/finish',
    {
      schema: {
        tags,
        summary: 'Finish now: labs not yet submitted are submitted from your drafts',
        params: SubmissionParams,
        response: { 200: AssessmentDto, ...errors },
      },
    },
    async (request) => assessments.finishAssessment(deps, request.user.id, request.params.id),
  );
};
