import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { returnedRow } from '../db/rows.js';
import { mockFollowUps, mockInterviews } from '../db/schema.js';

export type MockRow = typeof mockInterviews.$inferSelect;
export type FollowUpRow = typeof mockFollowUps.$inferSelect;

export async function insertMock(db: Db, row: typeof mockInterviews.$inferInsert): Promise<MockRow> {
  return returnedRow(await db.insert(mockInterviews).values(row).returning(), 'mock_interviews');
}

export async function findMock(db: Db, id: string): Promise<MockRow | undefined> {
  const [row] = await db.select().from(mockInterviews).where(eq(mockInterviews.id, id));
  return row;
}

export async function findMockByToken(db: Db, tokenHash: string): Promise<MockRow | undefined> {
  const [row] = await db.select().from(mockInterviews).where(eq(mockInterviews.interviewerTokenHash, tokenHash));
  return row;
}

export async function listMocks(db: Db, userId: string, limit: number): Promise<MockRow[]> {
  return db
    .select()
    .from(mockInterviews)
    .where(eq(mockInterviews.userId, userId))
    .orderBy(desc(mockInterviews.createdAt))
    .limit(limit);
}

/**
 * Writes a new version of a mock only if nobody else wrote since `version` was read; returns the
 * updated row, or undefined when the caller lost the race and must re-read and retry.
 */
export async function updateMock(
  db: Db,
  id: string,
  version: number,
  changes: Partial<Pick<MockRow, 'state' | 'interviewerTokenHash' | 'scorecard' | 'updatedAt' | 'finishedAt'>>,
): Promise<MockRow | undefined> {
  const [row] = await db
    .update(mockInterviews)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(mockInterviews.id, id), eq(mockInterviews.version, version)))
    .returning();
  return row;
}

/** The AI interviewer's follow-ups of a mock, by item and number. */
export async function listFollowUps(db: Db, mockId: string): Promise<FollowUpRow[]> {
  return db
    .select()
    .from(mockFollowUps)
    .where(eq(mockFollowUps.mockId, mockId))
    .orderBy(asc(mockFollowUps.itemId), asc(mockFollowUps.number));
}

/** Records a follow-up; false when that number was already asked (a concurrent request asked it first). */
export async function insertFollowUp(db: Db, row: typeof mockFollowUps.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(mockFollowUps)
    .values(row)
    .onConflictDoNothing()
    .returning({ n: mockFollowUps.number });
  return inserted.length > 0;
}

/** Stores the AI review of an answered follow-up, unless a settled one was stored meanwhile. */
export async function saveFollowUpReview(
  db: Db,
  key: { mockId: string; itemId: string; number: number },
  ai: unknown,
): Promise<void> {
  await db
    .update(mockFollowUps)
    .set({ ai })
    .where(
      and(
        eq(mockFollowUps.mockId, key.mockId),
        eq(mockFollowUps.itemId, key.itemId),
        eq(mockFollowUps.number, key.number),
        or(isNull(mockFollowUps.ai), sql`${mockFollowUps.ai}->>'status' = 'unavailable'`),
      ),
    );
}

/**
 * Saves the answer to a follow-up still open; with `feedback` (or `answeredAt`) it is closed.
 * Returns false when it was already answered.
 */
export async function saveFollowUpAnswer(
  db: Db,
  key: { mockId: string; itemId: string; number: number },
  changes: { answer: string; feedback?: unknown; answeredAt?: Date },
): Promise<boolean> {
  const updated = await db
    .update(mockFollowUps)
    .set(changes)
    .where(
      and(
        eq(mockFollowUps.mockId, key.mockId),
        eq(mockFollowUps.itemId, key.itemId),
        eq(mockFollowUps.number, key.number),
        isNull(mockFollowUps.answeredAt),
      ),
    )
    .returning({ n: mockFollowUps.number });
  return updated.length > 0;
}
