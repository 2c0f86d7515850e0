import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type z } from 'zod';
import { ListOf, MeDto, PlanDto, ProgressDto, QuestionDto, QuestionPage } from '../shared/api.js';
import { LabDetail, LabSummary, SubmissionDto } from '../shared/labs.js';
import { PROJECT_ROOT } from '../server/paths.js';
import { signUp, type TestApp } from '../../test/app.js';
import { transpileServer } from '../../test/build.js';
import { cliHome, runCli, startCliServer } from '../../test/cli.js';
import { json } from '../../test/json.js';

let server: TestApp & { url: string };
let home: Awaited<ReturnType<typeof cliHome>>;
let token: string;
let readToken: string;
/**
 * `onsite` as an install without the sources runs it: the build's bin/onsite.js and dist/cli, made
 * once for this file by test/build.ts. Each of the file's ~60 runs then starts plain Node instead
 * of compiling the sources through tsx, which took most of its time. The checkout's launcher (bin
 * → tsx → src) is run by terminal.e2e.test.ts.
 */
let build: Awaited<ReturnType<typeof transpileServer>>;
let builtBin: string;

const ESC = '\u001b[';

beforeAll(async () => {
  [build, server] = await Promise.all([transpileServer({ cli: true }), startCliServer({ mode: 'hosted' })]);
  builtBin = path.join(build.root, 'bin/onsite.js');
  home = await cliHome();
  const { headers } = await signUp(server.app, 'cli@example.com');
  const mint = async (scope: string) =>
    (await server.app.inject({ method: 'POST', url: '/v1/me/tokens', headers, payload: { name: 'cli', scope } })).json()
      .token as string;
  token = await mint('write');
  readToken = await mint('read');
});
afterAll(async () => {
  await server?.close();
  await home?.cleanup();
  await build?.cleanup();
});

/** `onsite …` with no terminal, signed in by the stored login unless `env` overrides it. */
const cli = (args: string[], env: Record<string, string> = {}, cwd?: string) =>
  runCli(args, { ...home.env, ...env }, cwd ?? home.dir, builtBin);

function parseJson<T>(schema: z.ZodType<T>, stdout: string): T {
  return schema.parse(JSON.parse(stdout));
}

describe('onsite login, whoami, logout', () => {
  it('checks the token, stores it 0600 in the config folder, and uses it until logout', async () => {
    const bad = await cli(['login', '--url', server.url, '--token', 'onsite_pat_not-a-real-token']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('onsite: 401 invalid_token: The API token is invalid or has been revoked.\n');

    const login = await cli(['login', '--url', server.url, '--token', token]);
    expect(login.code).toBe(0);
    const file = path.join(home.env.XDG_CONFIG_HOME!, 'onsite', 'config.json');
    expect(login.stdout).toContain(
      `Signed in to ${server.url} as cli <cli@example.com> (admin); token stored in ${file}`,
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ url: server.url, token });

    const me = await cli(['whoami', '--json']);
    expect(me.code).toBe(0);
    expect(parseJson(MeDto, me.stdout).email).toBe('cli@example.com');

    const plain = await cli(['whoami']);
    expect(plain.stdout).toBe(`cli <cli@example.com> (admin) on ${server.url}\n`);
  });

  it('lets ONSITE_URL and ONSITE_TOKEN override the stored login, never sending the stored token elsewhere', async () => {
    await cli(['login', '--url', server.url, '--token', token]);
    const overridden = await cli(['whoami'], { ONSITE_TOKEN: 'onsite_pat_revoked' });
    expect(overridden.stderr).toContain('401 invalid_token');
    // Another origin for the same server: the stored token is not sent, so the request is anonymous.
    const elsewhere = await cli(['whoami'], { ONSITE_URL: server.url.replace('127.0.0.1', 'localhost') });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toMatch(/^onsite: 401 unauthenticated: /);
    const down = await cli(['whoami'], { ONSITE_URL: 'http://127.0.0.1:9' });
    expect(down.stderr).toBe(
      'onsite: cannot reach Onsite at http://127.0.0.1:9 (is it running? check the URL of onsite login)\n',
    );
  });

  it('forgets the token on logout', async () => {
    const logout = await cli(['logout'], {}, home.dir);
    expect(logout.stdout).toContain('Signed out');
    const after = await cli(['whoami'], { ONSITE_URL: server.url });
    expect(after.stderr).toMatch(/^onsite: 401 unauthenticated: /);
    expect((await cli(['logout'])).stdout).toBe('Not signed in.\n');
    await cli(['login', '--url', server.url, '--token', token]);
  });
});

describe('--json on read commands, validated against the API schemas', () => {
  it('questions, question, lab list, lab get, plan and progress', async () => {
    await cli(['login', '--url', server.url, '--token', token]);
    const page = parseJson(
      QuestionPage,
      (await cli(['questions', '--area', 'databases', '--level', 'mid', '--json'])).stdout,
    );
    expect(page.items.map((q) => q.id)).toContain('n-plus-one');
    expect(parseJson(QuestionDto, (await cli(['question', 'acid', '--json'])).stdout).id).toBe('acid');
    const labs = parseJson(ListOf(LabSummary), (await cli(['lab', 'list', '--language', 'sql', '--json'])).stdout);
    expect(labs.items.length).toBeGreaterThan(0);
    expect(labs.items.every((lab) => lab.languages.includes('sql'))).toBe(true);
    const lab = parseJson(LabDetail, (await cli(['lab', 'get', 'lru-cache', '--language', 'python', '--json'])).stdout);
    expect(lab.slug).toBe('lru-cache');
    const plan = parseJson(PlanDto, (await cli(['plan', '--level', 'mid', '--hours', '10', '--json'])).stdout);
    expect(plan.levels).toEqual(['mid']);
    const progress = parseJson(ProgressDto, (await cli(['progress', '--json'])).stdout);
    expect(progress.streak).toBe(0);
  });
});

describe('onsite plan', () => {
  it('changes only what its options name, keeping the rest of an existing plan', async () => {
    await cli(['login', '--url', server.url, '--token', token]);
    const { headers } = await signUp(server.app, 'planner@example.com');
    const saved = {
      levels: ['junior'],
      interviewDate: '2031-01-15',
      hoursPerWeek: 12,
      stack: ['django'],
      desiredRetention: 0.85,
      timeZone: 'Asia/Tokyo',
      dayStartHour: 6,
    };
    expect((await server.app.inject({ method: 'PUT', url: '/v1/plan', headers, payload: saved })).statusCode).toBe(200);
    const planner = json<{ token: string }>(
      await server.app.inject({
        method: 'POST',
        url: '/v1/me/tokens',
        headers,
        payload: { name: 'cli', scope: 'write' },
      }),
    ).token;
    const changed = await cli(['plan', '--level', 'senior', '--json'], { ONSITE_TOKEN: planner });
    expect(changed.stderr).toBe('');
    const { summary: _, ...kept } = parseJson(PlanDto, changed.stdout);
    expect(kept).toEqual({ ...saved, levels: ['senior'] });
    const hours = parseJson(
      PlanDto,
      (await cli(['plan', '--level', 'mid', '--hours', '3', '--json'], { ONSITE_TOKEN: planner })).stdout,
    );
    expect([hours.levels, hours.hoursPerWeek, hours.interviewDate, hours.stack]).toEqual([
      ['mid'],
      3,
      '2031-01-15',
      ['django'],
    ]);
  });
});

describe('questions', () => {
  it('lists and shows them', async () => {
    await cli(['login', '--url', server.url, '--token', token]);
    const list = await cli(['questions', '--area', 'databases', '--level', 'mid']);
    expect(list.stdout).toMatch(/^n-plus-one\s+\[databases; mid\]/m);
    expect(list.stdout).toContain('2 of 2 question(s)');
    const show = await cli(['question', 'acid']);
    expect(show.stdout).toContain('What do the ACID properties guarantee?');
    expect(show.stdout).toContain('Key points:');
  });
});

describe('output without a terminal', () => {
  it('has no colours or spinner escapes, also with FORCE_COLOR unset and CI set', async () => {
    await cli(['login', '--url', server.url, '--token', token]);
    for (const args of [['lab', 'list'], ['progress'], ['questions'], ['whoami']]) {
      const result = await cli(args, { CI: 'true' });
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).not.toContain(ESC);
    }
  });

  it('colours only when FORCE_COLOR asks and NO_COLOR does not forbid', async () => {
    expect((await cli(['lab', 'list'], { FORCE_COLOR: '1' })).stdout).toContain(ESC);
    expect((await cli(['lab', 'list'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain(ESC);
  });

  it('prints readiness as a bar chart with the streak', async () => {
    const result = await cli(['progress']);
    expect(result.stdout).toMatch(/^readiness\s+junior\s+mid\s+senior/m);
    expect(result.stdout).toMatch(/^databases\s+.*[·█]{10}\s+0%/m);
    expect(result.stdout).toContain('streak 0 days · 0 answers');
  });
});

describe('exit codes and errors', () => {
  it('2 for bad usage, with one line on stderr', async () => {
    for (const args of [
      ['frobnicate'],
      ['questions', '--level', 'guru'],
      ['questions', '--limit', '0'],
      ['lab', 'get'],
      ['completion', 'powershell'],
      ['lab', 'test', '--dir', '/nonexistent'],
    ]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^onsite: [^\n]+\n$/);
    }
    expect((await cli(['frobnicate'])).stderr).toBe("onsite: unknown command 'frobnicate'\n");
  });

  it("1 for a server error, with the problem's code", async () => {
    await cli(['login', '--url', server.url, '--token', token]);
    const missing = await cli(['question', 'no-such-question']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^onsite: 404 question_not_found: [^\n]+\n$/);
    const readOnly = await cli(['plan', '--level', 'mid'], { ONSITE_TOKEN: readToken });
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toBe('onsite: 403 insufficient_scope: This API token is read-only.\n');
  });

  it('0 for help', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 done, 1 failure');
    const version = await cli(['--version']);
    expect([version.code, version.stdout]).toEqual([
      0,
      `${JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version}\n`,
    ]);
  });
});

describe('the executable', () => {
  it('runs the build in dist/ where the sources are not installed', async () => {
    expect(existsSync(path.join(build.root, 'src'))).toBe(false);
    const result = await runCli(
      ['whoami', '--json'],
      { ...home.env, ONSITE_URL: server.url, ONSITE_TOKEN: token },
      home.dir,
      builtBin,
    );
    expect(result.stderr).toBe('');
    expect(parseJson(MeDto, result.stdout).email).toBe('cli@example.com');
  });

  it('is what npm run cli runs', async () => {
    const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ onsite: 'bin/onsite.js' });
    expect(pkg.scripts.cli).toBe('node bin/onsite.js');
  });
});

describe('onsite lab get', () => {
  it('starts from your saved draft when the server has one, and never writes over a folder', async () => {
    await cli(['login', '--url', server.url, '--token', token]);
    const draft = 'class LRUCache:\n    pass  # my draft from the web app\n';
    const saved = await server.app.inject({
      method: 'PUT',
      url: '/v1/labs/lru-cache/drafts/python',
      headers: { authorization: `Bearer ${token}` },
      payload: { code: draft },
    });
    expect(saved.statusCode).toBe(200);
    const got = await cli(['lab', 'get', 'lru-cache', '--language', 'python', '--dir', 'draft-lab']);
    expect(got.code).toBe(0);
    expect(got.stdout).toContain('solution.py (your saved draft)');
    expect(await readFile(path.join(home.dir, 'draft-lab', 'solution.py'), 'utf8')).toBe(draft);
    expect(JSON.parse(await readFile(path.join(home.dir, 'draft-lab', '.onsite.json'), 'utf8'))).toEqual({
      server: server.url,
      slug: 'lru-cache',
      language: 'python',
      file: 'solution.py',
    });

    const run = await cli(['lab', 'test', '--json'], {}, path.join(home.dir, 'draft-lab'));
    expect(run.code).toBe(1);
    const submission = parseJson(SubmissionDto, run.stdout);
    expect([submission.mode, submission.status, submission.result?.verdict]).toEqual(['run', 'done', 'failed']);

    const again = await cli(['lab', 'get', 'lru-cache', '--dir', 'draft-lab']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^onsite: \S+draft-lab already exists and is not empty; choose another with --dir\n$/);
    const sql = await cli(['lab', 'get', 'lru-cache', '--language', 'sql']);
    expect(sql.code).toBe(2);
    expect(sql.stderr).toBe('onsite: lru-cache is not offered in sql; choose one of: javascript, typescript, python\n');
    const sqlLab = await cli(['lab', 'get', 'top-n-per-group', '--dir', 'sql-lab']);
    expect(sqlLab.code).toBe(0);
    expect(await readFile(path.join(home.dir, 'sql-lab', 'schema.sql'), 'utf8')).toMatch(/create table/i);
    expect(await readFile(path.join(home.dir, 'sql-lab', 'solution.sql'), 'utf8')).not.toBe('');
    const onFile = await cli(['lab', 'get', 'lru-cache', '--dir', 'draft-lab/README.md']);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr).toMatch(
      /^onsite: \S+draft-lab\/README\.md is a file, not a folder; choose another with --dir\n$/,
    );
  });
});

describe('onsite export', () => {
  it('writes the account export, readable by its owner only', async () => {
    await cli(['login', '--url', server.url, '--token', token]);
    const result = await cli(['export', '-o', 'mine.json']);
    expect(result.code).toBe(0);
    const file = path.join(home.dir, 'mine.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const exported = JSON.parse(await readFile(file, 'utf8'));
    expect(exported.user.email).toBe('cli@example.com');
  });
});

describe('a personal server', () => {
  it('signs in to the local profile without a token, minting one', async () => {
    const personal = await startCliServer({ mode: 'personal' });
    const other = await cliHome();
    try {
      const url = personal.url.replace('127.0.0.1', 'localhost');
      const login = await runCli(['login', '--url', url], other.env, other.dir, builtBin);
      expect(login.stderr).toBe('');
      expect(login.stdout).toContain(`Signed in to ${url} as local profile`);
      const stored = JSON.parse(await readFile(path.join(other.env.XDG_CONFIG_HOME!, 'onsite', 'config.json'), 'utf8'));
      expect(stored.token).toMatch(/^onsite_pat_/);
      // The minted token may write: a plan can be set from the terminal.
      const plan = await runCli(['plan', '--level', 'junior'], other.env, other.dir, builtBin);
      expect(plan.code).toBe(0);
    } finally {
      await personal.close();
      await other.cleanup();
    }
  });
});
