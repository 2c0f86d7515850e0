import { password as askPassword, input } from '@inquirer/prompts';
import { z } from 'zod';
import { CreatedApiTokenDto, MeDto, SessionInfo } from '../shared/api.js';
import { Api, CliError, EXIT, parseUsage, REQUEST_TIMEOUT_MS } from './client.js';
import { DEFAULT_URL, readLogin, removeLogin, resolveServer, StoredLogin, writeLogin } from './config.js';
import type { Output } from './output.js';

const LoginOptions = z.object({
  url: z.string().optional(),
  token: z.string().optional(),
});

/** `alice <alice@example.com> (user)`, or the personal-mode local profile. */
function describeMe(me: MeDto): string {
  return me.isLocal ? `local profile (${me.role})` : `${me.displayName} <${me.email}> (${me.role})`;
}

/**
 * `onsite login [--url URL] [--token TOKEN]`: checks the token with `GET /v1/me`, then stores the
 * server and token (0600). Missing values are asked for at a terminal. A personal server's local
 * profile without a password needs no token: one is created for it (`write` scope), since such a
 * server only answers on localhost and lets that profile in anyway.
 */
export async function login(out: Output, raw: unknown): Promise<void> {
  const options = parseUsage(LoginOptions, raw, 'options');
  const stored = await readLogin();
  let url = options.url ?? process.env.ONSITE_URL;
  if (url === undefined && out.interactive)
    url = await input({ message: 'Onsite server URL', default: stored?.url ?? DEFAULT_URL });
  url ??= DEFAULT_URL;
  parseUsage(StoredLogin.shape.url, url, 'server URL');
  let token = options.token ?? process.env.ONSITE_TOKEN;
  if (token === undefined) token = await tokenOfLocalProfile(url);
  if (token === undefined && out.interactive) {
    out.print(`Create a token on ${new URL('/account', url).href} (Account → API tokens, scope write).`);
    token = await askPassword({ message: 'API token', mask: true });
  }
  if (token === undefined)
    throw new CliError('a token is needed: onsite login --url URL --token onsite_pat_…', EXIT.usage);
  const login = parseUsage(StoredLogin, { url, token }, 'login');
  const me = await new Api(login).get(MeDto, '/v1/me');
  const file = await writeLogin(login);
  out.print(`Signed in to ${login.url} as ${describeMe(me)}; token stored in ${file}`);
}

/** A write token for a personal server's password-less local profile, or undefined on any other server. */
async function tokenOfLocalProfile(url: string): Promise<string | undefined> {
  const response = await fetch(new URL('/v1/auth/session', url), {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  }).catch(() => {
    throw new CliError(`cannot reach Onsite at ${url} (is it running?)`);
  });
  const session = SessionInfo.safeParse(await response.json().catch(() => undefined));
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('onsite_session='));
  if (!session.success || session.data.mode !== 'personal' || !session.data.csrfToken || !cookie) return undefined;
  const created = await new Api({ url }).post(
    CreatedApiTokenDto,
    '/v1/me/tokens',
    { name: `onsite CLI (${new Date().toISOString().slice(0, 10)})`, scope: 'write' },
    { headers: { cookie: cookie.split(';')[0]!, 'x-csrf-token': session.data.csrfToken } },
  );
  return created.token;
}

export async function whoami(out: Output, options: { json?: boolean }): Promise<void> {
  const server = await resolveServer();
  const me = await new Api(server).get(MeDto, '/v1/me');
  if (options.json) return out.json(me);
  out.print(`${describeMe(me)} on ${server.url}${server.token ? '' : ' (no token: read-only)'}`);
}

export async function logout(out: Output): Promise<void> {
  out.print(
    (await removeLogin())
      ? 'Signed out: the stored token is removed (revoke it under Account → API tokens).'
      : 'Not signed in.',
  );
}

/** The API of the resolved server. */
export async function connect(): Promise<Api> {
  return new Api(await resolveServer());
}
