import { z } from 'zod';
import type { HistoryPage, ProgressDto } from '../../shared/api.js';
import { AREA_IDS, LEVEL_IDS } from '../../shared/curriculum.js';
import { parseStoredJudgement } from '../../shared/judgement.js';
import type { Catalog } from '../curriculum/service.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { scheduler, toFsrsCard } from './fsrs.js';
import * as q from './queries.js';
import { relevantQuestions } from './plan.js';
import type { DrillDeps } from './service.js';
import { addDays, studyDayOf, UTC_CLOCK } from './study-day.js';

/**
 * Readiness per area × level is the FSRS probability of recalling each question now, summed over
 * the questions studied and divided by all questions in the cell: recall weighted by coverage.
 */
export async function getProgress(deps: DrillDeps, userId: string): Promise<ProgressDto> {
  const plan = await q.findPlan(deps.db, userId);
  const clock = plan ?? UTC_CLOCK;
  const now = deps.now();
  const today = studyDayOf(now, clock);
  const f = scheduler(plan?.desiredRetention ?? 0.9);
  const [cardRows, daily, totals, days, answerStats] = await Promise.all([
    q.listCards(deps.db, userId),
    q.dailyReviewStats(deps.db, userId, addDays(today, -29)),
    q.reviewTotals(deps.db, userId),
    q.recentStudyDays(deps.db, userId, 400),
    q.reviewStatsByQuestion(deps.db, userId),
  ]);
  const recall = new Map(
    cardRows.filter((c) => c.introducedOn).map((c) => [c.questionId, f.get_retrievability(toFsrsCard(c), now, false)]),
  );
  const bank = plan
    ? relevantQuestions(deps.catalog, { levels: LEVEL_IDS, stack: plan.stack })
    : deps.catalog.allQuestions();

  const readiness = AREA_IDS.flatMap((area) =>
    LEVEL_IDS.map((level) => {
      const cell = bank.filter((question) => question.area === area && question.levels.includes(level));
      const seen = cell.filter((question) => recall.has(question.id));
      const sum = seen.reduce((total, question) => total + recall.get(question.id)!, 0);
      return { area, level, readiness: cell.length ? sum / cell.length : 0, seen: seen.length, total: cell.length };
    }),
  );

  const dailyByDay = new Map(daily.map((d) => [d.day, d]));
  const last30 = Array.from({ length: 30 }, (_, i) => {
    const day = addDays(today, i - 29);
    const stats = dailyByDay.get(day);
    return {
      day,
      reviews: stats?.reviews ?? 0,
      correct: stats?.correct ?? 0,
      minutes: Math.round((Number(stats?.durationMs ?? 0) / 60_000) * 10) / 10,
    };
  });

  const weakest = weakestTopics(deps.catalog, recall, answerStats, plan?.desiredRetention ?? 0.9);

  return {
    today,
    readiness,
    daily: last30,
    streak: streakOf(days, today),
    totalReviews: totals.count,
    totalMinutes: Math.round((totals.durationMs / 60_000) * 10) / 10,
    weakest,
  };
}

/**
 * The topics that need work. Right after a review every card's FSRS recall is near 100 %, so
 * recall alone would call a topic answered wrongly a minute ago "strong"; a topic is weak when a
 * share of its answers were rated Again or Hard, or its recall has fallen below the target.
 * Topics answered right every time and still at target are not listed, whatever their rank.
 */
export function weakestTopics(
  catalog: Pick<Catalog, 'findQuestion'>,
  recall: Map<string, number>,
  answerStats: { questionId: string; answers: number; correct: number }[],
  target: number,
): ProgressDto['weakest'] {
  const byTag = new Map<string, { recall: number[]; answers: number; correct: number }>();
  const stats = new Map(answerStats.map((s) => [s.questionId, s]));
  for (const [questionId, r] of recall) {
    const answered = stats.get(questionId);
    for (const tag of catalog.findQuestion(questionId)?.tags ?? []) {
      const entry = byTag.get(tag) ?? { recall: [], answers: 0, correct: 0 };
      entry.recall.push(r);
      entry.answers += answered?.answers ?? 0;
      entry.correct += answered?.correct ?? 0;
      byTag.set(tag, entry);
    }
  }
  return [...byTag]
    .map(([tag, entry]) => ({
      tag,
      retrievability: entry.recall.reduce((a, b) => a + b, 0) / entry.recall.length,
      cards: entry.recall.length,
      answers: entry.answers,
      correct: entry.correct,
    }))
    .filter((t) => t.answers >= 2 && (t.correct < t.answers || t.retrievability < target))
    .sort((a, b) => a.correct / a.answers - b.correct / b.answers || a.retrievability - b.retrievability)
    .slice(0, 8);
}

/** Consecutive study days with reviews, ending today (or yesterday, if today has none yet). */
function streakOf(daysNewestFirst: string[], today: string): number {
  const days = new Set(daysNewestFirst);
  let cursor = days.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (days.has(cursor)) {
    streak++;
    cursor = addDays(cursor, -1);
  }
  return streak;
}

/** Where a history page ends: the last review's time and id (reviews are ordered by both). */
const HistoryCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });

export async function listHistory(
  deps: DrillDeps,
  { userId, limit, cursor }: { userId: string; limit: number; cursor?: string | undefined },
): Promise<HistoryPage> {
  const position = cursor ? decodeCursor(cursor, HistoryCursor) : undefined;
  const after = position && { reviewedAt: new Date(position.at), id: position.id };
  const rows = await q.listReviews(deps.db, userId, limit + 1, after);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      questionId: row.questionId,
      question: deps.catalog.findQuestion(row.questionId)?.question ?? row.questionId,
      rating: row.rating,
      // Rows imported before imports normalised the mode may hold other text; they read as typed.
      mode: row.mode === 'spoken' ? 'spoken' : 'typed',
      answer: row.answer,
      hintUsed: row.hintUsed,
      durationMs: row.durationMs,
      score: row.score,
      feedback: row.feedback === null ? null : parseStoredJudgement(row.feedback),
      reviewedAt: row.reviewedAt.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.reviewedAt.toISOString(), id: last.id }) : null,
  };
}
