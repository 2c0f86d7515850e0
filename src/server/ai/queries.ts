import { and, eq, sql } from 'drizzle-orm';
import type { AiConsentChoice } from '../../shared/ai.js';
import type { Db } from '../db/client.js';
import { aiConsents, aiSettings, aiUsage } from '../db/schema.js';

const SETTINGS_ID = 'ai';

/** The admin's switch; null when no admin ever set it. */
export async function findSwitch(db: Db): Promise<boolean | null> {
  const [row] = await db.select({ enabled: aiSettings.enabled }).from(aiSettings).where(eq(aiSettings.id, SETTINGS_ID));
  return row?.enabled ?? null;
}

export async function saveSwitch(db: Db, enabled: boolean): Promise<void> {
  await db
    .insert(aiSettings)
    .values({ id: SETTINGS_ID, enabled })
    .onConflictDoUpdate({ target: aiSettings.id, set: { enabled, updatedAt: sql`now()` } });
}

export async function findConsent(db: Db, userId: string): Promise<AiConsentChoice | null> {
  const [row] = await db.select({ choice: aiConsents.choice }).from(aiConsents).where(eq(aiConsents.userId, userId));
  return row?.choice ?? null;
}

export async function saveConsent(db: Db, userId: string, choice: AiConsentChoice, at: Date): Promise<void> {
  await db
    .insert(aiConsents)
    .values({ userId, choice, decidedAt: at })
    .onConflictDoUpdate({ target: aiConsents.userId, set: { choice, decidedAt: at } });
}

export async function tokensUsed(db: Db, userId: string, day: string): Promise<number> {
  const [row] = await db
    .select({ tokens: aiUsage.tokens })
    .from(aiUsage)
    .where(and(eq(aiUsage.userId, userId), eq(aiUsage.day, day)));
  return row?.tokens ?? 0;
}

/**
 * Reserves `tokens` of the user's budget for `day` in one statement, so that of two requests
 * racing for the last of a budget only one gets it: the insert or the conditional update takes the
 * row's lock, and the second sees the first's reservation. Returns whether it was reserved.
 */
export async function reserveTokens(
  db: Db,
  input: { userId: string; day: string; tokens: number; limit: number },
): Promise<boolean> {
  const { userId, day, tokens, limit } = input;
  const result = (await db.execute(sql`
    insert into ${aiUsage} (user_id, day, tokens)
    select ${userId}::uuid, ${day}::text, ${tokens}::integer where ${tokens}::integer <= ${limit}::integer
    on conflict (user_id, day) do update set tokens = ${aiUsage.tokens} + excluded.tokens
      where ${aiUsage.tokens} + excluded.tokens <= ${limit}::integer
    returning tokens`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}

/**
 * Moves the day's count by `delta` (negative hands back what a reservation did not spend); never
 * below zero.
 */
export async function adjustTokens(db: Db, userId: string, day: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await db
    .insert(aiUsage)
    .values({ userId, day, tokens: Math.max(0, delta) })
    .onConflictDoUpdate({
      target: [aiUsage.userId, aiUsage.day],
      set: { tokens: sql`greatest(0, ${aiUsage.tokens} + ${delta})` },
    });
}
