import { createEmptyCard, Rating } from 'ts-fsrs';
import type { PlanBody, PlanDto } from '../../shared/api.js';
import { AREA_IDS, LEVEL_IDS, type AreaId, type LevelId, type Question } from '../../shared/curriculum.js';
import type { Catalog } from '../curriculum/service.js';
import { conflict, invalid } from '../errors.js';
import { scheduler } from './fsrs.js';
import * as q from './queries.js';
import type { DrillDeps } from './service.js';
import { addDays, daysBetween, isValidTimeZone, startOfStudyDay, studyDayOf } from './study-day.js';

/*
 * The study plan: the levels, stack, interview date and hours a user chose, which questions that
 * makes relevant, how many new ones a day fit, and the two-week forecast of the work ahead. The
 * daily queue (service.ts) and progress (progress.ts) read it.
 */

const FORECAST_DAYS = 14;
/** Minutes a new card costs over its first weeks, counting the reviews it brings: sizes the daily budget. */
const MINUTES_PER_NEW_CARD = 5;
/** Finish new material this many days before the interview, leaving room for review only. */
const REVIEW_ONLY_DAYS = 3;
const MAX_NEW_PER_DAY = 60;

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

/** The user's plan; `plan_required` (409) until they have made one. */
export async function requirePlan(deps: DrillDeps, userId: string): Promise<q.PlanRow> {
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
