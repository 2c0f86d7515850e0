import { z } from 'zod';
import { QuestionDto, QuestionPage } from '../shared/api.js';
import { AreaId, LevelId, Slug } from '../shared/curriculum.js';
import { parseUsage } from './client.js';
import { connect } from './account.js';
import type { Output } from './output.js';

const QuestionsOptions = z.object({
  area: AreaId.optional(),
  level: LevelId.optional(),
  tag: Slug.optional(),
  search: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  json: z.boolean().optional(),
});

/** `onsite questions [--area --level --tag --search --limit] [--json]`. */
export async function listQuestions(out: Output, raw: unknown): Promise<void> {
  const options = parseUsage(QuestionsOptions, raw, 'options');
  const query = new URLSearchParams({ limit: String(options.limit) });
  for (const key of ['area', 'level', 'tag'] as const) if (options[key]) query.set(key, options[key]);
  if (options.search) query.set('q', options.search);
  const page = await (await connect()).get(QuestionPage, `/v1/questions?${query}`);
  if (options.json) return out.json(page);
  for (const q of page.items) {
    out.print(`${out.c.bold(q.id.padEnd(40))} ${out.c.dim(`[${q.area}; ${q.levels.join(', ')}]`)} ${q.question}`);
  }
  out.print(`\n${page.items.length} of ${page.total} question(s)`);
}

/** `onsite question <id> [--json]`: the question, its hint, rubric and model answer. */
export async function showQuestion(out: Output, id: string, options: { json?: boolean }): Promise<void> {
  const q = await (await connect()).get(QuestionDto, `/v1/questions/${parseUsage(Slug, id, 'question id')}`);
  if (options.json) return out.json(q);
  out.print(`${out.c.bold(q.question)}\n\n${out.c.dim('Hint:')} ${q.hint}\n\n${out.c.bold('Key points:')}`);
  for (const point of q.keyPoints) out.print(`  - ${point.statement}`);
  out.print(`\n${q.answer}`);
}
