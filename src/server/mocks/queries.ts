import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { returnedRow } from '../db/rows.js';
import { mockInterviews } from '../db/schema.js';

export type MockRow = typeof mockInterviews.$inferSelect;

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
