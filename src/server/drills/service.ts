import { createHash } from 'node:crypto';
import { createEmptyCard, type Grade, Rating } from 'ts-fsrs';
import type {
  CardDto,
  FeedbackDto,
  GradeResultDto,
  PlanBody,
  PlanDto,
  QueueDto,
  ReviewBody,
  ReviewResultDto,
} from '../../shared/api.js';
import { AREA_IDS, LEVEL_IDS, type AreaId, type LevelId, type Question } from '../../shared/curriculum.js';
import type { Catalog } from '../curriculum/service.js';
import type { Db } from '../db/client.js';
import { conflict, invalid, notFound } from '../errors.js';
import { answerJudgeFor } from '../judge/answer.js';
import { coachStory, reviewTypedAnswer, type AiDeps } from '../ai/service.js';
import { fromFsrsCard, newCardDto, scheduler, toCardDto, toFsrsCard } from './fsrs.js';
import * as q from './queries.js';
import {
  addDays,
  daysBetween,
  endOfStudyDay,
  isValidTimeZone,
  startOfStudyDay,
  studyDayOf,
  UTC_CLOCK,
} from './study-day.js';

export interface DrillDeps {
  db: Db;
  catalog: Catalog;
  now: () => Date;
  /** The optional AI layer; without it grading is offline only. */
  ai?: AiDeps;
}

const FORECAST_DAYS = 14;
/** Minutes a new card costs over its first weeks, counting the reviews it brings: sizes the daily budget. */
const MINUTES_PER_NEW_CARD = 5;
/** Finish new material this many days before the interview, leaving room for review only. */
const REVIEW_ONLY_DAYS = 3;
const MAX_NEW_PER_DAY = 60;

// ---------------------------------------------------------------- plan

/** Saves the plan (onboarding or a later change) and returns it with its summary. */
export async function savePlan(deps: DrillDeps, userId: string, body: PlanBody): Promise<PlanDto> {
  if (!isValidTimeZone(body.timeZone))
    throw invalid('invalid_time_zone', `Unknown time zone "${body.timeZone}"; use an IANA name such as Europe/Berlin.`);
  if (
    body.levels.length === 2 &&
    Math.abs(LEVEL_IDS.indexOf(body.levels[0]!) - LEVEL_IDS.indexOf(body.levels[1]!)) !== 1
  ) {
    throw invalid('invalid_blend', 'A blend is two neighbouring levels: junior with mid, or mid with senior.');
  }
  const levels = [...body.levels].sort((a, b) => LEVEL_IDS.indexOf(a) - LEVEL_IDS.indexOf(b));
  const today = studyDayOf(deps.now(), body);
  if (body.interviewDate && body.interviewDate < today)
    throw invalid('interview_date_past', 'The interview date is in the past.');
  const row = await q.upsertPlan(deps.db, { userId, ...body, levels });
  return planWithSummary(deps, userId, row);
}

export async function getPlan(deps: DrillDeps, userId: string): Promise<PlanDto> {
  return planWithSummary(deps, userId, await requirePlan(deps, userId));
}

async function requirePlan(deps: DrillDeps, userId: string): Promise<q.PlanRow> {
  const plan = await q.findPlan(deps.db, userId);
  if (!plan) throw conflict('plan_required', 'Set up your study plan first.');
  return plan;
}

/** The questions a plan covers: at its level(s), and framework questions only for the chosen stack. */
export function relevantQuestions(
  catalog: Catalog,
  plan: { levels: readonly LevelId[]; stack: readonly string[] },
): Question[] {
  return catalog
    .allQuestions()
    .filter((question) => question.levels.some((level) => plan.levels.includes(level)))
    .filter((question) => question.area !== 'frameworks' || question.tags.some((tag) => plan.stack.includes(tag)));
}

/** How much each area matters for the plan: the levels guide's weights, averaged over a blend. */
export function areaWeights(catalog: Catalog, levels: readonly string[]): Record<AreaId, number> {
  const guides = catalog.listLevels().filter((level) => levels.includes(level.id));
  return Object.fromEntries(
    AREA_IDS.map((area) => [
      area,
      Math.max(0.05, guides.reduce((sum, g) => sum + (g.areaWeights[area] ?? 0), 0) / Math.max(1, guides.length)),
    ]),
  ) as Record<AreaId, number>;
}

interface Budget {
  newPerDay: number;
  daysLeft: number | null;
  onTrack: boolean;
  message: string;
}

/** Sizes the daily new-card budget so the relevant bank is seen before the interview, within the hours given. */
export function dailyBudget(
  plan: Pick<q.PlanRow, 'hoursPerWeek' | 'interviewDate'>,
  remaining: number,
  today: string,
): Budget {
  const capacity = Math.max(1, Math.floor((plan.hoursPerWeek * 60) / 7 / MINUTES_PER_NEW_CARD));
  if (remaining === 0)
    return {
      newPerDay: 0,
      daysLeft: plan.interviewDate ? daysBetween(today, plan.interviewDate) : null,
      onTrack: true,
      message: 'Every question in your plan has been seen: reviews only from here.',
    };
  if (!plan.interviewDate) {
    const newPerDay = Math.min(capacity, MAX_NEW_PER_DAY);
    return {
      newPerDay,
      daysLeft: null,
      onTrack: true,
      message: `No interview date set: ${newPerDay} new questions a day covers the plan in about ${Math.ceil(remaining / newPerDay)} days.`,
    };
  }
  const daysLeft = daysBetween(today, plan.interviewDate);
  const studyDays = Math.max(1, daysLeft - REVIEW_ONLY_DAYS);
  const needed = Math.ceil(remaining / studyDays);
  const newPerDay = Math.min(needed, MAX_NEW_PER_DAY);
  const onTrack = needed <= capacity;
  const message = onTrack
    ? `On track: ${newPerDay} new questions a day covers the remaining ${remaining} with ${Math.min(REVIEW_ONLY_DAYS, daysLeft)} days left for review.`
    : `Behind: covering ${remaining} questions in ${daysLeft} days needs ${needed} new a day, but ${plan.hoursPerWeek} h a week fits about ${capacity}. Add hours, narrow the plan, or focus on the weakest areas.`;
  return { newPerDay, daysLeft, onTrack, message };
}

/**
 * The reviews that the forecast's new cards will bring inside the window: each day's new cards
 * are followed through the scheduler as if every review were answered "Good", so a plan of 13
 * new a day shows the reviews they cause on the following days, not a flat zero.
 */
export function reviewsOfNewCards(
  days: { day: string; newCards: number }[],
  plan: Pick<q.PlanRow, 'desiredRetention' | 'timeZone' | 'dayStartHour'>,
): Map<string, number> {
  const f = scheduler(plan.desiredRetention);
  const last = days.at(-1)?.day;
  const reviews = new Map<string, number>();
  for (const { day, newCards } of days) {
    if (newCards === 0 || !last) continue;
    // One card stands for all of the day's new cards: they share a schedule when all go well.
    let at = new Date(startOfStudyDay(day, plan).getTime() + 3_600_000);
    let card = f.next(createEmptyCard(at), at, Rating.Good).card;
    for (let step = 0; step < 50; step++) {
      at = card.due;
      const dueDay = studyDayOf(at, plan);
      if (dueDay > last) break;
      if (dueDay !== day) reviews.set(dueDay, (reviews.get(dueDay) ?? 0) + newCards);
      card = f.next(card, at, Rating.Good).card;
    }
  }
  return reviews;
}

async function planWithSummary(deps: DrillDeps, userId: string, plan: q.PlanRow): Promise<PlanDto> {
  const now = deps.now();
  const today = studyDayOf(now, plan);
  const relevant = relevantQuestions(deps.catalog, plan);
  const started = new Set(
    (await q.listCardKeys(deps.db, userId)).filter((c) => c.introducedOn).map((c) => c.questionId),
  );
  const seen = relevant.filter((question) => started.has(question.id)).length;
  const remaining = relevant.length - seen;
  const budget = dailyBudget(plan, remaining, today);

  const horizon = startOfStudyDay(addDays(today, FORECAST_DAYS), plan);
  const dueByDay = new Map<string, number>();
  for (const due of await q.listDueDates(deps.db, userId, horizon)) {
    const day = due < now ? today : studyDayOf(due, plan);
    dueByDay.set(day, (dueByDay.get(day) ?? 0) + 1);
  }
  let left = remaining;
  const days = Array.from({ length: FORECAST_DAYS }, (_, i) => {
    const newCards = Math.min(left, budget.newPerDay);
    left -= newCards;
    return { day: addDays(today, i), newCards };
  });
  const projected = reviewsOfNewCards(days, plan);
  const forecast = days.map(({ day, newCards }) => ({
    day,
    reviews: (dueByDay.get(day) ?? 0) + (projected.get(day) ?? 0),
    newCards,
  }));

  return {
    levels: plan.levels,
    interviewDate: plan.interviewDate,
    hoursPerWeek: plan.hoursPerWeek,
    stack: plan.stack,
    desiredRetention: plan.desiredRetention,
    timeZone: plan.timeZone,
    dayStartHour: plan.dayStartHour,
    summary: { today, relevantTotal: relevant.length, seen, remaining, ...budget, forecast },
  };
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
export function gradeTypedAnswer(
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
