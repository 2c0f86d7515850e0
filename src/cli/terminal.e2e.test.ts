import { chmod, copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryPage, ListOf } from '../shared/api.js';
import { AREA_IDS } from '../shared/curriculum.js';
import { DraftDto, LabSummary } from '../shared/labs.js';
import { CONTENT_DIR } from '../server/paths.js';
import { signUp, type TestApp } from '../../test/app.js';
import { cliHome, ONSITE_BIN, startCliServer, tmuxTerminal } from '../../test/cli.js';

/**
 * The real `onsite` executable in a real terminal (tmux) against a real server: what a candidate
 * types and sees, key by key.
 */
let server: TestApp & { url: string };
let home: Awaited<ReturnType<typeof cliHome>>;
let term: ReturnType<typeof tmuxTerminal>;
let token: string;
let headers: Record<string, string>;

const ESC = '\u001b[';

beforeAll(async () => {
  server = await startCliServer({ mode: 'hosted' });
  home = await cliHome();
  ({ headers } = await signUp(server.app, 'term@example.com'));
  token = (
    await server.app.inject({ method: 'POST', url: '/v1/me/tokens', headers, payload: { name: 'cli', scope: 'write' } })
  ).json().token;
  // On PATH as `onsite`, as `npm link` puts it.
  const bin = path.join(home.dir, 'bin');
  await mkdir(bin);
  await symlink(ONSITE_BIN, path.join(bin, 'onsite'));
  // An $EDITOR that writes an answer into the file it is given, as a person would in vim.
  const editor = path.join(bin, 'fake-editor');
  await writeFile(editor, '#!/bin/sh\nprintf "I would guess something unrelated about colours." > "$1"\n');
  await chmod(editor, 0o755);
  term = tmuxTerminal(home.dir, {
    ...home.env,
    PATH: `${bin}:${home.env.PATH}`,
    EDITOR: editor,
    TERM: 'xterm-256color',
  });
});
afterAll(async () => {
  term?.close();
  await server?.close();
  await home?.cleanup();
});

/** Runs a shell line and waits for its exit status, printed as `[rc=N]`; returns the screen since `clear`. */
async function shell(line: string, timeoutMs = 60_000): Promise<{ rc: number; screen: string }> {
  term.clear();
  term.type(`${line}; echo "[rc=$?]"`);
  term.keys('Enter');
  const screen = await term.waitFor(/^\[rc=\d+\]$/m, timeoutMs);
  return { rc: Number(/^\[rc=(\d+)\]$/m.exec(screen)![1]), screen };
}

describe('onsite in a terminal', () => {
  it('logs in at the prompts', async () => {
    term.type('onsite login; echo "[rc=$?]"');
    term.keys('Enter');
    await term.waitFor('Onsite server URL');
    term.keys('C-u');
    term.type(server.url);
    term.keys('Enter');
    await term.waitFor('API token');
    term.type(token);
    term.keys('Enter');
    const screen = await term.waitFor(/^\[rc=\d+\]$/m);
    expect(screen).toContain(`Signed in to ${server.url} as term <term@example.com> (admin)`);
    expect(screen).not.toContain(token);
    expect(screen).toContain('[rc=0]');
  });

  it(
    'drills three cards: hint and a typed answer, an answer in $EDITOR, one said aloud, each rated',
    { timeout: 120_000 },
    async () => {
      expect((await shell('onsite plan --level mid --hours 10')).rc).toBe(0);
      term.clear();
      term.type('onsite drill --limit 3; echo "[rc=$?]"');
      term.keys('Enter');
      await term.waitFor('── 1/3');
      await term.waitFor('h hint');
      term.keys('h');
      await term.waitFor('Hint: Think about the trade-offs.');
      term.keys('a');
      await term.waitFor('Your answer');
      term.type('The main point is the key idea, and I would start from it.');
      term.keys('Enter');
      // The rubric feedback, with the answer's own words as evidence; a hint lowers the suggestion.
      let screen = await term.waitFor(/Rate 1 again .*\(Enter: \w+\)/);
      expect(screen).toMatch(/Verdict: (strong|partial) — 1 of 1 key points covered \(100%\)/);
      expect(screen).toMatch(/✓ The main point\. — “\w/);
      const suggested = /\(Enter: (\w+)\)/.exec(screen)![1];
      term.keys('Enter');
      await term.waitFor(`Rated ${suggested}`);

      await term.waitFor('── 2/3');
      term.keys('e');
      screen = await term.waitFor(/Rate 1 again .*\(Enter: again\)/);
      expect(screen).toMatch(/Verdict: (weak|off-topic)/);
      expect(screen).toContain('✗ The main point. (missed)');
      term.keys('m');
      await term.waitFor('Model answer:');
      term.keys('2');
      await term.waitFor('Rated hard');

      await term.waitFor('── 3/3');
      term.keys('s');
      // Said aloud: the model answer, then a rating with no suggestion.
      await term.waitFor(/Rate 1 again · 2 hard · 3 good · 4 easy$/m);
      term.keys('4');
      screen = await term.waitFor(/^\[rc=\d+\]$/m);
      expect(screen).toContain('Rated easy');
      expect(screen).toMatch(/3 card\(s\) rated\. \d+ left today: run onsite drill again\./);
      expect(screen).toContain('[rc=0]');

      const history = HistoryPage.parse(
        (await server.app.inject({ url: '/v1/drills/history', headers: { authorization: `Bearer ${token}` } })).json(),
      );
      const answers = history.items.reverse();
      // Recorded in one instant of the test clock, so compared in no particular order.
      expect(answers.map((a) => [a.mode, a.hintUsed, a.rating])).toEqual(
        expect.arrayContaining([
          ['typed', true, ['again', 'hard', 'good', 'easy'].indexOf(suggested!) + 1],
          ['typed', false, 2],
          ['spoken', false, 4],
        ]),
      );
      expect(answers).toHaveLength(3);
      expect(answers.map((a) => a.answer)).toContain('I would guess something unrelated about colours.');

      // Resuming: the cards rated are not offered again as new ones.
      const queue = (
        await server.app.inject({ url: '/v1/drills/queue', headers: { authorization: `Bearer ${token}` } })
      ).json();
      const rated = new Set(answers.map((a) => a.questionId));
      expect(
        queue.items.filter((i: { kind: string; questionId: string }) => i.kind === 'new' && rated.has(i.questionId)),
      ).toEqual([]);

      // An area with no card today says so, and that other cards wait, rather than "come back tomorrow".
      const queued = new Set(queue.items.map((i: { area: string }) => i.area));
      const idle = AREA_IDS.find((area) => !queued.has(area));
      if (!idle) throw new Error("every area has a card in today's queue: pick a narrower plan for this check");
      term.clear();
      term.type(`onsite drill --area ${idle}; echo "[rc=$?]"`);
      term.keys('Enter');
      expect(await term.waitFor(/^\[rc=\d+\]$/m)).toMatch(/^\[rc=0\]$/m);
      expect(term.screen()).toMatch(new RegExp(`No ${idle} card in today's queue; \\d+ other cards? (is|are) waiting`));

      // Ctrl+C at a prompt stops with 130, as an interrupted command does.
      term.clear();
      term.type('onsite drill; echo "[rc=$?]"');
      term.keys('Enter');
      await term.waitFor('h hint');
      term.keys('C-c');
      expect(await term.waitFor(/^\[rc=\d+\]$/m)).toMatch(/^\[rc=130\]$/m);

      // Without a terminal it refuses rather than wait for keys that never come.
      const again = await shell('onsite drill --limit 1 </dev/null');
      expect(again.rc).toBe(2);
      expect(again.screen).toContain('onsite: onsite drill is interactive: run it in a terminal');
    },
  );

  it('gets a lab, fails its visible tests, fixes them and submits: accepted', { timeout: 300_000 }, async () => {
    let result = await shell('onsite lab get lru-cache && cd lru-cache');
    expect(result.rc).toBe(0);
    expect(result.screen).toContain('solution.js (the starter), README.md, visible-tests.md');
    const dir = path.join(home.dir, 'lru-cache');
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toMatch(/^# LRU cache/);
    expect(await readFile(path.join(dir, 'visible-tests.md'), 'utf8')).toContain('## get returns what put stored');

    // A first attempt that answers undefined, not -1, for a missing key.
    await writeFile(
      path.join(dir, 'solution.js'),
      'export class LRUCache { constructor(c) { this.c = c; this.m = new Map(); } get(k) { return this.m.get(k); } put(k, v) { this.m.set(k, v); if (this.m.size > this.c) this.m.delete(this.m.keys().next().value); } }\n',
    );
    result = await shell('onsite lab test', 120_000);
    expect(result.screen).toMatch(/✗ \S.* wrong_answer/);
    expect(result.screen).toMatch(/Run failed: \d\/\d tests/);
    expect(result.rc).toBe(1);

    // What was tested is the draft the web app opens.
    const drafts = ListOf(DraftDto).parse(
      (
        await server.app.inject({ url: '/v1/labs/lru-cache/drafts', headers: { authorization: `Bearer ${token}` } })
      ).json(),
    ).items;
    expect(drafts.find((d) => d.language === 'javascript')?.code).toBe(
      await readFile(path.join(dir, 'solution.js'), 'utf8'),
    );

    await copyFile(path.join(CONTENT_DIR, 'labs/lru-cache/solution.js'), path.join(dir, 'solution.js'));
    result = await shell('onsite lab test', 120_000);
    expect(result.screen).toMatch(/Run passed: (\d)\/\1 tests/);
    expect(result.rc).toBe(0);

    result = await shell('onsite lab submit', 120_000);
    expect(result.screen).toMatch(/✓ .* \(hidden\)/);
    expect(result.screen).toMatch(/Submission passed: (\d+)\/\1 tests, score 100/);
    expect(result.rc).toBe(0);
    const labs = ListOf(LabSummary).parse(
      (await server.app.inject({ url: '/v1/labs', headers: { authorization: `Bearer ${token}` } })).json(),
    ).items;
    expect(labs.find((lab) => lab.slug === 'lru-cache')?.status).toBe('solved');

    result = await shell('onsite lab open');
    expect(result.screen).toContain(`${server.url}/labs/lru-cache`);
    await shell('cd ..');
  });

  it('keeps a typed answer in a file when the server refuses it (a read-only token)', async () => {
    const readOnly = (
      await server.app.inject({ method: 'POST', url: '/v1/me/tokens', headers, payload: { name: 'ro', scope: 'read' } })
    ).json().token as string;
    expect((await shell('onsite plan --level mid')).rc).toBe(0);
    term.clear();
    term.type(`ONSITE_TOKEN=${readOnly} onsite drill --limit 1; echo "[rc=$?]"`);
    term.keys('Enter');
    await term.waitFor('answer here');
    term.keys('a');
    await term.waitFor('Your answer');
    term.type('A long answer I do not want to type twice.');
    term.keys('Enter');
    const screen = await term.waitFor(/^\[rc=\d+\]$/m);
    expect(screen).toContain('[rc=1]');
    const kept = /403 insufficient_scope: .* Your answer is kept in (\S+\.md)$/m.exec(screen);
    expect(kept, screen).not.toBeNull();
    expect(kept![1]!.startsWith(path.join(home.dir, '.local', 'share', 'onsite', 'answers'))).toBe(true);
    expect(await readFile(kept![1]!, 'utf8')).toBe('A long answer I do not want to type twice.\n');
  });

  it('colours for a terminal, none with NO_COLOR', async () => {
    await shell('onsite lab list --level senior');
    expect(term.screen({ escapes: true })).toContain(ESC);
    await shell('NO_COLOR=1 onsite lab list --level senior');
    expect(term.screen({ escapes: true })).not.toContain(ESC);
  });
});
