import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { returnedRow } from '../db/rows.js';
import {
  aiConsents,
  aiUsage,
  spokenRecordings,
  apiTokens,
  auditEvents,
  cards,
  idempotencyKeys,
  labAssessments,
  labDrafts,
  labSubmissions,
  mockFollowUps,
  mockInterviews,
  passwordResets,
  questionReports,
  questions,
  reviews,
  sessions,
  studyPlans,
  users,
} from '../db/schema.js';

export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function findLocalUser(db: Db): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.isLocal, true));
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  return returnedRow(await db.insert(users).values(values).returning(), 'users');
}

export async function updateUser(
  db: Db,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

export async function deleteUser(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return rows.length > 0;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(users.createdAt);
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** A live session and its user; expired sessions are not returned. */
export async function findLiveSession(db: Db, id: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  return row;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  return returnedRow(await db.insert(apiTokens).values(values).returning(), 'api_tokens');
}

export async function findActiveToken(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

export async function touchToken(db: Db, id: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function listTokensOfUser(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes a token only if it belongs to `userId`; false means no such token of theirs. */
export async function revokeTokenOfUser(db: Db, userId: string, tokenId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function insertPasswordReset(db: Db, values: typeof passwordResets.$inferInsert): Promise<void> {
  await db.insert(passwordResets).values(values);
}

/** The user of a live (unused, unexpired) reset token, without using it. */
export async function findLivePasswordReset(db: Db, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)),
    );
  return row?.userId;
}

/** Marks every outstanding reset token of the user used. */
export async function voidPasswordResetsOfUser(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/** Revokes every live API token of the user; returns how many. */
export async function revokeTokensOfUser(db: Db, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** Marks a live reset token used and returns its user id; single use, so a second call gets nothing. */
export async function consumePasswordReset(db: Db, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(
      and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)),
    )
    .returning({ userId: passwordResets.userId });
  return row?.userId;
}

export async function insertAuditEvent(db: Db, values: typeof auditEvents.$inferInsert): Promise<void> {
  await db.insert(auditEvents).values(values);
}

export async function listAuditEvents(db: Db, limit: number) {
  return db.select().from(auditEvents).orderBy(desc(auditEvents.at)).limit(limit);
}

/**
 * Everything stored about one user, for the account export: one entry per table that holds rows
 * of theirs. `USER_TABLES` names those tables; a test compares it with the database catalogue, so
 * a new user-owned table cannot be left out of the export unnoticed.
 */
export async function selectUserData(db: Db, userId: string) {
  const mine = sql`${auditEvents.actorUserId} = ${userId} or ${auditEvents.subjectUserId} = ${userId}`;
  const [
    tokens,
    userSessions,
    resets,
    keys,
    reports,
    audit,
    plan,
    userCards,
    userReviews,
    drafts,
    assessments,
    submissions,
    mocks,
    followUps,
    consent,
    usage,
    recordings,
  ] = await Promise.all([
    db.select().from(apiTokens).where(eq(apiTokens.userId, userId)),
    db.select().from(sessions).where(eq(sessions.userId, userId)),
    db.select().from(passwordResets).where(eq(passwordResets.userId, userId)),
    db.select().from(idempotencyKeys).where(eq(idempotencyKeys.owner, userId)),
    db.select().from(questionReports).where(eq(questionReports.userId, userId)),
    db.select().from(auditEvents).where(mine),
    db.select().from(studyPlans).where(eq(studyPlans.userId, userId)),
    db.select().from(cards).where(eq(cards.userId, userId)),
    db.select().from(reviews).where(eq(reviews.userId, userId)),
    db.select().from(labDrafts).where(eq(labDrafts.userId, userId)),
    db.select().from(labAssessments).where(eq(labAssessments.userId, userId)),
    db.select().from(labSubmissions).where(eq(labSubmissions.userId, userId)),
    db.select().from(mockInterviews).where(eq(mockInterviews.userId, userId)),
    db
      .select({ followUp: mockFollowUps })
      .from(mockFollowUps)
      .innerJoin(mockInterviews, eq(mockInterviews.id, mockFollowUps.mockId))
      .where(eq(mockInterviews.userId, userId)),
    db.select().from(aiConsents).where(eq(aiConsents.userId, userId)),
    db.select().from(aiUsage).where(eq(aiUsage.userId, userId)),
    // Metadata only: the audio stays behind its playback endpoint, so an export stays importable.
    db
      .select({
        id: spokenRecordings.id,
        subject: spokenRecordings.subject,
        contentType: spokenRecordings.contentType,
        durationMs: spokenRecordings.durationMs,
        bytes: sql<number>`octet_length(${spokenRecordings.audio})`.mapWith(Number),
        transcript: spokenRecordings.transcript,
        createdAt: spokenRecordings.createdAt,
      })
      .from(spokenRecordings)
      .where(eq(spokenRecordings.userId, userId)),
  ]);
  return {
    tokens,
    sessions: userSessions,
    resets,
    idempotencyKeys: keys,
    reports,
    audit,
    plan: plan[0] ?? null,
    cards: userCards,
    reviews: userReviews,
    drafts,
    assessments,
    submissions,
    mocks,
    followUps: followUps.map((row) => row.followUp),
    aiConsent: consent[0] ?? null,
    aiUsage: usage,
    recordings,
  };
}

/** Every table holding rows that belong to a user (by a reference to `users` or by owner), by SQL name. */
export const USER_TABLES = [
  'users',
  'sessions',
  'api_tokens',
  'password_resets',
  'idempotency_keys',
  'question_reports',
  'audit_events',
  'study_plans',
  'cards',
  'reviews',
  'lab_drafts',
  'lab_assessments',
  'lab_submissions',
  'mock_interviews',
  'ai_consents',
  'ai_usage',
  'spoken_recordings',
] as const;

export async function deleteIdempotencyKeysOf(db: Db, owner: string): Promise<void> {
  await db.delete(idempotencyKeys).where(eq(idempotencyKeys.owner, owner));
}

// ---------------------------------------------------------------- import of an export file

/** The ids of every question this instance knows (retired ones too, which cards may still point at). */
export async function listQuestionIds(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ id: questions.id }).from(questions)).map((row) => row.id));
}

/** The user's progress as import compares it with a file: plan, cards, answer times and drafts. */
export async function selectProgress(db: Db, userId: string) {
  const [plan, userCards, answered, drafts] = await Promise.all([
    db.select().from(studyPlans).where(eq(studyPlans.userId, userId)),
    db.select().from(cards).where(eq(cards.userId, userId)),
    db
      .select({ questionId: reviews.questionId, reviewedAt: reviews.reviewedAt })
      .from(reviews)
      .where(eq(reviews.userId, userId)),
    db.select().from(labDrafts).where(eq(labDrafts.userId, userId)),
  ]);
  return { plan: plan[0] ?? null, cards: userCards, answered, drafts };
}

export async function upsertStudyPlan(db: Db, plan: typeof studyPlans.$inferInsert): Promise<void> {
  await db
    .insert(studyPlans)
    .values(plan)
    .onConflictDoUpdate({ target: studyPlans.userId, set: { ...plan, updatedAt: sql`now()` } });
}

export async function upsertCards(db: Db, rows: (typeof cards.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(cards)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({ target: [cards.userId, cards.questionId], set: excludedColumns(cards, CARD_COLUMNS) });
  }
}

export async function insertReviews(db: Db, rows: (typeof reviews.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(reviews).values(rows.slice(i, i + 500));
}

export async function upsertDrafts(db: Db, rows: (typeof labDrafts.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(labDrafts)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [labDrafts.userId, labDrafts.labSlug, labDrafts.language],
        set: { code: sql`excluded.code`, updatedAt: sql`excluded.updated_at` },
      });
  }
}

const CARD_COLUMNS = [
  'due',
  'stability',
  'difficulty',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'state',
  'lastReview',
  'introducedOn',
  'suspended',
  'marked',
  'note',
] as const;

/** `SET column = excluded.column` for each named column, for an upsert that takes the new row. */
function excludedColumns(table: typeof cards, columns: readonly (typeof CARD_COLUMNS)[number][]) {
  return Object.fromEntries(columns.map((key) => [key, sql.raw(`excluded.${table[key].name}`)]));
}
