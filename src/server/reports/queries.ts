import type { Db } from '../db/client.js';
import { questionReports } from '../db/schema.js';

export async function insertReport(
  db: Db,
  report: { questionId: string; userId: string; kind: string; message: string },
) {
  const [row] = await db.insert(questionReports).values(report).returning();
  return row!;
}
