import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_QUESTIONS, makeContentFixture, questionFile } from '../../../test/content-fixture.js';
import { ContentError, loadCurriculum } from './load-content.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function fixture() {
  const f = await makeContentFixture();
  cleanup = f.cleanup;
  return f;
}

async function problemsOf(dir: string) {
  const error = await loadCurriculum(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).problems;
}

describe('loadCurriculum', () => {
  it('loads areas, levels, stages and questions in display order', async () => {
    const { dir } = await fixture();
    const curriculum = await loadCurriculum(dir);
    expect(curriculum.areas.map((a) => a.id)).toEqual([
      'core', 'databases', 'apis', 'system-design', 'frameworks', 'ai-ml', 'security', 'observability', 'testing', 'behavioural',
    ]);
    expect(curriculum.levels.map((l) => l.id)).toEqual(['junior', 'mid', 'senior']);
    expect(curriculum.stages).toHaveLength(5);
    expect(curriculum.questions).toHaveLength(FIXTURE_QUESTIONS.length);
  });

  it('rejects duplicate question ids and names both files', async () => {
    const { dir } = await fixture();
    const copy = path.join(dir, 'questions', 'core', 'copy');
    await mkdir(copy, { recursive: true });
    await writeFile(path.join(copy, 'lru-cache.md'), questionFile(FIXTURE_QUESTIONS[0]!));
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/duplicate question id "lru-cache" \(also in content\/questions\/core\//);
  });

  it('requires a question file to live at questions/<area>/<id>.md', async () => {
    const { dir } = await fixture();
    await writeFile(path.join(dir, 'questions', 'core', 'misnamed.md'), questionFile({ ...FIXTURE_QUESTIONS[0]!, id: 'other' }));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'content/questions/core/misnamed.md', message: expect.stringContaining('belongs at content/questions/core/other.md') }));
  });

  it('rejects a follow-up that probes a key point the question does not have', async () => {
    const { dir, writeQuestion } = await fixture();
    const file = await writeQuestion({ id: 'probe', area: 'core', levels: ['mid'], tags: ['x'], question: 'Probe?' });
    const { readFile } = await import('node:fs/promises');
    await writeFile(file, (await readFile(file, 'utf8')).replace('probes: main-point', 'probes: nowhere'));
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('"nowhere" is not a key point id'));
  });

  it('collects problems from every bad file, not just the first', async () => {
    const { dir } = await fixture();
    await writeFile(path.join(dir, 'questions', 'core', 'a.md'), '---\nid: a\n---\n');
    await writeFile(path.join(dir, 'questions', 'core', 'b.md'), 'no front matter');
    const problems = await problemsOf(dir);
    const files = new Set(problems.map((p) => p.file));
    expect(files).toContain('content/questions/core/a.md');
    expect(files).toContain('content/questions/core/b.md');
  });

  it('rejects an empty model answer', async () => {
    const { dir } = await fixture();
    await writeFile(path.join(dir, 'questions', 'core', 'lru-cache.md'), questionFile(FIXTURE_QUESTIONS[0]!).replace(/---\n[^-]*$/, '---\n'));
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.message)).toContain('the body (the model answer) is empty');
  });
});
