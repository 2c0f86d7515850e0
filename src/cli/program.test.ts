import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import picocolors from 'picocolors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FeedbackDto, MeDto, type ProgressDto } from '../shared/api.js';
import { Api } from './client.js';
import { completionScript } from './completion.js';
import { configFile, resolveServer, writeLogin } from './config.js';
import { renderFeedback } from './drill.js';
import { browserOpener } from './labs.js';
import { bar, colorsWanted, sparkline } from './output.js';
import { buildProgram } from './program.js';
import { renderProgress } from './progress.js';

const plain = { c: picocolors.createColors(false) };

describe('colours', () => {
  it('only for a terminal, never with NO_COLOR, always with FORCE_COLOR', () => {
    expect(colorsWanted({}, true)).toBe(true);
    expect(colorsWanted({}, false)).toBe(false);
    expect(colorsWanted({ CI: 'true' }, false)).toBe(false);
    expect(colorsWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorsWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorsWanted({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorsWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorsWanted({ FORCE_COLOR: '0' }, false)).toBe(false);
    expect(colorsWanted({ FORCE_COLOR: '1', NO_COLOR: '1' }, true)).toBe(false);
  });
});

describe('charts', () => {
  it('draws bars to an eighth of a cell and sparklines scaled to the largest day', () => {
    expect(bar(0, 4)).toBe('····');
    expect(bar(1, 4)).toBe('████');
    expect(bar(0.5, 4)).toBe('██··');
    expect(bar(0.3, 4)).toBe('█▎··');
    expect(bar(0.28, 4)).toBe('█▏··');
    expect(bar(7, 2)).toBe('██');
    expect(sparkline([0, 1, 4, 8])).toBe('·▁▄█');
  });

  it('prints readiness per area with a cell per level, blank where the area has no questions', () => {
    const progress: ProgressDto = {
      today: '2026-12-07',
      readiness: [
        { area: 'databases', level: 'junior', readiness: 1, seen: 2, total: 2 },
        { area: 'databases', level: 'mid', readiness: 0.5, seen: 1, total: 2 },
        { area: 'databases', level: 'senior', readiness: 0, seen: 0, total: 0 },
      ],
      daily: [
        { day: '2026-12-06', reviews: 0, correct: 0, minutes: 0 },
        { day: '2026-12-07', reviews: 4, correct: 3, minutes: 10 },
      ],
      streak: 1,
      totalReviews: 4,
      totalMinutes: 10,
      weakest: [{ tag: 'indexes', retrievability: 0.4, cards: 1, answers: 2, correct: 1 }],
    };
    expect(renderProgress(progress, plain).split('\n')).toEqual([
      'readiness  junior          mid             senior',
      'databases  ██████████100%  █████····· 50%',
      '',
      'streak 1 day · 4 answers · 10 min practised',
      'last 14 days ·█ (4 answers)',
      'weakest indexes',
    ]);
  });
});

describe('rubric feedback', () => {
  it("quotes the answer's words for each point, and shows wrong claims with their correction", () => {
    const answer = 'Use an index. Indexes never slow writes.';
    const feedback: FeedbackDto = {
      verdict: 'partial',
      score: 0.5,
      points: [
        {
          id: 'a',
          statement: 'An index speeds reads.',
          status: 'covered',
          phrase: 'index',
          evidence: [{ start: 7, end: 12 }],
        },
        { id: 'b', statement: 'Writes pay for it.', status: 'contradicted', phrase: null, evidence: [] },
      ],
      misconceptions: [
        {
          kind: 'misconception',
          claim: 'Indexes are free.',
          correction: 'Every write updates them.',
          evidence: [{ start: 14, end: 39 }],
        },
      ],
      warnings: [],
      reasons: ['A wrong claim keeps it from strong.'],
      suggestedRating: 2,
    };
    expect(renderFeedback(feedback, answer, plain).split('\n')).toEqual([
      'Verdict: partial — 1 of 2 key points covered (50%)',
      '  ✓ An index speeds reads. — “index”',
      '  ✗ Writes pay for it. (contradicted)',
      '  ! Wrong claim: Indexes are free. — “Indexes never slow writes”',
      '    Every write updates them.',
      '  Why: A wrong claim keeps it from strong.',
    ]);
  });
});

describe('opening a browser', () => {
  it('only where there is a display', () => {
    expect(browserOpener('linux', {})).toBeUndefined();
    expect(browserOpener('linux', { DISPLAY: ':0' })).toEqual(['xdg-open']);
    expect(browserOpener('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual(['xdg-open']);
    expect(browserOpener('darwin', {})).toEqual(['open']);
    expect(browserOpener('darwin', { SSH_CONNECTION: '1 2 3 4' })).toBeUndefined();
  });
});

describe('the stored login', () => {
  let dir: string;
  const saved = process.env.XDG_CONFIG_HOME;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'onsite-config-'));
    process.env.XDG_CONFIG_HOME = dir;
  });
  afterEach(async () => {
    process.env.XDG_CONFIG_HOME = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('lives in XDG_CONFIG_HOME/onsite, 0600 in a 0700 folder', async () => {
    const file = await writeLogin({ url: 'https://onsite.example', token: 'onsite_pat_abc' });
    expect(file).toBe(path.join(dir, 'onsite', 'config.json'));
    expect(configFile()).toBe(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('is overridden by the environment, and its token goes only to its own server', async () => {
    await writeLogin({ url: 'https://onsite.example', token: 'onsite_pat_abc' });
    expect(await resolveServer({})).toEqual({ url: 'https://onsite.example', token: 'onsite_pat_abc' });
    expect(await resolveServer({ ONSITE_TOKEN: 'onsite_pat_env' })).toEqual({
      url: 'https://onsite.example',
      token: 'onsite_pat_env',
    });
    expect(await resolveServer({ ONSITE_URL: 'https://other.example' })).toEqual({ url: 'https://other.example' });
    expect(await resolveServer({ ONSITE_URL: 'https://onsite.example/' })).toEqual({
      url: 'https://onsite.example/',
      token: 'onsite_pat_abc',
    });
    await expect(resolveServer({ ONSITE_TOKEN: 'secret' })).rejects.toThrow(
      'invalid environment: ONSITE_TOKEN: must be a personal API token (onsite_pat_…)',
    );
  });
});

describe('a server that never answers', () => {
  it('is given up on with a one-line error instead of a hang', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const api = new Api({ url: `http://127.0.0.1:${port}` }, 200);
      await expect(api.get(MeDto, '/v1/me')).rejects.toThrow(
        `no answer from Onsite at http://127.0.0.1:${port} within 0.2 s (GET /v1/me)`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('shell completion', () => {
  /** What bash offers after `words` (the last one being completed), with the script loaded. */
  function bashComplete(words: string[]): string[] {
    const script = completionScript(buildProgram(), 'bash');
    const line = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _onsite; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['--norc', '--noprofile', '-c', line], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  }

  it('completes commands, subcommands, options and their values in bash', () => {
    expect(bashComplete(['onsite', 'l'])).toEqual(['login', 'logout', 'lab']);
    expect(bashComplete(['onsite', 'lab', ''])).toEqual(['list', 'get', 'test', 'submit', 'open', '--help']);
    expect(bashComplete(['onsite', 'lab', 'list', '--l'])).toEqual(['--level', '--language']);
    expect(bashComplete(['onsite', 'lab', 'list', '--language', 'py'])).toEqual(['python']);
    expect(bashComplete(['onsite', 'drill', '--area', 'data'])).toEqual(['databases']);
    expect(bashComplete(['onsite', 'completion', ''])).toEqual(['bash', 'zsh', 'fish', '--help']);
  });

  it('completes in zsh through bashcompinit (zsh then keeps the words matching what was typed)', () => {
    const script = completionScript(buildProgram(), 'zsh');
    const complete = (words: string[]) =>
      execFileSync(
        'zsh',
        [
          '-f',
          '-c',
          `autoload -U compinit && compinit -u\n${script}\nsetopt ksharrays; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _onsite; print -l -- "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean);
    expect(complete(['onsite', 'lab', ''])).toEqual(['list', 'get', 'test', 'submit', 'open', '--help']);
    expect(complete(['onsite', 'lab', 'list', '--level', ''])).toEqual(['junior', 'mid', 'senior']);
  });

  it('completes in fish, with descriptions', () => {
    const script = completionScript(buildProgram(), 'fish');
    const complete = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `${script}\ncomplete -C ${JSON.stringify(line)}`], {
        encoding: 'utf8',
      });
    expect(complete('onsite l')).toBe(
      [
        'lab\thands-on labs: get one, solve it in your editor, test, submit',
        'login\tstore a server URL and API token (checked with the server first)',
        'logout\tforget the stored token',
        '',
      ].join('\n'),
    );
    expect(complete('onsite lab li')).toBe('list\tlist labs and whether you solved them\n');
    expect(complete('onsite lab list --language p')).toBe('python\n');
  });
});
