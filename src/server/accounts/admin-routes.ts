import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AdminUserDto, AuditEventDto, ListOf, Problem, SetRoleBody } from '../../shared/api.js';
import { actorOf } from '../http/auth.js';
import * as accounts from './service.js';

const errors = { 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['admin'];
const config = { access: 'admin' } as const;

/** Admin-only: manage users and read the audit log of security events. */
export const adminRoutes: FastifyPluginAsyncZod<{ deps: accounts.AccountDeps }> = async (app, { deps }) => {
  app.get(
    '/admin/users',
    { config, schema: { tags, summary: 'All users', response: { 200: ListOf(AdminUserDto), ...errors } } },
    async () => ({ items: await accounts.listUsersForAdmin(deps) }),
  );

  app.patch(
    '/admin/users/:id',
    {
      config,
      schema: {
        tags,
        summary: "Change a user's role",
        params: z.object({ id: z.uuid() }),
        body: SetRoleBody,
        response: { 200: AdminUserDto, ...errors },
      },
    },
    async (request) => accounts.setUserRole(deps, request.user, request.params.id, request.body.role, actorOf(request)),
  );

  app.delete(
    '/admin/users/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Delete a user and everything they own',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await accounts.deleteUserAsAdmin(deps, request.user, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/audit',
    {
      config,
      schema: {
        tags,
        summary: 'Security events, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: ListOf(AuditEventDto), ...errors },
      },
    },
    async (request) => ({ items: await accounts.listAuditEvents(deps, request.query.limit) }),
  );
};
