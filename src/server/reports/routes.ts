import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateReportBody, IdParam, ListOf, Problem, ReportDto } from '../../shared/api.js';
import { listReports, reportQuestionProblem, type ReportDeps } from './service.js';

export const reportRoutes: FastifyPluginAsyncZod<ReportDeps> = async (app, deps) => {
  app.post(
    '/questions/:id/reports',
    {
      config: { idempotent: true },
      schema: {
        tags: ['curriculum'],
        summary: 'Report a problem with a question',
        params: IdParam,
        body: CreateReportBody,
        response: {
          201: ReportDto,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          413: Problem,
          415: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reportQuestionProblem(deps, request.user, request.params.id, request.body)),
  );

  app.get(
    '/admin/reports',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "Readers' reports of problems in questions, newest first",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: ListOf(ReportDto), 401: Problem, 403: Problem },
      },
    },
    async (request) => ({ items: await listReports(deps, request.query.limit) }),
  );
};
