import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { ERROR_CATALOGUE, ERROR_CODES } from '../shared/error-codes.js';
import {
  AppError,
  conflict,
  forbidden,
  invalid,
  notFound,
  rateLimited,
  unauthenticated,
  unavailable,
  unprocessable,
} from './errors.js';

const SERVER_DIR = path.dirname(new URL(import.meta.url).pathname);

/** The server's own sources, tests left out. */
async function serverSources(): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(SERVER_DIR, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
}

describe('the error catalogue', () => {
  it('gives every AppError the status the catalogue lists for its code', () => {
    for (const code of ERROR_CODES) expect(new AppError(code, 'x').status, code).toBe(ERROR_CATALOGUE[code].status);
    expect(ERROR_CODES.length).toBeGreaterThan(60);
  });

  it('has a named factory per status, each taking only the codes of its status', () => {
    expect(invalid('invalid_cursor', 'x').status).toBe(400);
    expect(unauthenticated('unauthenticated', 'x').status).toBe(401);
    expect(forbidden('forbidden', 'x').status).toBe(403);
    expect(notFound('lab_not_found', 'x').status).toBe(404);
    expect(conflict('plan_required', 'x').status).toBe(409);
    expect(unprocessable('idempotency_key_reused', 'x').status).toBe(422);
    expect(rateLimited('x')).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(unavailable('sandbox_unavailable', 'x').status).toBe(503);
    // Checked by tsc (`npm run check`): a code outside the catalogue, or of another status, does not compile.
    // @ts-expect-error not a catalogue code
    expect(() => new AppError('no_such_code', 'x')).toThrow();
    // @ts-expect-error `rate_limited` is a 429, not a 404
    expect(notFound('rate_limited', 'x').status).toBe(429);
  });

  it('keeps the error it wraps as its cause, and field problems as typed details', () => {
    const origin = new SyntaxError('Unexpected token');
    const error = invalid('invalid_export_file', 'Not an export file.', {
      cause: origin,
      details: { errors: [{ path: 'file.version', message: 'Required' }] },
    });
    expect(error.cause).toBe(origin);
    expect(error.details?.errors).toEqual([{ path: 'file.version', message: 'Required' }]);
    expect('cause' in invalid('invalid_cursor', 'x')).toBe(false);
  });

  it('holds every code the server throws or sends, and only those', async () => {
    const sources = await serverSources();
    const thrown = new Set<string>();
    const call =
      /\b(?:new AppError\(|invalid\(|unauthenticated\(|forbidden\(|notFound\(|conflict\(|unprocessable\(|unavailable\(|sendProblem\(request, reply,|problem\(response,)\s*'([a-z_]+)'/g;
    for (const { text } of sources) for (const match of text.matchAll(call)) thrown.add(match[1]!);
    expect(thrown.size).toBeGreaterThan(50);
    expect([...thrown].filter((code) => !(code in ERROR_CATALOGUE))).toEqual([]);
    // And no code lingers in the catalogue that nothing in the server mentions.
    const everything = sources.map((s) => s.text).join('\n');
    expect(ERROR_CODES.filter((code) => !everything.includes(`'${code}'`))).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it("lists every code as the Problem schema's enum, and each code's status and meaning in its description", async () => {
    const doc = (await t.app.inject('/openapi.json')).json() as {
      info: { description: string };
      components: { schemas: Record<string, { properties?: { code?: { enum?: string[] } } }> };
    };
    expect(doc.components.schemas.Problem?.properties?.code?.enum?.toSorted()).toEqual(ERROR_CODES.toSorted());
    for (const code of ERROR_CODES) {
      const { status, meaning } = ERROR_CATALOGUE[code];
      expect(doc.info.description).toContain(`| \`${code}\` | ${status} | ${meaning} |`);
    }
  });
});
