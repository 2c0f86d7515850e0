import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';
import { CliError, parseUsage, type Server } from './client.js';

export const DEFAULT_URL = 'http://localhost:3000';

const Token = z.string().startsWith('onsite_pat_', 'must be a personal API token (onsite_pat_…)');
const Url = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** What `onsite login` stores: one server and its token. */
export const StoredLogin = z.object({ url: Url, token: Token });
export type StoredLogin = z.infer<typeof StoredLogin>;

/** The environment the CLI reads; each variable overrides the stored login. */
const CliEnv = z.object({
  ONSITE_URL: Url.optional(),
  ONSITE_TOKEN: Token.optional(),
});

/**
 * The login file: `$XDG_CONFIG_HOME/onsite/config.json` (`~/.config/onsite/config.json`) on Linux,
 * the platform's config folder elsewhere (env-paths). Holds a secret, so it is written 0600 in a
 * 0700 folder.
 */
export function configFile(): string {
  return path.join(envPaths('onsite', { suffix: '' }).config, 'config.json');
}

export async function readLogin(): Promise<StoredLogin | undefined> {
  let text: string;
  try {
    text = await readFile(configFile(), 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${configFile()} is not JSON; run onsite logout, then onsite login`);
  }
  const parsed = StoredLogin.safeParse(json);
  if (!parsed.success) throw new CliError(`${configFile()} is not a login file; run onsite logout, then onsite login`);
  return parsed.data;
}

export async function writeLogin(login: StoredLogin): Promise<string> {
  const file = configFile();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an older file keeps its bits otherwise.
  await chmod(file, 0o600);
  return file;
}

/** Removes the login file; false when there was none. */
export async function removeLogin(): Promise<boolean> {
  try {
    await rm(configFile());
    return true;
  } catch {
    return false;
  }
}

/**
 * The server to talk to: `ONSITE_URL` and `ONSITE_TOKEN` override the stored login. The stored
 * token is sent only to the server it was stored for, so pointing `ONSITE_URL` elsewhere never
 * hands it to another server.
 */
export async function resolveServer(env: NodeJS.ProcessEnv = process.env): Promise<Server> {
  const vars = parseUsage(
    CliEnv,
    { ONSITE_URL: env.ONSITE_URL || undefined, ONSITE_TOKEN: env.ONSITE_TOKEN || undefined },
    'environment',
  );
  const stored = await readLogin();
  const url = vars.ONSITE_URL ?? stored?.url ?? DEFAULT_URL;
  const token = vars.ONSITE_TOKEN ?? (stored && sameServer(stored.url, url) ? stored.token : undefined);
  return token ? { url, token } : { url };
}

export function sameServer(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}
