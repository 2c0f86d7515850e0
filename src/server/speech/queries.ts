import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { spokenRecordings } from '../db/schema.js';

export type RecordingRow = Omit<typeof spokenRecordings.$inferSelect, 'audio'>;

const listed = {
  id: spokenRecordings.id,
  userId: spokenRecordings.userId,
  contentType: spokenRecordings.contentType,
  durationMs: spokenRecordings.durationMs,
  transcript: spokenRecordings.transcript,
  subject: spokenRecordings.subject,
  createdAt: spokenRecordings.createdAt,
};

export async function insertRecording(db: Db, row: typeof spokenRecordings.$inferInsert): Promise<RecordingRow> {
  const [inserted] = await db.insert(spokenRecordings).values(row).returning(listed);
  return inserted!;
}

export function listRecordings(db: Db, userId: string, limit: number): Promise<RecordingRow[]> {
  return db
    .select(listed)
    .from(spokenRecordings)
    .where(eq(spokenRecordings.userId, userId))
    .orderBy(desc(spokenRecordings.createdAt))
    .limit(limit);
}

export async function findAudio(
  db: Db,
  userId: string,
  id: string,
): Promise<{ contentType: string; audio: Buffer } | undefined> {
  const [row] = await db
    .select({ contentType: spokenRecordings.contentType, audio: spokenRecordings.audio })
    .from(spokenRecordings)
    .where(and(eq(spokenRecordings.id, id), eq(spokenRecordings.userId, userId)));
  return row;
}

export async function deleteRecording(db: Db, userId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(spokenRecordings)
    .where(and(eq(spokenRecordings.id, id), eq(spokenRecordings.userId, userId)))
    .returning({ id: spokenRecordings.id });
  return deleted.length > 0;
}
