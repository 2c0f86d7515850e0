import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiTokenDto,
  ChangePasswordBody,
  CreatedApiTokenDto,
  CreateTokenBody,
  DeleteAccountBody,
  ListOf,
  MeDto,
  Problem,
  ResetConfirmBody,
  ResetRequestBody,
  SessionInfo,
  SignInBody,
  SignUpBody,
} from '../../shared/api.js';
import { IMPORT_BODY_LIMIT, ImportFile, ImportResult } from '../../shared/account-import.js';
import { forbidden } from '../errors.js';
import { actorOf, clearSessionCookie, setSessionCookie } from '../http/auth.js';
import { enforceRateLimit, POLICIES } from '../rate-limit/plugin.js';
import type { BucketStore } from '../rate-limit/token-bucket.js';
import { importAccount } from './import.js';
import * as accounts from './service.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem, 429: Problem };
const tags = ['accounts'];

/** Sessions, sign-up/in/out, password change and reset, the current user, and API tokens. */
export const accountRoutes: FastifyPluginAsyncZod<{ deps: accounts.AccountDeps; rateLimits: BucketStore }> = async (
  app,
  { deps, rateLimits },
) => {
  app.get(
    '/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The current session and its CSRF token',
        description:
          'In personal mode, a browser without a session is signed in to the local profile here (unless it has a password).',
        response: { 200: SessionInfo },
      },
    },
    async (request, reply) => {
      let auth = request.auth;
      if (auth?.via === 'local') {
        const session = await accounts.createSession(deps, auth.user, actorOf(request));
        setSessionCookie(request, reply, session);
        auth = { via: 'session', user: auth.user, sessionId: session.id, csrfToken: session.csrfToken };
      }
      return {
        mode: deps.mode,
        user: auth ? accounts.toMe(auth.user) : null,
        csrfToken: auth?.via === 'session' ? auth.csrfToken : null,
      };
    },
  );

  app.post(
    '/auth/sign-up',
    {
      config: { access: 'public', authRateLimit: true, skipCsrf: true, idempotent: true },
      schema: {
        tags,
        summary: 'Create an account (hosted mode); then sign in',
        description:
          'Always `202` with no body once the password passes the policy, whether or not the address already has an account, and after the same work: the answer reveals nothing about which addresses are registered. For an address that has an account, its owner is sent a password-reset link (by default, in the server log) and nothing else changes. Sign in with `POST /v1/auth/sign-in` afterwards.',
        body: SignUpBody,
        response: { 202: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await enforceRateLimit(rateLimits, reply, `auth-sign-up:${request.body.email}`, POLICIES.authPerAccount);
      await accounts.signUp(deps, request.body, actorOf(request));
      return reply.code(202).send(null);
    },
  );

  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public', authRateLimit: true, skipCsrf: true },
      schema: {
        tags,
        summary: 'Sign in; replaces any current session (no session fixation)',
        body: SignInBody,
        response: { 200: SessionInfo, ...errors },
      },
    },
    async (request, reply) => {
      if (request.body.email)
        await enforceRateLimit(rateLimits, reply, `auth-account:${request.body.email}`, POLICIES.authPerAccount);
      const { user, session } = await accounts.signIn(deps, request.body, actorOf(request));
      // Only a successful sign-in replaces the current session; a failed one leaves it alone.
      if (request.auth?.via === 'session') await accounts.signOut(deps, request.auth.sessionId);
      setSessionCookie(request, reply, session);
      return { mode: deps.mode, user: accounts.toMe(user), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign out of this session', response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      if (request.auth?.via === 'session') await accounts.signOut(deps, request.auth.sessionId);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    {
      schema: {
        tags,
        summary: 'End every session of the current user and revoke every API token',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await accounts.signOutEverywhere(deps, request.user, actorOf(request));
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public', authRateLimit: true, skipCsrf: true },
      schema: {
        tags,
        summary: 'Request a password reset',
        description:
          'Always 202, whether or not the email has an account. The single-use token (valid 30 minutes) goes to the mailer — by default, the server log.',
        body: ResetRequestBody,
        response: { 202: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await enforceRateLimit(rateLimits, reply, `auth-account:${request.body.email}`, POLICIES.authPerAccount);
      accounts.requestPasswordReset(deps, request.body.email, actorOf(request));
      return reply.code(202).send(null);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public', authRateLimit: true, skipCsrf: true },
      schema: {
        tags,
        summary: 'Set a new password with a reset token; ends every session and revokes every API token',
        description:
          'A password the policy refuses (`weak_password`) leaves the link usable. Success uses the link and voids every other outstanding reset link of the account.',
        body: ResetConfirmBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await accounts.confirmPasswordReset(deps, request.body.token, request.body.newPassword, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags, summary: 'The current user', response: { 200: MeDto, 401: Problem } } },
    async (request) => accounts.toMe(request.user),
  );

  app.put(
    '/me/password',
    {
      schema: {
        tags,
        summary: 'Set or change the password; every other session ends and every API token is revoked',
        body: ChangePasswordBody,
        response: { 200: SessionInfo, ...errors },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const session = await accounts.changePassword(deps, user, request.body, actorOf(request));
      setSessionCookie(request, reply, session);
      return { mode: deps.mode, user: { ...accounts.toMe(user), hasPassword: true }, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/me/export',
    {
      schema: {
        tags,
        summary: 'Everything Onsite stores about you, as JSON',
        response: { 200: z.record(z.string(), z.unknown()), 401: Problem },
      },
    },
    async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="onsite-export.json"');
      return accounts.exportAccount(deps, request.user);
    },
  );

  app.post(
    '/me/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      // The service validates the file, so a wrong one is `invalid_export_file` with each field's path.
      validatorCompiler: () => (data) => ({ value: data }),
      schema: {
        tags,
        summary: 'Import an export file into your account',
        description:
          'Send the JSON that `GET /v1/me/export` downloaded (from this or another Onsite, up to 8 MiB). ' +
          'The study plan is replaced; cards, answers and lab drafts are merged (the more recent of each ' +
          'wins; answers already there are not added again), so importing twice changes nothing. ' +
          'Sessions, tokens, audit records, reports and graded work are not imported.',
        body: ImportFile,
        response: { 200: ImportResult, 413: Problem, ...errors },
      },
    },
    async (request) => importAccount(deps, request.user, request.body, actorOf(request)),
  );

  app.delete(
    '/me',
    {
      schema: {
        tags,
        summary: 'Delete your account and everything it owns',
        body: DeleteAccountBody.optional(),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await accounts.deleteAccount(deps, request.user, request.body?.password, actorOf(request));
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/tokens',
    { schema: { tags, summary: 'Your API tokens', response: { 200: ListOf(ApiTokenDto), 401: Problem } } },
    async (request) => ({
      items: await accounts.listApiTokens(deps, request.user),
    }),
  );

  app.post(
    '/me/tokens',
    {
      config: { idempotent: true, responseHoldsSecret: true },
      schema: {
        tags,
        summary: 'Create an API token; the secret is shown only in this response',
        description:
          'Only from a signed-in browser session (`403 session_required` with an API token), so a stolen token cannot mint more. With an `Idempotency-Key`, a retry does not create a second token, but the secret is never stored to be replayed: the retry answers `409 idempotency_secret_not_replayed`; list your tokens to see the one created.',
        body: CreateTokenBody,
        response: { 201: CreatedApiTokenDto, ...errors },
      },
    },
    async (request, reply) => {
      if (request.auth?.via !== 'session') {
        throw forbidden('session_required', 'API tokens can only be created from a signed-in session.');
      }
      return reply.code(201).send(await accounts.createApiToken(deps, request.user, request.body, actorOf(request)));
    },
  );

  app.delete(
    '/me/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 404: Problem, ...errors },
      },
    },
    async (request, reply) => {
      await accounts.revokeApiToken(deps, request.user, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );
};
