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

export async function addTokens(db: Db, userId: string, day: string, tokens: number): Promise<void> {
  await db
    .insert(aiUsage)
    .values({ userId, day, tokens })
    .onConflictDoUpdate({
      target: [aiUsage.userId, aiUsage.day],
      set: { tokens: sql`${aiUsage.tokens} + ${tokens}` },
    });
}
