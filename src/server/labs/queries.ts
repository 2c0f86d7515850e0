import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { labAssessments, labDrafts, labSubmissions } from '../db/schema.js';

export type SubmissionRow = typeof labSubmissions.$inferSelect;
export type DraftRow = typeof labDrafts.$inferSelect;
export type AssessmentRow = typeof labAssessments.$inferSelect;

export async function listDrafts(db: Db, userId: string, labSlug: string): Promise<DraftRow[]> {
  return db
    .select()
    .from(labDrafts)
    .where(and(eq(labDrafts.userId, userId), eq(labDrafts.labSlug, labSlug)))
    .orderBy(desc(labDrafts.updatedAt));
}

export async function upsertDraft(db: Db, draft: typeof labDrafts.$inferInsert): Promise<DraftRow> {
  const [row] = await db
    .insert(labDrafts)
    .values(draft)
    .onConflictDoUpdate({
      target: [labDrafts.userId, labDrafts.labSlug, labDrafts.language],
      set: { code: draft.code, updatedAt: draft.updatedAt },
    })
    .returning();
  return row!;
}

export async function insertSubmission(db: Db, row: typeof labSubmissions.$inferInsert): Promise<SubmissionRow> {
  const [inserted] = await db.insert(labSubmissions).values(row).returning();
  return inserted!;
}

export async function findSubmission(db: Db, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.select().from(labSubmissions).where(eq(labSubmissions.id, id));
  return row;
}

export async function updateSubmission(
  db: Db,
  id: string,
  changes: Partial<typeof labSubmissions.$inferInsert>,
): Promise<SubmissionRow> {
  const [row] = await db.update(labSubmissions).set(changes).where(eq(labSubmissions.id, id)).returning();
  return row!;
}

/** Jobs a previous server left unfinished. */
export async function listUnfinishedSubmissionIds(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: labSubmissions.id })
    .from(labSubmissions)
    .where(inArray(labSubmissions.status, ['queued', 'running']))
    .orderBy(labSubmissions.createdAt);
  return rows.map((row) => row.id);
}

/** A user's submissions (not runs) of one lab, newest first. */
export async function listAttempts(db: Db, userId: string, labSlug: string, limit: number): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(labSubmissions)
    .where(
      and(eq(labSubmissions.userId, userId), eq(labSubmissions.labSlug, labSlug), eq(labSubmissions.mode, 'submit')),
    )
    .orderBy(desc(labSubmissions.createdAt))
    .limit(limit);
}

/** Per lab, whether the user ever passed it and whether they tried it at all. */
export async function labStatuses(db: Db, userId: string): Promise<Map<string, 'solved' | 'attempted'>> {
  const rows = await db
    .select({
      labSlug: labSubmissions.labSlug,
      solved: sql<boolean>`bool_or(${labSubmissions.verdict} = 'passed' and ${labSubmissions.mode} = 'submit')`,
    })
    .from(labSubmissions)
    .where(eq(labSubmissions.userId, userId))
    .groupBy(labSubmissions.labSlug);
  return new Map(rows.map((row) => [row.labSlug, row.solved ? 'solved' : 'attempted']));
}

export async function insertAssessment(db: Db, row: typeof labAssessments.$inferInsert): Promise<AssessmentRow> {
  const [inserted] = await db.insert(labAssessments).values(row).returning();
  return inserted!;
}

export async function findAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(labAssessments).where(eq(labAssessments.id, id));
  return row;
}

export async function listAssessments(db: Db, userId: string): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(labAssessments)
    .where(eq(labAssessments.userId, userId))
    .orderBy(desc(labAssessments.startedAt))
    .limit(50);
}

/** Marks the assessment finished once; false if it already was. */
export async function finishAssessment(db: Db, id: string, at: Date, autoSubmitted: boolean): Promise<boolean> {
  const rows = await db
    .update(labAssessments)
    .set({ finishedAt: at, autoSubmitted })
    .where(and(eq(labAssessments.id, id), sql`${labAssessments.finishedAt} is null`))
    .returning({ id: labAssessments.id });
  return rows.length === 1;
}

/** Open assessments whose countdown has run out. */
export async function listExpiredAssessments(db: Db, now: Date): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(labAssessments)
    .where(and(sql`${labAssessments.finishedAt} is null`, sql`${labAssessments.endsAt} <= ${now}`));
}

/** The latest submission per lab within an assessment. */
export async function listAssessmentSubmissions(db: Db, assessmentId: string): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(labSubmissions)
    .where(and(eq(labSubmissions.assessmentId, assessmentId), eq(labSubmissions.mode, 'submit')))
    .orderBy(desc(labSubmissions.createdAt));
}
