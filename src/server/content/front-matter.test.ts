import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { QuestionFrontMatter } from '../../shared/curriculum.js';
import { parseFrontMatter } from './front-matter.js';
import { questionFile } from '../../../test/content-fixture.js';

const valid = questionFile({ id: 'x', area: 'core', levels: ['junior'], tags: ['t'], question: 'Why?' });

describe('parseFrontMatter', () => {
  it('returns the validated front matter and the body', () => {
    const parsed = parseFrontMatter('q.md', valid, QuestionFrontMatter);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.levels).toEqual(['junior']);
    expect(parsed.value.followUps).toEqual([{ question: 'What would you do next?', probes: 'main-point' }]);
    expect(parsed.value.pitfalls).toEqual([{ text: 'Forgetting the main point.', phrases: [] }]);
    expect(parsed.body).toBe('A model answer for x.');
  });

  it('names the line of a value that breaks the schema', () => {
    const source = valid.replace('area: core', 'area: cooking');
    const parsed = parseFrontMatter('q.md', source, QuestionFrontMatter);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ file: 'q.md', line: 3 });
    expect(parsed.problems[0]!.message).toMatch(/^area: /);
  });

  it('points a problem inside a list at the item’s own line', () => {
    const source = valid.replace('phrases: [main point, key idea]', 'phrases: []');
    const parsed = parseFrontMatter('q.md', source, QuestionFrontMatter);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const line = source.split('\n').findIndex((l) => l.includes('phrases: []')) + 1;
    expect(parsed.problems[0]).toMatchObject({ line, message: expect.stringContaining('keyPoints.0.phrases') });
  });

  it('points a missing field at its parent and names the field', () => {
    const source = valid.replace(/^hint: .*\n/m, '');
    const parsed = parseFrontMatter('q.md', source, QuestionFrontMatter);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]!.message).toMatch(/^hint: /);
  });

  it('reports YAML syntax errors with their line', () => {
    const source = '---\nid: x\nlevels: [junior\ntags: [a]\n---\nbody';
    const parsed = parseFrontMatter('q.md', source, z.object({ id: z.string() }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]!.message).toMatch(/^invalid YAML/);
    expect(parsed.problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a duplicated key instead of silently keeping one', () => {
    const parsed = parseFrontMatter('q.md', '---\nid: a\nid: b\n---\n', z.object({ id: z.string() }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]).toMatchObject({ line: 3 });
  });

  it('requires the opening and closing front-matter fences', () => {
    const missing = parseFrontMatter('q.md', 'id: x\n', z.object({}));
    const unclosed = parseFrontMatter('q.md', '---\nid: x\n', z.object({}));
    expect(missing.ok || missing.problems[0]!.message).toMatch(/must start with/);
    expect(unclosed.ok || unclosed.problems[0]!.message).toMatch(/never closed/);
  });

  it('rejects unknown fields, which are usually typos', () => {
    const parsed = parseFrontMatter('q.md', valid.replace('hint:', 'hnit: oops\nhint:'), QuestionFrontMatter);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.message).join()).toMatch(/hnit/);
  });
});
