import { createHash } from 'node:crypto';
import { createEmptyCard, type Grade } from 'ts-fsrs';
import type { CardDto, FeedbackDto, GradeResultDto, QueueDto, ReviewBody, ReviewResultDto } from '../../shared/api.js';
import { LEVEL_IDS, type AreaId, type Question } from '../../shared/curriculum.js';
import type { Catalog } from '../curriculum/service.js';
import type { Db } from '../db/client.js';
import { notFound } from '../errors.js';
import { answerJudgeFor } from '../judge/answer.js';
import { coachStory, reviewTypedAnswer, type AiDeps } from '../ai/service.js';
import { fromFsrsCard, newCardDto, scheduler, toCardDto, toFsrsCard } from './fsrs.js';
import { areaWeights, dailyBudget, relevantQuestions, requirePlan } from './plan.js';
import * as q from './queries.js';
import { endOfStudyDay, studyDayOf, UTC_CLOCK } from './study-day.js';

/*
 * The drill: today's queue, feedback on an answer, the review that schedules a card again, and a
 * card's marks, note and reset. The plan it is built from is plan.ts's; progress is progress.ts's.
 */

export interface DrillDeps {
  db: Db;
  catalog: Catalog;
  now: () => Date;
  /** The optional AI layer; without it grading is offline only. */
  ai?: AiDeps;
}

// ---------------------------------------------------------------- queue

/**
 * Today's session: due reviews first (soonest due first), then cards the user marked for review,
 * then new questions up to what is left of today's budget, interleaving areas by their weight.
 */
export async function buildQueue(deps: DrillDeps, userId: string): Promise<QueueDto> {
  const plan = await requirePlan(deps, userId);
  const now = deps.now();
  const today = studyDayOf(now, plan);
  const [due, keys, newToday] = await Promise.all([
    q.listDueCards(deps.db, userId, endOfStudyDay(now, plan), 500),
    q.listCardKeys(deps.db, userId),
    q.countIntroducedOn(deps.db, userId, today),
  ]);
  const relevant = relevantQuestions(deps.catalog, plan);
  const started = new Set(keys.filter((k) => k.introducedOn).map((k) => k.questionId));
  const excluded = new Set(keys.filter((k) => k.suspended).map((k) => k.questionId));
  const marked = new Set(keys.filter((k) => k.marked).map((k) => k.questionId));
  const remaining = relevant.filter((question) => !started.has(question.id)).length;
  const budget = dailyBudget(plan, remaining, today);
  const newBudgetLeft = Math.max(0, budget.newPerDay - newToday);

  const items: QueueDto['items'] = [];
  const queued = new Set<string>();
  const push = (questionId: string, kind: 'review' | 'new'): boolean => {
    const question = deps.catalog.findQuestion(questionId);
    if (!question || queued.has(questionId)) return false;
    queued.add(questionId);
    items.push({
      questionId,
      kind,
      area: question.area,
      levels: question.levels,
      question: question.question,
      marked: marked.has(questionId),
    });
    return true;
  };
  for (const card of due) push(card.questionId, 'review');
  for (const key of keys) if (key.marked && !key.suspended && key.introducedOn) push(key.questionId, 'review');

  const candidates = relevant.filter((question) => !started.has(question.id) && !excluded.has(question.id));
  const ordered = [
    ...candidates.filter((question) => marked.has(question.id)),
    ...interleave(
      candidates.filter((question) => !marked.has(question.id)),
      areaWeights(deps.catalog, plan.levels),
      userId,
    ),
  ];
  let added = 0;
  for (const question of ordered) {
    if (added >= newBudgetLeft) break;
    if (push(question.id, 'new')) added++;
  }
  return { day: today, reviewsDue: due.length, newToday, newBudgetLeft, items };
}

/**
 * Orders new questions so areas alternate in proportion to their weight (stride scheduling), with
 * easier levels first inside an area and a per-user shuffle so two candidates see different orders.
 */
function interleave(questions: Question[], weights: Record<AreaId, number>, userId: string): Question[] {
  const sortKey = new Map(
    questions.map((question) => [
      question.id,
      `${Math.min(...question.levels.map((level) => LEVEL_IDS.indexOf(level)))}:${createHash('sha1').update(`${userId}:${question.id}`).digest('hex')}`,
    ]),
  );
  const byArea = new Map<AreaId, Question[]>();
  for (const question of questions) byArea.set(question.area, [...(byArea.get(question.area) ?? []), question]);
  for (const list of byArea.values()) list.sort((a, b) => sortKey.get(a.id)!.localeCompare(sortKey.get(b.id)!));
  const pass = new Map([...byArea.keys()].map((area) => [area, 0]));
  const ordered: Question[] = [];
  while (pass.size > 0) {
    const [area] = [...pass].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]!;
    const list = byArea.get(area)!;
    ordered.push(list.shift()!);
    if (list.length === 0) pass.delete(area);
    else pass.set(area, pass.get(area)! + 1 / weights[area]);
  }
  return ordered;
}

// ---------------------------------------------------------------- answering

/** Rubric feedback for a typed answer, without recording anything. */
function gradeTypedAnswer(
  deps: DrillDeps,
  { questionId, answer, hintUsed }: { questionId: string; answer: string; hintUsed: boolean },
): FeedbackDto {
  const question = deps.catalog.findQuestion(questionId);
  if (!question) throw notFound('question_not_found', `No question with id "${questionId}".`);
  return answerJudgeFor(deps.catalog.allQuestions()).judge(question.id, answer, { hintUsed });
}

/**
 * Grades a typed answer for the drill page: the offline judgement, plus the AI review beside it
 * when the AI layer is on for this user — and for a behavioural question, AI coaching of the
 * story. Records nothing.
 */
export async function gradeTypedAnswerForUser(
  deps: DrillDeps,
  userId: string,
  body: { questionId: string; answer: string; hintUsed: boolean },
): Promise<GradeResultDto> {
  const offline = gradeTypedAnswer(deps, body);
  const question = deps.catalog.findQuestion(body.questionId)!;
  // Two independent model calls: asked together, so a behavioural answer waits for one timeout, not two.
  const [ai, coaching] = deps.ai
    ? await Promise.all([
        reviewTypedAnswer(deps.ai, { userId, question, answer: body.answer, offlineVerdict: offline.verdict }),
        question.area === 'behavioural'
          ? coachStory(deps.ai, { userId, question: question.question, story: body.answer })
          : undefined,
      ])
    : [undefined, undefined];
  return { ...offline, ...(ai ? { ai } : {}), ...(coaching ? { coaching } : {}) };
}

/** Records an answer and its rating; FSRS schedules the card's next review. */
export async function recordReview(deps: DrillDeps, userId: string, body: ReviewBody): Promise<ReviewResultDto> {
  const question = deps.catalog.findQuestion(body.questionId);
  if (!question) throw notFound('question_not_found', `No question with id "${body.questionId}".`);
  const plan = await q.findPlan(deps.db, userId);
  const clock = plan ?? UTC_CLOCK;
  const now = deps.now();
  const today = studyDayOf(now, clock);
  const existing = await q.findCard(deps.db, userId, body.questionId);
  const f = scheduler(plan?.desiredRetention ?? 0.9);
  const next = f.next(
    existing?.introducedOn ? toFsrsCard(existing) : createEmptyCard(now),
    now,
    body.rating as Grade,
  ).card;
  const feedback =
    body.mode === 'typed' && body.answer?.trim()
      ? gradeTypedAnswer(deps, { questionId: body.questionId, answer: body.answer, hintUsed: body.hintUsed })
      : null;

  const card = await q.upsertCard(deps.db, {
    userId,
    questionId: body.questionId,
    ...fromFsrsCard(next),
    introducedOn: existing?.introducedOn ?? today,
    suspended: existing?.suspended ?? false,
    marked: false,
    note: existing?.note ?? '',
  });
  const review = await q.insertReview(deps.db, {
    userId,
    questionId: body.questionId,
    rating: body.rating,
    mode: body.mode,
    answer: body.answer ?? null,
    hintUsed: body.hintUsed,
    durationMs: body.durationMs,
    score: feedback?.score ?? null,
    feedback,
    reviewedAt: now,
    studyDay: today,
  });
  return { reviewId: review.id, feedback, card: toCardDto(card, f, now) };
}

// ---------------------------------------------------------------- cards

export async function getCard(deps: DrillDeps, userId: string, questionId: string): Promise<CardDto> {
  if (!deps.catalog.findQuestion(questionId))
    throw notFound('question_not_found', `No question with id "${questionId}".`);
  const card = await q.findCard(deps.db, userId, questionId);
  const plan = await q.findPlan(deps.db, userId);
  return card ? toCardDto(card, scheduler(plan?.desiredRetention ?? 0.9), deps.now()) : newCardDto(questionId);
}

/** Marks for review, annotates or suspends a card; works before the question was ever studied. */
export async function updateCard(
  deps: DrillDeps,
  {
    userId,
    questionId,
    ...patch
  }: {
    userId: string;
    questionId: string;
    marked?: boolean | undefined;
    note?: string | undefined;
    suspended?: boolean | undefined;
  },
): Promise<CardDto> {
  if (!deps.catalog.findQuestion(questionId))
    throw notFound('question_not_found', `No question with id "${questionId}".`);
  const existing = await q.findCard(deps.db, userId, questionId);
  const base = existing ?? {
    ...fromFsrsCard(createEmptyCard(deps.now())),
    introducedOn: null,
    suspended: false,
    marked: false,
    note: '',
  };
  const card = await q.upsertCard(deps.db, {
    ...base,
    userId,
    questionId,
    marked: patch.marked ?? base.marked,
    note: patch.note ?? base.note,
    suspended: patch.suspended ?? base.suspended,
  });
  return toCardDto(card, scheduler(0.9), deps.now());
}

/** Forgets the card's scheduling (it becomes new again); notes and answer history are kept. */
export async function resetCard(deps: DrillDeps, userId: string, questionId: string): Promise<CardDto> {
  const existing = await q.findCard(deps.db, userId, questionId);
  if (!existing) throw notFound('card_not_found', 'You have not studied this question yet.');
  const card = await q.upsertCard(deps.db, {
    ...existing,
    ...fromFsrsCard(createEmptyCard(deps.now())),
    introducedOn: null,
  });
  return toCardDto(card, scheduler(0.9), deps.now());
}
