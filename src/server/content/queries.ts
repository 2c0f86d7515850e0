import { createHash } from 'node:crypto';
import { inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import * as schema from '../db/schema.js';
import type { Curriculum } from './load-content.js';

interface SyncCounts {
  inserted: number;
  updated: number;
  retired: number;
  unchanged: number;
}

type ContentTable = typeof schema.areas | typeof schema.levels | typeof schema.stages | typeof schema.questions;

/**
 * Brings the curriculum tables in line with `content/` in one transaction. Idempotent: a second
 * run with the same files writes nothing. Changed items are updated in place (never deleted and
 * re-inserted), so rows that reference them survive; items whose file disappeared are retired.
 */
export async function syncCurriculum(db: Db, curriculum: Curriculum): Promise<SyncCounts> {
  const counts: SyncCounts = { inserted: 0, updated: 0, retired: 0, unchanged: 0 };
  await db.transaction(async (tx) => {
    await syncTable(tx, schema.areas, curriculum.areas, () => ({}), counts);
    await syncTable(tx, schema.levels, curriculum.levels, () => ({}), counts);
    await syncTable(tx, schema.stages, curriculum.stages, () => ({}), counts);
    await syncTable(
      tx,
      schema.questions,
      curriculum.questions,
      (q) => ({ area: q.area, levels: q.levels, tags: q.tags }),
      counts,
    );
  });
  return counts;
}

async function syncTable<T extends { id: string }>(
  tx: Db,
  table: ContentTable,
  items: readonly T[],
  columns: (item: T) => Record<string, unknown>,
  counts: SyncCounts,
): Promise<void> {
  const existing = await tx
    .select({ id: table.id, hash: table.contentHash, retiredAt: table.retiredAt })
    .from(table);
  const known = new Map(existing.map((row) => [row.id, row]));

  for (const item of items) {
    const hash = contentHash(item);
    const row = known.get(item.id);
    const values = { data: item, contentHash: hash, retiredAt: null, ...columns(item) };
    if (!row) {
      await tx.insert(table).values({ id: item.id, ...values } as typeof table.$inferInsert);
      counts.inserted++;
    } else if (row.hash !== hash || row.retiredAt !== null) {
      await tx
        .update(table)
        .set({ ...values, updatedAt: sql`now()` })
        .where(inArray(table.id, [item.id]));
      counts.updated++;
    } else {
      counts.unchanged++;
    }
  }

  const ids = items.map((item) => item.id);
  const retired = await tx
    .update(table)
    .set({ retiredAt: sql`now()` })
    .where(sql`${isNull(table.retiredAt)} and ${ids.length ? notInArray(table.id, ids) : sql`true`}`)
    .returning({ id: table.id });
  counts.retired += retired.length;
}

function contentHash(item: unknown): string {
  return createHash('sha256').update(JSON.stringify(item)).digest('hex');
}
