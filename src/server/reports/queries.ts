import { desc } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { questionReports } from '../db/schema.js';

export async function insertReport(
  db: Db,
  report: { questionId: string; userId: string; kind: string; message: string },
) {
  const [row] = await db.insert(questionReports).values(report).returning();
  return row!;
}

export async function listRecentReports(db: Db, limit: number) {
  return db.select().from(questionReports).orderBy(desc(questionReports.createdAt)).limit(limit);
}
