import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ListOf } from '../shared/api.js';
import {
  DraftDto,
  LAB_LANGUAGES,
  LabDetail,
  LabListQuery,
  LabSummary,
  LANGUAGE_EXTENSIONS,
  type LabLanguage,
  type SubmissionDto,
  SubmissionDto as SubmissionSchema,
  type TestResult,
} from '../shared/labs.js';
import { connect } from './account.js';
import { Api, CliError, EXIT, parseUsage } from './client.js';
import { resolveServer, sameServer } from './config.js';
import type { Output } from './output.js';

/** The folder's `.onsite.json`: which lab, language and file `lab test` and `lab submit` send, and to which server. */
const LabFolder = z.object({
  server: z.url(),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  language: z.enum(LAB_LANGUAGES),
  file: z.string().regex(/^[\w.-]+$/, 'must be a file name in the lab folder'),
});
type LabFolder = z.infer<typeof LabFolder>;

const LAB_FOLDER_FILE = '.onsite.json';

export async function listLabs(out: Output, raw: { json?: boolean }): Promise<void> {
  const query = parseUsage(LabListQuery, raw, 'options');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const { items } = await (await connect()).get(ListOf(LabSummary), `/v1/labs?${params}`);
  if (raw.json) return out.json({ items });
  const mark = {
    solved: out.c.green('✓ solved   '),
    attempted: out.c.yellow('~ attempted'),
    new: out.c.dim('  new      '),
  };
  for (const lab of items) {
    out.print(
      `${mark[lab.status]} ${out.c.bold(lab.slug.padEnd(30))} ${out.c.dim(`[${lab.area}; ${lab.levels.join(', ')}; ${lab.languages.join(', ')}]`)} ${lab.title}`,
    );
  }
  out.print(`\n${items.length} lab(s) · onsite lab get <slug> to start one`);
}

const GetOptions = z.object({
  language: z.enum(LAB_LANGUAGES).optional(),
  dir: z.string().min(1).optional(),
  json: z.boolean().optional(),
});

/**
 * `onsite lab get <slug>`: writes `./<slug>/` with the prompt as README.md, `solution.<ext>` (your
 * saved draft in that language if the server has one, else the starter), the visible tests and
 * `.onsite.json`. Never writes over an existing non-empty folder.
 */
export async function getLab(out: Output, slug: string, raw: unknown): Promise<void> {
  const options = parseUsage(GetOptions, raw, 'options');
  const api = await connect();
  const lab = await api.get(
    LabDetail,
    `/v1/labs/${encodeURIComponent(parseUsage(LabFolder.shape.slug, slug, 'lab slug'))}`,
  );
  const language = options.language ?? lab.languages[0]!;
  if (!lab.languages.includes(language)) {
    throw new CliError(
      `${lab.slug} is not offered in ${language}; choose one of: ${lab.languages.join(', ')}`,
      EXIT.usage,
    );
  }
  const dir = path.resolve(options.dir ?? lab.slug);
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') throw new CliError(`${dir} is a file, not a folder; choose another with --dir`);
    return [];
  });
  if (existing.length > 0) throw new CliError(`${dir} already exists and is not empty; choose another with --dir`);
  const { items: drafts } = await api.get(ListOf(DraftDto), `/v1/labs/${lab.slug}/drafts`);
  const draft = drafts.find((d) => d.language === language);
  const starter = lab.starters.find((s) => s.language === language)?.code ?? '';
  const file = `solution.${LANGUAGE_EXTENSIONS[language]}`;
  const folder: LabFolder = { server: api.server.url, slug: lab.slug, language, file };
  await mkdir(dir, { recursive: true }).catch((error: Error) => {
    throw new CliError(`cannot create ${dir}: ${error.message}`);
  });
  await Promise.all([
    writeFile(path.join(dir, 'README.md'), labReadme(lab, language, file)),
    writeFile(path.join(dir, file), draft?.code ?? starter),
    writeFile(path.join(dir, 'visible-tests.md'), visibleTests(lab, language)),
    writeFile(path.join(dir, LAB_FOLDER_FILE), `${JSON.stringify(folder, null, 2)}\n`),
    ...(lab.schema ? [writeFile(path.join(dir, 'schema.sql'), lab.schema)] : []),
  ]);
  if (options.json) return out.json(lab);
  const relative = path.relative(process.cwd(), dir) || '.';
  out.print(`${out.c.green('✓')} ${lab.title} → ${relative}/`);
  out.print(`  ${file}${draft ? ' (your saved draft)' : ' (the starter)'}, README.md, visible-tests.md`);
  out.print(`  Edit ${path.join(relative, file)}, then: cd ${relative} && onsite lab test, onsite lab submit`);
}

function labReadme(lab: LabDetail, language: LabLanguage, file: string): string {
  return [
    `# ${lab.title}`,
    '',
    `_${lab.area} · ${lab.levels.join(', ')} · ${language} · about ${lab.timeLimitMinutes} minutes · ${lab.visibleTests.length} visible and ${lab.hiddenTestCount} hidden tests · limits ${lab.limits.cpuSeconds} s CPU, ${lab.limits.memoryMb} MB_`,
    '',
    lab.prompt.trim(),
    '',
    ...(lab.schema ? ['## Schema', '', '```sql', lab.schema.trim(), '```', ''] : []),
    '## Working here',
    '',
    `Write your solution in \`${file}\`. \`onsite lab test\` runs the visible tests (see \`visible-tests.md\`) on the server; \`onsite lab submit\` grades every test and records an attempt.`,
    '',
  ].join('\n');
}

function visibleTests(lab: LabDetail, language: LabLanguage): string {
  const fence = language === 'python' ? 'python' : language === 'sql' ? 'sql' : 'js';
  const lines = [`# Visible tests of ${lab.title}`, ''];
  for (const test of lab.visibleTests) {
    lines.push(`## ${test.name}`, '');
    const calls = language === 'python' ? test.input.py : language === 'sql' ? null : test.input.js;
    if (calls) lines.push('```' + fence, calls.trim(), '```', '');
    if (test.setup) lines.push('Setup:', '', '```sql', test.setup.trim(), '```', '');
    if (test.query) lines.push('Checked query:', '', '```sql', test.query.trim(), '```', '');
    const compact = JSON.stringify(test.expected);
    const expected = compact.length <= 100 ? compact : JSON.stringify(test.expected, null, 2);
    lines.push('Expected:', '', '```json', expected, '```', '');
  }
  return lines.join('\n');
}

/** The lab folder containing `dir` (or the current folder): its config and path. */
async function findLabFolder(dir?: string): Promise<{ dir: string; folder: LabFolder }> {
  let at = path.resolve(dir ?? '.');
  for (;;) {
    const text = await readFile(path.join(at, LAB_FOLDER_FILE), 'utf8').catch(() => undefined);
    if (text !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new CliError(`${path.join(at, LAB_FOLDER_FILE)} is not JSON`);
      }
      const parsed = LabFolder.safeParse(json);
      if (!parsed.success) throw new CliError(`${path.join(at, LAB_FOLDER_FILE)} is not a lab folder config`);
      return { dir: at, folder: parsed.data };
    }
    const parent = path.dirname(at);
    if (dir !== undefined || parent === at) break;
    at = parent;
  }
  throw new CliError(`no lab here (${LAB_FOLDER_FILE} not found); run onsite lab get <slug> first`, EXIT.usage);
}

const RunOptions = z.object({ dir: z.string().min(1).optional(), json: z.boolean().optional() });
const WAIT_MS = 25_000;

/**
 * `onsite lab test` (mode `run`: the visible tests) and `onsite lab submit` (every test): sends the
 * folder's file, saves it as the draft the web app opens, long-polls the result and prints each
 * test. Sets exit code 1 unless every test passed.
 */
export async function runLab(out: Output, mode: 'run' | 'submit', raw: unknown): Promise<void> {
  const options = parseUsage(RunOptions, raw, 'options');
  const { dir, folder } = await findLabFolder(options.dir);
  const server = await resolveServer();
  if (!sameServer(server.url, folder.server)) {
    throw new CliError(`this lab came from ${folder.server} but you are signed in to ${server.url}`);
  }
  const api = new Api(server);
  const code = await readFile(path.join(dir, folder.file), 'utf8').catch(() => {
    throw new CliError(`cannot read ${path.join(dir, folder.file)}`);
  });
  const lab = `/v1/labs/${folder.slug}`;
  await api.put(DraftDto, `${lab}/drafts/${folder.language}`, { code });
  const what = mode === 'run' ? 'visible tests' : 'all tests';
  const submission = await out.spin(`queued: ${what} of ${folder.slug}`, async (update) => {
    const started = Date.now();
    let current = await api.post(
      SubmissionSchema,
      `${lab}/submissions`,
      { language: folder.language, code, mode },
      { idempotent: true },
    );
    while (current.status === 'queued' || current.status === 'running') {
      update(`${current.status}: ${what} of ${folder.slug} (${Math.round((Date.now() - started) / 1000)} s)`);
      current = await api.get(SubmissionSchema, `/v1/submissions/${current.id}?waitMs=${WAIT_MS}`, {
        waitMs: WAIT_MS,
      });
    }
    return current;
  });
  if (submission.status === 'error') throw new CliError(`grading failed: ${submission.error ?? 'internal_error'}`);
  const passed = submission.result?.verdict === 'passed';
  if (!passed) process.exitCode = EXIT.failure;
  if (options.json) return out.json(submission);
  printSubmission(out, submission, folder.file);
}

function printSubmission(out: Output, submission: SubmissionDto, file: string): void {
  const result = submission.result;
  if (!result) return;
  const { c } = out;
  for (const d of result.diagnostics) out.print(`${c.red('error')} ${file}:${d.line}:${d.column} ${d.message}`);
  for (const test of result.tests) printTest(out, test);
  if (result.output.trim()) out.print(`\n${c.dim('Your code printed:')}\n${result.output.trimEnd()}`);
  const label = submission.mode === 'run' ? 'Run' : 'Submission';
  const verdict = result.verdict === 'passed' ? c.green('passed') : c.red(result.verdict.replace('_', ' '));
  out.print(
    `\n${label} ${verdict}: ${result.passed}/${result.total} tests, score ${result.score}, ${result.runtimeMs} ms${result.memoryKb ? `, ${Math.round(result.memoryKb / 1024)} MB` : ''}`,
  );
}

function printTest(out: Output, test: TestResult): void {
  const { c } = out;
  const time = test.timeMs === null ? '' : c.dim(` ${test.timeMs} ms`);
  const hidden = test.visible ? '' : c.dim(' (hidden)');
  if (test.verdict === 'passed') return out.print(`${c.green('✓')} ${test.name}${hidden}${time}`);
  out.print(`${c.red('✗')} ${test.name}${hidden} ${c.red(test.verdict)}${time}`);
  // A wrong answer's message already reads "expected …, got …".
  if (test.message) out.print(`    ${test.message}`);
  else {
    if (test.expected !== undefined) out.print(`    expected ${JSON.stringify(test.expected)}`);
    if (test.actual !== undefined) out.print(`    actual   ${JSON.stringify(test.actual)}`);
  }
  if (test.stack)
    out.print(
      c.dim(
        test.stack
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n'),
      ),
    );
}

/** `onsite lab open [slug]`: prints the lab's page and opens it in a browser when there is a display. */
export async function openLab(out: Output, slug: string | undefined): Promise<void> {
  let server: string;
  if (slug === undefined) {
    const { folder } = await findLabFolder();
    ({ server, slug } = folder);
  } else {
    server = (await resolveServer()).url;
    parseUsage(LabFolder.shape.slug, slug, 'lab slug');
  }
  const url = new URL(`/labs/${slug}`, server).href;
  out.print(url);
  const [command, ...args] = browserOpener(process.platform, process.env) ?? [];
  if (command)
    spawn(command, [...args, url], { detached: true, stdio: 'ignore' })
      .on('error', () => {})
      .unref();
}

/** The command that opens a URL here, or undefined without a display (SSH, a server, CI). */
export function browserOpener(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] | undefined {
  if (platform === 'darwin') return env.SSH_CONNECTION ? undefined : ['open'];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  return env.DISPLAY || env.WAYLAND_DISPLAY ? ['xdg-open'] : undefined;
}
