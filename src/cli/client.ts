import { z } from 'zod';

/** The CLI's environment: where Onsite runs and the personal API token to send. */
export const CliEnv = z.object({
  ONSITE_URL: z.url().default('http://localhost:3000'),
  ONSITE_TOKEN: z.string().startsWith('onsite_pat_', 'must be a personal API token (onsite_pat_…)').optional(),
});

/** A failure to report on one line; the CLI exits non-zero with its message. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** GETs `path` from the API with the token, turning problem+json errors into one-line CliErrors. */
export async function apiGet<T>(env: z.infer<typeof CliEnv>, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, env.ONSITE_URL), {
      headers: {
        accept: 'application/json',
        ...(env.ONSITE_TOKEN ? { authorization: `Bearer ${env.ONSITE_TOKEN}` } : {}),
      },
    });
  } catch {
    throw new CliError(`cannot reach Onsite at ${env.ONSITE_URL} (is it running? set ONSITE_URL)`);
  }
  const body = (await response.json().catch(() => ({}))) as { detail?: string; code?: string };
  if (!response.ok)
    throw new CliError(`${response.status} ${body.code ?? 'error'}: ${body.detail ?? response.statusText}`);
  return body as T;
}
