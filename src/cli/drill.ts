import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { editor, input } from '@inquirer/prompts';
import envPaths from 'env-paths';
import { z } from 'zod';
import { FeedbackDto, QueueDto, QuestionDto, RATING_NAMES, ReviewResultDto } from '../shared/api.js';
import { AREA_IDS } from '../shared/ids.js';
import type { Span } from '../shared/judgement.js';
import { connect } from './account.js';
import { type Api, CliError, EXIT, parseUsage } from './client.js';
import { keyPrompt } from './keys.js';
import type { Output } from './output.js';

const DrillOptions = z.object({
  area: z.enum(AREA_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

type QueueItem = QueueDto['items'][number];

/**
 * `onsite drill`: today's queue from the server (due reviews first, then new questions), one card
 * at a time, keyboard-first like the web drill: `a` answer here, `e` in $EDITOR, `h` hint, `s` say it
 * and reveal, `q` quit; the rubric feedback; then `1`–`4` to rate, Enter for the suggestion. Each
 * rating is recorded at once, so quitting and running it again resumes where you left off.
 */
export async function drill(out: Output, raw: unknown): Promise<void> {
  const options = parseUsage(DrillOptions, raw, 'options');
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError('onsite drill is interactive: run it in a terminal', EXIT.usage);
  }
  const api = await connect();
  const queue = await api.get(QueueDto, '/v1/drills/queue').catch((error: Error) => {
    if (error.message.includes('plan_required')) {
      throw new CliError(`${error.message} Set one with: onsite plan --level mid (or open ${api.server.url}/plan)`);
    }
    throw error;
  });
  const cards = queue.items.filter((item) => !options.area || item.area === options.area).slice(0, options.limit);
  out.print(
    `${out.c.bold(`Today (${queue.day})`)}: ${queue.reviewsDue} review(s) due, ${queue.newBudgetLeft} new left${options.area ? ` · ${options.area} only` : ''}`,
  );
  if (cards.length === 0 && queue.items.length > 0) {
    const others = queue.items.length;
    return out.print(
      `No ${options.area} card in today's queue; ${others} other card${others === 1 ? ' is' : 's are'} waiting: run onsite drill without --area.`,
    );
  }
  if (cards.length === 0) return out.print('Nothing to drill now. Come back tomorrow, or see onsite progress.');
  let done = 0;
  for (const [index, card] of cards.entries()) {
    out.print(
      `\n${out.c.dim(`── ${index + 1}/${cards.length} · ${card.area} · ${card.kind}${card.marked ? ' · marked' : ''} ──`)}`,
    );
    const rated = await drillCard(out, api, card);
    if (!rated) break;
    done += 1;
  }
  const left = (await api.get(QueueDto, '/v1/drills/queue')).items.filter(
    (i) => !options.area || i.area === options.area,
  );
  out.print(
    `\n${out.c.bold(`${done} card(s) rated.`)} ${left.length ? `${left.length} left today: run onsite drill again.` : 'Queue done for today.'}`,
  );
}

/** One card from question to recorded rating; false when the candidate quit. */
async function drillCard(out: Output, api: Api, card: QueueItem): Promise<boolean> {
  const { c } = out;
  const started = Date.now();
  const question = api.get(QuestionDto, `/v1/questions/${card.questionId}`);
  question.catch(() => {});
  out.print(c.bold(card.question));
  let hintUsed = false;
  let answer: string | undefined;
  for (;;) {
    const keys: Record<string, string> = { a: 'answer here', e: 'answer in $EDITOR' };
    if (!hintUsed) keys.h = 'hint';
    Object.assign(keys, { s: 'say it, then reveal', q: 'quit' });
    const key = await keyPrompt({ message: c.cyan('›'), keys });
    if (key === 'q') return false;
    if (key === 'h') {
      hintUsed = true;
      out.print(`${c.yellow('Hint:')} ${(await question).hint}`);
      continue;
    }
    if (key === 's') break;
    answer =
      key === 'a'
        ? await input({ message: 'Your answer' })
        : await editor({ message: 'Your answer', postfix: '.md', waitForUserInput: false });
    answer = answer.trim();
    if (answer) break;
  }
  let suggested: number | undefined;
  if (answer) {
    const typed = answer;
    const feedback = await keepAnswerOnFailure(card.questionId, typed, () =>
      api.post(FeedbackDto, '/v1/drills/grade', { questionId: card.questionId, answer: typed, hintUsed }),
    );
    out.print(renderFeedback(feedback, answer, out));
    suggested = feedback.suggestedRating;
  } else {
    out.print(renderModelAnswer(await question, out));
  }
  let rating: number;
  let modelShown = !answer;
  for (;;) {
    const keys: Record<string, string> = Object.fromEntries(RATING_NAMES.map((name, i) => [String(i + 1), name]));
    if (!modelShown) keys.m = 'model answer';
    const key = await keyPrompt({ message: c.cyan('Rate'), keys, ...(suggested ? { enter: String(suggested) } : {}) });
    if (key !== 'm') {
      rating = Number(key);
      break;
    }
    out.print(renderModelAnswer(await question, out));
    modelShown = true;
  }
  const review = {
    questionId: card.questionId,
    rating,
    mode: answer ? 'typed' : 'spoken',
    ...(answer ? { answer } : {}),
    hintUsed,
    durationMs: Math.min(3_600_000, Date.now() - started),
  };
  const record = () => api.post(ReviewResultDto, '/v1/drills/reviews', review, { idempotent: true });
  const result = await (answer ? keepAnswerOnFailure(card.questionId, answer, record) : record());
  out.print(
    c.dim(
      `Rated ${RATING_NAMES[rating - 1]}; next review ${result.card.due ? whenDue(result.card.due) : 'not scheduled'}.`,
    ),
  );
  return true;
}

/**
 * Runs `work` (grading or recording a typed answer); if it fails — the server went away, the token
 * is read-only or was revoked — the answer is written to a file named in the error, so the
 * candidate does not lose what they wrote.
 */
async function keepAnswerOnFailure<T>(questionId: string, answer: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const file = path.join(envPaths('onsite', { suffix: '' }).data, 'answers', `${questionId}.md`);
    const kept = await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
      .then(() => writeFile(file, `${answer}\n`, { mode: 0o600 }))
      .then(
        () => true,
        () => false,
      );
    throw new CliError(kept ? `${message} Your answer is kept in ${file}` : message);
  }
}

/** The rubric feedback: verdict, each key point with the answer's words that show it, wrong claims, warnings, why. */
export function renderFeedback(feedback: FeedbackDto, answer: string, out: Pick<Output, 'c'>): string {
  const { c } = out;
  const quote = (spans: readonly Span[]) => spans.map((s) => answer.slice(s.start, s.end)).join(' … ');
  const colour = { strong: c.green, partial: c.yellow, weak: c.red, 'off-topic': c.red }[feedback.verdict];
  const covered = feedback.points.filter((p) => p.status === 'covered').length;
  const lines = [
    `${c.bold('Verdict:')} ${colour(feedback.verdict)} — ${covered} of ${feedback.points.length} key points covered (${Math.round(feedback.score * 100)}%)`,
  ];
  const marks = { covered: c.green('✓'), partly: c.yellow('~'), missed: c.red('✗'), contradicted: c.red('✗') };
  for (const point of feedback.points) {
    const evidence = point.evidence.length ? c.dim(` — “${quote(point.evidence)}”`) : '';
    const status = point.status === 'covered' ? '' : c.dim(` (${point.status})`);
    lines.push(`  ${marks[point.status]} ${point.statement}${status}${evidence}`);
  }
  for (const m of feedback.misconceptions) {
    lines.push(`  ${c.red('!')} Wrong claim: ${m.claim}${m.evidence.length ? c.dim(` — “${quote(m.evidence)}”`) : ''}`);
    if (m.correction) lines.push(`    ${m.correction}`);
  }
  for (const w of feedback.warnings) lines.push(`  ${c.green('✓')} Rightly warned: ${w.text}`);
  if (feedback.reasons.length) lines.push(c.dim(`  Why: ${feedback.reasons.join(' ')}`));
  return lines.join('\n');
}

function renderModelAnswer(question: QuestionDto, out: Pick<Output, 'c'>): string {
  const points = question.keyPoints.map((p) => `  • ${p.statement}`).join('\n');
  return `${out.c.bold('Key points:')}\n${points}\n${out.c.bold('Model answer:')}\n${question.answer.trim()}`;
}

function whenDue(iso: string): string {
  const days = Math.round((new Date(iso).getTime() - Date.now()) / 86_400_000);
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}
