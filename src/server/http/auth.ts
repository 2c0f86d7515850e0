import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  type AccountDeps,
  type Actor,
  ensureLocalProfile,
  type NewSession,
  resolveApiToken,
  resolveSession,
  type UserRow,
} from '../accounts/service.js';
import { AppError } from '../errors.js';
import { originMatchesHost } from './origin.js';
import { enforceRateLimit, enforceRateLimitNow, POLICIES } from '../rate-limit/plugin.js';
import type { BucketStore } from '../rate-limit/token-bucket.js';

export const SESSION_COOKIE = 'onsite_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * How the request is authenticated: a session cookie (browser; CSRF token required to change
 * anything), a personal API token (scripts; `read` scope may only read), or — in personal mode,
 * for reads only, while the local profile has no password — the local profile itself.
 */
export type Auth =
  | { via: 'session'; user: UserRow; sessionId: string; csrfToken: string }
  | { via: 'token'; user: UserRow; scope: 'read' | 'write' }
  | { via: 'local'; user: UserRow };

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route. Every route under `/v1` that does not declare it is `user`, so a
     * forgotten declaration fails closed; routes outside the API (docs, probes, the web app) are
     * `public`. Enforced by one hook on the route that matched, after the router decoded the path.
     */
    access?: Access;
    /** Strict per-IP budget for sign-in, sign-up and password reset. */
    authRateLimit?: boolean;
    /** Skip the CSRF check: the route is itself how a browser obtains a session. */
    skipCsrf?: boolean;
  }
}

/** `public`: anyone; `user`: a signed-in user (or personal mode's local profile, for reads); `admin`: an admin. */
export type Access = 'public' | 'user' | 'admin';

export interface AuthOptions {
  accounts: AccountDeps;
  rateLimits: BucketStore;
  rateLimitPerMinute: number;
}

export function actorOf(request: FastifyRequest): Actor {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The signed-in user, or 401 `unauthenticated`. */
export function requireUser(request: FastifyRequest): UserRow {
  if (!request.auth) throw new AppError('unauthenticated', 401, 'Sign in to continue.');
  return request.auth.user;
}

export function requireAdmin(request: FastifyRequest): UserRow {
  const user = requireUser(request);
  if (user.role !== 'admin') throw new AppError('forbidden', 403, 'Only an admin can do this.');
  return user;
}

/** `Secure` whenever the request arrived over TLS (directly, or via a trusted proxy). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: session.maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

async function authPlugin(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const { accounts, rateLimits } = options;
  const apiPolicy = POLICIES.apiPerMinute(options.rateLimitPerMinute);
  await app.register(fastifyCookie);
  app.decorateRequest('auth', null);

  // Every route gets an access level when it is declared, so the hook below never guesses.
  app.addHook('onRoute', (route) => {
    const declared = route.config?.access;
    const isApi = route.url === '/v1' || route.url.startsWith('/v1/');
    const access = declared ?? (isApi ? 'user' : 'public');
    route.config = { ...route.config, access };
    // The OpenAPI document says which operations need no credentials.
    if (access === 'public' && isApi && route.schema && route.schema.security === undefined) {
      route.schema = { ...route.schema, security: [] };
    }
  });

  /*
   * One hook, on the route that matched: Fastify's router has already decoded the path, so
   * `/%761/auth/sign-in`, `/v1/auth/sign-in/` and `/v1/auth/sign-in` are one route with one budget,
   * one access level and one CSRF rule. Nothing here reads the raw URL.
   */
  app.addHook('onRequest', (request, reply, done) => {
    let handled: boolean;
    try {
      handled = authorizeNow(request, reply);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (handled) done();
    else authorize(request, reply).then(() => done(), done);
  });

  async function authorize(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const route = request.routeOptions;
    const matched = route.url !== undefined;
    const isApi = matched && (route.url === '/v1' || route.url!.startsWith('/v1/'));
    // Requests no route matched still count against the client's budget, so probing costs too.
    if (!isApi) {
      if (!matched) await enforceRateLimit(rateLimits, reply, `api:ip:${request.ip}`, apiPolicy);
      return;
    }
    const unsafe = UNSAFE_METHODS.has(request.method);
    if (unsafe && !originMatchesHost(request.headers.origin, request.headers.host)) {
      throw new AppError('csrf_failed', 403, 'Cross-site request refused.');
    }
    try {
      request.auth = await authenticate(request, reply, accounts);
    } catch (error) {
      // A made-up token still spends the client's budget, so guessing tokens is rate limited too.
      await enforceRateLimit(rateLimits, reply, `api:ip:${request.ip}`, apiPolicy);
      throw error;
    }
    const key = request.auth ? `user:${request.auth.user.id}` : `ip:${request.ip}`;
    await enforceRateLimit(rateLimits, reply, `api:${key}`, apiPolicy);
    if (route.config.authRateLimit) {
      await enforceRateLimit(rateLimits, reply, `auth-ip:${request.ip}`, POLICIES.authPerIp);
    }
    const auth = request.auth;
    if (unsafe) {
      if (auth?.via === 'session' && !route.config.skipCsrf) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfToken)) {
          throw new AppError('csrf_failed', 403, 'Missing or invalid CSRF token; reload the page and try again.');
        }
      }
      if (auth?.via === 'token' && auth.scope === 'read') {
        throw new AppError('insufficient_scope', 403, 'This API token is read-only.');
      }
      // The password-less local profile may read; changing anything needs a real session.
      if (auth?.via === 'local') request.auth = null;
    }
    requireAccess(request, route.config.access);
  }

  /**
   * What `authorize` does, without a promise, for the requests that need nothing waited for: a
   * route outside the API; or a read of the API with neither a token nor a session cookie, whose
   * caller is the local profile already loaded (personal mode) or nobody, with buckets in memory.
   * Returns false, having changed nothing, for every other request. Most requests are of this kind,
   * and a hook that returns a promise costs each of them several turns of the microtask queue.
   */
  function authorizeNow(request: FastifyRequest, reply: FastifyReply): boolean {
    if (accounts.mode === 'personal' && !LOCAL_HOSTS.test(request.headers.host ?? '')) {
      // A personal instance answers only to local names: this defeats DNS-rebinding attacks.
      throw new AppError('host_not_allowed', 421, 'This personal Onsite only answers requests addressed to localhost.');
    }
    const route = request.routeOptions;
    const url = route.url;
    if (url !== undefined && url !== '/v1' && !url.startsWith('/v1/')) return true;
    if (url === undefined) return enforceRateLimitNow(rateLimits, reply, `api:ip:${request.ip}`, apiPolicy);
    if (UNSAFE_METHODS.has(request.method) || route.config.authRateLimit) return false;
    if (request.headers.authorization || request.cookies[SESSION_COOKIE]) return false;
    let auth: Auth | null = null;
    if (accounts.mode === 'personal') {
      const local = accounts.localProfile;
      if (!local) return false;
      if (!local.passwordHash) auth = { via: 'local', user: local };
    }
    if (!rateLimits.takeNow) return false;
    request.auth = auth;
    enforceRateLimitNow(rateLimits, reply, auth ? `api:user:${auth.user.id}` : `api:ip:${request.ip}`, apiPolicy);
    requireAccess(request, route.config.access);
    return true;
  }
}

function requireAccess(request: FastifyRequest, access: Access = 'user'): void {
  if (access !== 'public') requireUser(request);
  if (access === 'admin') requireAdmin(request);
}

async function authenticate(request: FastifyRequest, reply: FastifyReply, accounts: AccountDeps): Promise<Auth | null> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    const found = scheme?.toLowerCase() === 'bearer' && token ? await resolveApiToken(accounts, token) : undefined;
    if (!found) throw new AppError('invalid_token', 401, 'The API token is invalid or has been revoked.');
    return { via: 'token', user: found.user, scope: found.token.scope === 'write' ? 'write' : 'read' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    const found = await resolveSession(accounts, cookie);
    if (found)
      return { via: 'session', user: found.user, sessionId: found.session.id, csrfToken: found.session.csrfToken };
    clearSessionCookie(request, reply);
  }
  if (accounts.mode === 'personal') {
    const local = await ensureLocalProfile(accounts);
    if (!local.passwordHash) return { via: 'local', user: local };
  }
  return null;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const authentication = fp(authPlugin, { name: 'onsite-auth' });
