import { and, arrayContains, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, openTestDatabase } from '../../../test/database.js';
import { FIXTURE_QUESTIONS, makeContentFixture } from '../../../test/content-fixture.js';
import type { Database } from '../db/client.js';
import { questionReports, questions } from '../db/schema.js';
import { loadCurriculum } from './load-content.js';
import { syncCurriculum } from './queries.js';

describe.each(DATABASE_KINDS)('syncCurriculum on the %s database', (kind) => {
  let database: Database;
  let content: Awaited<ReturnType<typeof makeContentFixture>>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    content = await makeContentFixture();
  });
  afterAll(async () => {
    await database?.close();
    await content?.cleanup();
  });

  it('inserts everything on the first run, then changes nothing on the second', async () => {
    const curriculum = await loadCurriculum(content.dir);
    const first = await syncCurriculum(database.db, curriculum);
    expect(first).toEqual({ inserted: 10 + 3 + 5 + FIXTURE_QUESTIONS.length, updated: 0, retired: 0, unchanged: 0 });

    const before = await database.db.select({ id: questions.id, updatedAt: questions.updatedAt }).from(questions);
    const second = await syncCurriculum(database.db, curriculum);
    expect(second).toEqual({ inserted: 0, updated: 0, retired: 0, unchanged: first.inserted });
    const after = await database.db.select({ id: questions.id, updatedAt: questions.updatedAt }).from(questions);
    expect(after).toEqual(before);
  });

  it('updates an edited question in place, keeping the user data attached to it', async () => {
    await database.db.insert(questionReports).values({ questionId: 'acid', kind: 'typo', message: 'Durability is misspelt' });
    const original = FIXTURE_QUESTIONS.find((q) => q.id === 'acid')!;
    await content.writeQuestion({ ...original, question: 'What does each letter of ACID promise?' });

    const counts = await syncCurriculum(database.db, await loadCurriculum(content.dir));
    expect(counts.updated).toBe(1);
    const [row] = await database.db.select().from(questions).where(eq(questions.id, 'acid'));
    expect((row!.data as { question: string }).question).toBe('What does each letter of ACID promise?');
    const reports = await database.db.select().from(questionReports).where(eq(questionReports.questionId, 'acid'));
    expect(reports.map((r) => r.message)).toEqual(['Durability is misspelt']);
  });

  it('retires a question whose file was removed, and revives it when the file returns', async () => {
    const { rm } = await import('node:fs/promises');
    const path = await import('node:path');
    await rm(path.join(content.dir, 'questions', 'apis', 'idempotency-keys.md'));
    expect((await syncCurriculum(database.db, await loadCurriculum(content.dir))).retired).toBe(1);
    const [retired] = await database.db.select().from(questions).where(eq(questions.id, 'idempotency-keys'));
    expect(retired!.retiredAt).toBeInstanceOf(Date);

    await content.writeQuestion(FIXTURE_QUESTIONS.find((q) => q.id === 'idempotency-keys')!);
    expect((await syncCurriculum(database.db, await loadCurriculum(content.dir))).updated).toBe(1);
    const [revived] = await database.db.select().from(questions).where(eq(questions.id, 'idempotency-keys'));
    expect(revived!.retiredAt).toBeNull();
  });

  it('stores the filterable columns for SQL use', async () => {
    const rows = await database.db
      .select({ id: questions.id })
      .from(questions)
      .where(and(arrayContains(questions.levels, ['mid']), eq(questions.area, 'databases')))
      .orderBy(questions.id);
    expect(rows.map((r) => r.id)).toEqual(['acid', 'n-plus-one']);
  });
});
