import { desc } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { returnedRow } from '../db/rows.js';
import { questionReports } from '../db/schema.js';

export type ReportRow = typeof questionReports.$inferSelect;

export async function insertReport(db: Db, report: typeof questionReports.$inferInsert): Promise<ReportRow> {
  return returnedRow(await db.insert(questionReports).values(report).returning(), 'question_reports');
}

export async function listRecentReports(db: Db, limit: number): Promise<ReportRow[]> {
  return db.select().from(questionReports).orderBy(desc(questionReports.createdAt)).limit(limit);
}
