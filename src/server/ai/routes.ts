import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AiConsentBody, AiStatusDto, AiSwitchBody } from '../../shared/ai.js';
import { Problem } from '../../shared/api.js';
import * as ai from './service.js';

const errors = { 400: Problem, 401: Problem, 403: Problem };
const tags = ['ai'];

/** Whether the optional AI layer is on for you, your choice about it, and the admin's switch. */
export const aiRoutes: FastifyPluginAsyncZod<{ deps: ai.AiDeps }> = async (app, { deps }) => {
  app.get(
    '/ai',
    {
      schema: {
        tags,
        summary: 'Whether AI reviews are available, where answers would go, your choice and budget',
        response: { 200: AiStatusDto, ...errors },
      },
    },
    async (request) => ai.getStatus(deps, request.user.id),
  );

  app.put(
    '/ai/consent',
    {
      schema: {
        tags,
        summary: 'Agree to, or opt out of, sending your answers to the configured AI provider',
        body: AiConsentBody,
        response: { 200: AiStatusDto, ...errors },
      },
    },
    async (request) => ai.setConsent(deps, request.user.id, request.body.choice),
  );

  app.put(
    '/admin/ai',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin', ...tags],
        summary: 'Turn the AI layer on or off for everyone (hosted mode)',
        body: AiSwitchBody,
        response: { 200: AiStatusDto, ...errors },
      },
    },
    async (request) => ai.setSwitch(deps, request.user.id, request.body.enabled),
  );
};
