import { timingSafeEqual } from 'node:crypto';
import { parseCookie, type SetCookie, stringifySetCookie } from 'cookie';
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
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { originMatchesHost } from './origin.js';
import { enforceRateLimit, enforceRateLimitNow, POLICIES } from '../rate-limit/plugin.js';
import type { BucketStore } from '../rate-limit/token-bucket.js';

const SESSION_COOKIE = 'onsite_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READ_METHODS = new Set(['GET', 'HEAD']);
const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * How the request is authenticated: a session cookie (browser; CSRF token required to change
 * anything), a personal API token (scripts; `read` scope may only read), or — in personal mode,
 * for reads only, while the local profile has no password — the local profile itself.
 */
type Auth =
  | { via: 'session'; user: UserRow; sessionId: string; csrfToken: string }
  | { via: 'token'; user: UserRow; scope: Scope }
  | { via: 'local'; user: UserRow };

declare module 'fastify' {
  /* eslint-disable @typescript-eslint/no-unused-vars -- the parameters repeat Fastify's own, as a
     merge must; only ContextConfig (the route's `config`) is read. */
  interface FastifyRequest<
    RouteGeneric,
    RawServer,
    RawRequest,
    SchemaCompiler,
    TypeProvider,
    ContextConfig,
    Logger,
    RequestType,
  > {
    /* eslint-enable @typescript-eslint/no-unused-vars */
    auth: Auth | null;
    /**
     * The signed-in user. Non-null by type on every route that does not declare `access: 'public'`,
     * because the access hook refused anonymous requests before the handler ran; on a public route,
     * `null` when nobody is signed in. Outside `/v1` nobody is authenticated, so it is `null` on a
     * route declared public there and throws 401 `unauthenticated` on any other.
     */
    readonly user: ContextConfig extends { access: 'public' } ? UserRow | null : UserRow;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route. Every route under `/v1` that does not declare it is `user`, so a
     * forgotten declaration fails closed; routes outside the API (docs, probes, the web app) are
     * not authenticated. Enforced by one hook on the route that matched, after the router decoded
     * the path.
     */
    access?: Access;
    /**
     * What an API token must be allowed to do to call the route: a `read` token may call only
     * `read` routes. Undeclared, it is `read` for GET and HEAD and `write` for every other method.
     * A password-less local profile (personal mode) is held to `read` too.
     */
    scope?: Scope;
    /** Strict per-IP budget for sign-in, sign-up and password reset. */
    authRateLimit?: boolean;
    /** Skip the CSRF check: the route is itself how a browser obtains a session. */
    skipCsrf?: boolean;
  }
}

/** `public`: anyone; `user`: a signed-in user (or personal mode's local profile, for reads); `admin`: an admin. */
type Access = 'public' | 'user' | 'admin';

/** What an API token may do: `read` only reads, `write` may also change things. */
type Scope = 'read' | 'write';

declare module 'fastify' {
  interface FastifySchema {
    /** Who may call the operation, as the OpenAPI document states it (set from `config.access`). */
    'x-access'?: Access;
  }
}

interface AuthOptions {
  accounts: AccountDeps;
  rateLimits: BucketStore;
  rateLimitPerMinute: number;
}

export function actorOf(request: FastifyRequest): Actor {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

const signInFirst = () => unauthenticated('unauthenticated', 'Sign in to continue.');

function currentUser(this: FastifyRequest): UserRow | null {
  if (this.auth) return this.auth.user;
  if (this.routeOptions.config.access === 'public') return null;
  // Never on a `/v1` route: the access hook refused the anonymous request before any handler ran.
  throw signInFirst();
}

/**
 * Bucket keys `prefix` + caller id, handing back the same string object while the same caller
 * repeats: a key built afresh on each request is a new string that the bucket map hashes again,
 * which was a sizeable share of a cached read's authorisation.
 */
function repeatingKeys(prefix: string): (id: string) => string {
  let lastId: string | undefined;
  let lastKey = '';
  return (id) => {
    if (id !== lastId) {
      lastId = id;
      lastKey = prefix + id;
    }
    return lastKey;
  };
}

function isApiPath(url: string): boolean {
  return url === '/v1' || url.startsWith('/v1/');
}

/** The session cookie the request carries, if any. */
function sessionCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/**
 * Sets the session cookie, which is the only cookie Onsite sets, so it replaces one set earlier in
 * the same response (a stale cookie the access hook cleared, then the session sign-in made). The
 * cookie is read and written here rather than through `@fastify/cookie`, whose hooks parsed the
 * header and checked for cookies to send on every request, cookie or not.
 */
function sendSessionCookie(request: FastifyRequest, reply: FastifyReply, cookie: Omit<SetCookie, 'name'>): void {
  reply.removeHeader('set-cookie');
  reply.header(
    'set-cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      // `Secure` whenever the request arrived over TLS (directly, or via a trusted proxy).
      secure: request.protocol === 'https',
      ...cookie,
    }),
  );
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
  sendSessionCookie(request, reply, { value: session.token, maxAge: session.maxAgeSeconds });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  sendSessionCookie(request, reply, { value: '', maxAge: 0, expires: new Date(0) });
}

async function authPlugin(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const { accounts, rateLimits } = options;
  const apiPolicy = POLICIES.apiPerMinute(options.rateLimitPerMinute);
  const userBucket = repeatingKeys('api:user:');
  const ipBucket = repeatingKeys('api:ip:');
  app.decorateRequest('auth', null);
  // Typed per route by the `declare module` above: `null` only where the route declared `public`.
  app.decorateRequest('user', { getter: currentUser as (this: FastifyRequest) => UserRow });

  // Every API route gets its access level and token scope when it is declared, so the hook below
  // never guesses; the OpenAPI document states both.
  app.addHook('onRoute', (route) => {
    if (!isApiPath(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access ?? 'user';
    const scope = route.config?.scope ?? (methods.every((method) => READ_METHODS.has(method)) ? 'read' : 'write');
    route.config = { ...route.config, access, scope };
    if (!route.schema) return;
    const security: Record<string, string[]>[] = access === 'public' ? [] : [{ session: [] }, { token: [scope] }];
    route.schema = { ...route.schema, security: route.schema.security ?? security, 'x-access': access };
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
    const isApi = matched && isApiPath(route.url!);
    // Requests no route matched still count against the client's budget, so probing costs too.
    if (!isApi) {
      if (!matched) await enforceRateLimit(rateLimits, reply, ipBucket(request.ip), apiPolicy);
      return;
    }
    const unsafe = UNSAFE_METHODS.has(request.method);
    if (unsafe && !originMatchesHost(request.headers.origin, request.headers.host)) {
      throw forbidden('csrf_failed', 'Cross-site request refused.');
    }
    try {
      request.auth = await authenticate(request, reply, accounts);
    } catch (error) {
      // A made-up token still spends the client's budget, so guessing tokens is rate limited too.
      await enforceRateLimit(rateLimits, reply, ipBucket(request.ip), apiPolicy);
      throw error;
    }
    const key = request.auth ? userBucket(request.auth.user.id) : ipBucket(request.ip);
    await enforceRateLimit(rateLimits, reply, key, apiPolicy);
    if (route.config.authRateLimit) {
      await enforceRateLimit(rateLimits, reply, `auth-ip:${request.ip}`, POLICIES.authPerIp);
    }
    const auth = request.auth;
    if (unsafe && auth?.via === 'session' && !route.config.skipCsrf) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfToken)) {
        throw forbidden('csrf_failed', 'Missing or invalid CSRF token; reload the page and try again.');
      }
    }
    if (route.config.scope === 'write') {
      if (auth?.via === 'token' && auth.scope === 'read') {
        throw forbidden('insufficient_scope', 'This API token is read-only.');
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
  /** The last Host a request to this personal instance was allowed with (null: none yet, so no Host never matches). */
  let lastLocalHost: string | null = null;

  function authorizeNow(request: FastifyRequest, reply: FastifyReply): boolean {
    if (accounts.mode === 'personal') {
      const host = request.headers.host;
      if (host !== lastLocalHost) {
        // A personal instance answers only to local names: this defeats DNS-rebinding attacks.
        if (!LOCAL_HOSTS.test(host ?? '')) {
          throw new AppError('host_not_allowed', 'This personal Onsite only answers requests addressed to localhost.');
        }
        // Clients send the same Host on every request: the next one with it skips the pattern.
        lastLocalHost = host ?? null;
      }
    }
    const route = request.routeOptions;
    const url = route.url;
    if (url !== undefined && !isApiPath(url)) return true;
    if (url === undefined) return enforceRateLimitNow(rateLimits, reply, ipBucket(request.ip), apiPolicy);
    if (UNSAFE_METHODS.has(request.method) || route.config.scope === 'write' || route.config.authRateLimit) {
      return false;
    }
    if (request.headers.authorization || sessionCookieOf(request)) return false;
    let auth: Auth | null = null;
    if (accounts.mode === 'personal') {
      const local = accounts.localProfile;
      if (!local) return false;
      if (!local.passwordHash) auth = { via: 'local', user: local };
    }
    if (!rateLimits.takeNow) return false;
    request.auth = auth;
    enforceRateLimitNow(rateLimits, reply, auth ? userBucket(auth.user.id) : ipBucket(request.ip), apiPolicy);
    requireAccess(request, route.config.access);
    return true;
  }
}

/** Refuses the request unless its caller has the route's access level: 401 for nobody, 403 for a non-admin. */
function requireAccess(request: FastifyRequest, access: Access = 'user'): void {
  if (access === 'public') return;
  if (!request.auth) throw signInFirst();
  if (access === 'admin' && request.auth.user.role !== 'admin') {
    throw forbidden('forbidden', 'Only an admin can do this.');
  }
}

async function authenticate(request: FastifyRequest, reply: FastifyReply, accounts: AccountDeps): Promise<Auth | null> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    const found = scheme?.toLowerCase() === 'bearer' && token ? await resolveApiToken(accounts, token) : undefined;
    if (!found) throw unauthenticated('invalid_token', 'The API token is invalid or has been revoked.');
    return { via: 'token', user: found.user, scope: found.token.scope === 'write' ? 'write' : 'read' };
  }
  const cookie = sessionCookieOf(request);
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
