import { and, asc, desc, eq, gte, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { returnedRow } from '../db/rows.js';
import { cards, reviews, studyPlans } from '../db/schema.js';

export type PlanRow = typeof studyPlans.$inferSelect;
export type CardRow = typeof cards.$inferSelect;
type ReviewRow = typeof reviews.$inferSelect;

export async function findPlan(db: Db, userId: string): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(studyPlans).where(eq(studyPlans.userId, userId));
  return row;
}

export async function upsertPlan(db: Db, plan: typeof studyPlans.$inferInsert): Promise<PlanRow> {
  const rows = await db
    .insert(studyPlans)
    .values(plan)
    .onConflictDoUpdate({ target: studyPlans.userId, set: { ...plan, updatedAt: sql`now()` } })
    .returning();
  return returnedRow(rows, 'study_plans');
}

/** The columns needed to know which questions a user has already started, for picking new cards. */
export async function listCardKeys(db: Db, userId: string) {
  return db
    .select({
      questionId: cards.questionId,
      introducedOn: cards.introducedOn,
      suspended: cards.suspended,
      marked: cards.marked,
    })
    .from(cards)
    .where(eq(cards.userId, userId));
}

/** Started, unsuspended cards due before `before`, soonest first. */
export async function listDueCards(db: Db, userId: string, before: Date, limit: number): Promise<CardRow[]> {
  return db
    .select()
    .from(cards)
    .where(
      and(eq(cards.userId, userId), lt(cards.due, before), eq(cards.suspended, false), isNotNull(cards.introducedOn)),
    )
    .orderBy(asc(cards.due))
    .limit(limit);
}

export async function listCards(db: Db, userId: string): Promise<CardRow[]> {
  return db.select().from(cards).where(eq(cards.userId, userId));
}

export async function findCard(db: Db, userId: string, questionId: string): Promise<CardRow | undefined> {
  const [row] = await db
    .select()
    .from(cards)
    .where(and(eq(cards.userId, userId), eq(cards.questionId, questionId)));
  return row;
}

export async function upsertCard(db: Db, card: typeof cards.$inferInsert): Promise<CardRow> {
  const { userId: _u, questionId: _q, ...changes } = card;
  const rows = await db
    .insert(cards)
    .values(card)
    .onConflictDoUpdate({ target: [cards.userId, cards.questionId], set: changes })
    .returning();
  return returnedRow(rows, 'cards');
}

export async function insertReview(db: Db, review: typeof reviews.$inferInsert): Promise<ReviewRow> {
  return returnedRow(await db.insert(reviews).values(review).returning(), 'reviews');
}

/** Answer time summed, in ms: `sum` gives a bigint, which node-postgres returns as text, so it is mapped to a number. */
const totalDurationMs = () => sql`coalesce(sum(${reviews.durationMs}), 0)::bigint`.mapWith(Number);

/** Reviews per study day since `fromDay`: count, how many were rated Good or Easy, and time spent. */
export async function dailyReviewStats(db: Db, userId: string, fromDay: string) {
  return db
    .select({
      day: reviews.studyDay,
      reviews: sql<number>`count(*)::int`,
      correct: sql<number>`count(*) filter (where ${reviews.rating} >= 3)::int`,
      durationMs: totalDurationMs(),
    })
    .from(reviews)
    .where(and(eq(reviews.userId, userId), gte(reviews.studyDay, fromDay)))
    .groupBy(reviews.studyDay)
    .orderBy(asc(reviews.studyDay));
}

/** How often each question was answered, and how often rated Good or Easy. */
export async function reviewStatsByQuestion(db: Db, userId: string) {
  return db
    .select({
      questionId: reviews.questionId,
      answers: sql<number>`count(*)::int`,
      correct: sql<number>`count(*) filter (where ${reviews.rating} >= 3)::int`,
    })
    .from(reviews)
    .where(eq(reviews.userId, userId))
    .groupBy(reviews.questionId);
}

export async function reviewTotals(db: Db, userId: string) {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      durationMs: totalDurationMs(),
    })
    .from(reviews)
    .where(eq(reviews.userId, userId));
  return { count: row?.count ?? 0, durationMs: row?.durationMs ?? 0 };
}

/** Distinct study days with at least one review, newest first (for the streak). */
export async function recentStudyDays(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ day: reviews.studyDay })
    .from(reviews)
    .where(eq(reviews.userId, userId))
    .orderBy(desc(reviews.studyDay))
    .limit(limit);
  return rows.map((r) => r.day);
}

/** A page of reviews, newest first, after the (reviewedAt, id) cursor if given. */
export async function listReviews(
  db: Db,
  userId: string,
  limit: number,
  after?: { reviewedAt: Date; id: string },
): Promise<ReviewRow[]> {
  return db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.userId, userId),
        after
          ? or(
              lt(reviews.reviewedAt, after.reviewedAt),
              and(eq(reviews.reviewedAt, after.reviewedAt), lt(reviews.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(reviews.reviewedAt), desc(reviews.id))
    .limit(limit);
}

export async function countIntroducedOn(db: Db, userId: string, day: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cards)
    .where(and(eq(cards.userId, userId), eq(cards.introducedOn, day)));
  return row?.n ?? 0;
}

/** Cards due per study day over a window, for the plan's forecast (`due` bucketed in SQL by UTC instant). */
export async function listDueDates(db: Db, userId: string, before: Date): Promise<Date[]> {
  const rows = await db
    .select({ due: cards.due })
    .from(cards)
    .where(
      and(eq(cards.userId, userId), lte(cards.due, before), eq(cards.suspended, false), isNotNull(cards.introducedOn)),
    );
  return rows.map((r) => r.due);
}
