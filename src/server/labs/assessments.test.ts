import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestApp } from '../../../test/app.js';
import { createTestPgDatabase } from '../../../test/database.js';
import { type Database, openDatabase } from '../db/client.js';
import { labAssessments, labSubmissions, users } from '../db/schema.js';
import { CONTENT_DIR } from '../paths.js';
import { WarmPool } from '../sandbox/warm-pool.js';
import { loadLabs } from './load-labs.js';
import type { GradingQueue } from './queue.js';
import * as q from './queries.js';
import { startAssessment, sweepExpiredAssessments } from './assessments.js';
import { type LabDeps, LabCatalog } from './service.js';
import { createSubmission } from './submissions.js';

/**
 * The countdown closing timed assessments on the server, on PostgreSQL with two "instances" (each
 * its own connection pool and queue) sweeping the same database, as web instances do.
 */

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const LABS = ['lru-cache', 'top-n-per-group'];
const DRAFT = 'class LRUCache: pass\n';

let url: string;
let drop: () => Promise<void>;
let catalog: LabCatalog;
const pool = new WarmPool({ size: 0 });
const instances: Database[] = [];

beforeAll(async () => {
  const created = await createTestPgDatabase();
  url = created.url;
  drop = created.drop;
  catalog = new LabCatalog(await loadLabs(CONTENT_DIR));
  instances.push(await openDatabase({ kind: 'postgres', url }), await openDatabase({ kind: 'postgres', url }));
});

afterAll(async () => {
  for (const database of instances) await database.close();
  await drop();
  await pool.close();
});

/** An instance's lab dependencies at `clock.now`, recording what it enqueues. */
function instance(database: Database, clock: { now: Date }): { deps: LabDeps; enqueued: string[] } {
  const enqueued: string[] = [];
  const queue: GradingQueue = {
    kind: 'pg-boss',
    enqueue: async (ids) => void enqueued.push(...ids),
    work: async () => {},
    stopTaking: async () => {},
    depth: async () => enqueued.length,
    close: async () => {},
  };
  const deps: LabDeps = {
    db: database.db,
    labs: catalog,
    pool,
    queue,
    sandboxProblem: () => null,
    now: () => clock.now,
    log: silent,
  };
  return { deps, enqueued };
}

/** `count` candidates, each with a one-minute assessment of LABS begun at `startedAt` and a draft for its first lab. */
async function candidates(count: number, startedAt: Date): Promise<{ userId: string; assessmentId: string }[]> {
  const db = instances[0]!.db;
  const { deps } = instance(instances[0]!, { now: startedAt });
  const rows = await db
    .insert(users)
    .values(Array.from({ length: count }, (_, n) => ({ displayName: `Candidate ${n}` })))
    .returning();
  return Promise.all(
    rows.map(async (user) => {
      const assessment = await startAssessment(deps, user.id, { labs: LABS, count: LABS.length, minutes: 1 });
      await q.upsertDraft(db, {
        userId: user.id,
        labSlug: LABS[0]!,
        language: 'python',
        code: DRAFT,
        updatedAt: startedAt,
      });
      return { userId: user.id, assessmentId: assessment.id };
    }),
  );
}

const submissionsOf = (assessmentIds: string[]) =>
  instances[0]!.db.select().from(labSubmissions).where(inArray(labSubmissions.assessmentId, assessmentIds));

/** Makes PostgreSQL refuse inserts of submissions until the test ends (a row trigger that raises). */
async function refuseSubmissions(): Promise<() => Promise<void>> {
  const db = instances[0]!.db;
  await db.execute(sql`create or replace function refuse() returns trigger language plpgsql as $$
    begin raise exception 'the database is away'; end $$`);
  await db.execute(
    sql`create trigger refuse_submissions before insert on lab_submissions for each row execute function refuse()`,
  );
  const allow = () => db.execute(sql`drop trigger if exists refuse_submissions on lab_submissions`).then(() => {});
  onTestFinished(allow);
  return allow;
}

describe('the countdown of a timed assessment, run by the server', () => {
  it('closes every expired assessment exactly once when two instances sweep at the same moment, each draft submitted and enqueued once', async () => {
    const startedAt = new Date(Date.now() - 10 * 60_000);
    const class_ = await candidates(12, startedAt);
    const ids = class_.map((c) => c.assessmentId);
    const atZero = { now: new Date(startedAt.getTime() + 60_000) };
    const [a, b] = [instance(instances[0]!, atZero), instance(instances[1]!, atZero)];

    const [sweptA, sweptB] = await Promise.all([sweepExpiredAssessments(a.deps), sweepExpiredAssessments(b.deps)]);

    expect(sweptA.closed + sweptB.closed).toBe(class_.length);
    const closed = await instances[0]!.db.select().from(labAssessments).where(inArray(labAssessments.id, ids));
    expect(closed.filter((row) => !row.autoSubmitted || row.finishedAt?.getTime() !== row.endsAt.getTime())).toEqual(
      [],
    );
    // One submission per assessment, from its draft, for the lab that had one; none for the other.
    const submitted = await submissionsOf(ids);
    expect(submitted.map((row) => row.assessmentId).sort()).toEqual([...ids].sort());
    expect(submitted.every((row) => row.labSlug === LABS[0] && row.code === DRAFT && row.mode === 'submit')).toBe(true);
    expect([...a.enqueued, ...b.enqueued].sort()).toEqual(submitted.map((row) => row.id).sort());

    // Swept again, nothing more happens.
    expect(await sweepExpiredAssessments(a.deps)).toMatchObject({ closed: 0 });
    expect(await submissionsOf(ids)).toHaveLength(class_.length);
  });

  it('passes over an assessment another instance is closing instead of queueing behind it, and closes the rest', async () => {
    const startedAt = new Date(Date.now() - 20 * 60_000);
    const [held, ...rest] = await candidates(3, startedAt);
    const atZero = { now: new Date(startedAt.getTime() + 60_000) };
    const { deps } = instance(instances[1]!, atZero);
    // The other instance is part-way through closing `held`: its transaction holds the row.
    let release!: () => void;
    let holdsRow!: () => void;
    const rowHeld = new Promise<void>((resolve) => (holdsRow = resolve));
    const holding = instances[0]!.db.transaction(async (tx) => {
      await (tx as unknown as typeof deps.db)
        .select()
        .from(labAssessments)
        .where(eq(labAssessments.id, held!.assessmentId))
        .for('update');
      holdsRow();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await rowHeld;

    const swept = await sweepExpiredAssessments(deps);
    release();
    await holding;

    const rows = await instances[0]!.db
      .select()
      .from(labAssessments)
      .where(
        inArray(
          labAssessments.id,
          [held!, ...rest].map((c) => c.assessmentId),
        ),
      );
    const closedIds = rows.filter((row) => row.autoSubmitted).map((row) => row.id);
    expect(closedIds.sort()).toEqual(rest.map((c) => c.assessmentId).sort());
    // It looks again a second later, when the row is free (here the holder closed nothing).
    expect(swept.nextEndsAt).toEqual(new Date(atZero.now.getTime() + 1_000));
    await sweepExpiredAssessments(deps);
    expect(await q.findAssessment(deps.db, held!.assessmentId)).toMatchObject({ autoSubmitted: true });
  });

  it('says when the next running countdown ends, so the sweep can wake at that moment', async () => {
    const startedAt = new Date(Date.now() + 60 * 60_000);
    const [running] = await candidates(1, startedAt);
    const { deps } = instance(instances[0]!, { now: new Date(startedAt.getTime() + 30_000) });
    const { nextEndsAt } = await sweepExpiredAssessments(deps);
    const row = await q.findAssessment(deps.db, running!.assessmentId);
    expect(nextEndsAt?.getTime()).toBe(row!.endsAt.getTime());
  });

  it('says a countdown that ran out while it was closing others is due now, not at the next periodic sweep', async () => {
    const startedAt = new Date(Date.now() + 2 * 60 * 60_000);
    const [first] = await candidates(1, startedAt);
    const [second] = await candidates(1, new Date(startedAt.getTime() + 5_000));
    // The clock reads zero of the first when the sweep lists the expired ones, then moves on past
    // the second's zero while it closes the first, as a sweep under load does.
    const reads = [new Date(startedAt.getTime() + 60_000)];
    const later = new Date(startedAt.getTime() + 70_000);
    const { deps } = instance(instances[0]!, { now: later });
    const swept = await sweepExpiredAssessments({ ...deps, now: () => reads.shift() ?? later });

    expect(await q.findAssessment(deps.db, first!.assessmentId)).toMatchObject({ autoSubmitted: true });
    const secondRow = await q.findAssessment(deps.db, second!.assessmentId);
    expect(secondRow!.finishedAt).toBeNull();
    expect(swept.nextEndsAt?.getTime()).toBe(secondRow!.endsAt.getTime());
  });

  it('leaves an assessment open with nothing submitted when closing it fails part-way, for the next sweep to close', async () => {
    const startedAt = new Date(Date.now() - 5 * 60_000);
    const [candidate] = await candidates(1, startedAt);
    const { deps, enqueued } = instance(instances[0]!, { now: new Date(startedAt.getTime() + 61_000) });
    const allow = await refuseSubmissions();

    await expect(sweepExpiredAssessments(deps)).rejects.toThrow();
    expect(await q.findAssessment(deps.db, candidate!.assessmentId)).toMatchObject({ finishedAt: null });
    expect(await submissionsOf([candidate!.assessmentId])).toEqual([]);

    await allow();
    await sweepExpiredAssessments(deps);
    expect(await q.findAssessment(deps.db, candidate!.assessmentId)).toMatchObject({ autoSubmitted: true });
    const submitted = await submissionsOf([candidate!.assessmentId]);
    expect(submitted).toHaveLength(1);
    expect(enqueued).toEqual([submitted[0]!.id]);
  });

  it('never auto-submits a lab the candidate is submitting in the last instant: one submission, theirs', async () => {
    const startedAt = new Date(Date.now() - 5 * 60_000);
    const [candidate] = await candidates(1, startedAt);
    const db = instances[0]!.db;
    // The candidate's insert is slow (it holds its transaction for a second), so the countdown
    // reaches zero between the candidate's "still running?" check and the insert's commit.
    await db.execute(sql`create or replace function slow_insert() returns trigger language plpgsql as $$
      begin if new.code = 'last instant' then perform pg_sleep(1); end if; return new; end $$`);
    await db.execute(
      sql`create trigger slow_submissions before insert on lab_submissions for each row execute function slow_insert()`,
    );
    onTestFinished(() => db.execute(sql`drop trigger if exists slow_submissions on lab_submissions`).then(() => {}));
    const beforeZero = instance(instances[0]!, { now: new Date(startedAt.getTime() + 59_000) });
    const atZero = instance(instances[1]!, { now: new Date(startedAt.getTime() + 60_000) });

    const submitting = createSubmission(beforeZero.deps, {
      userId: candidate!.userId,
      slug: LABS[0]!,
      language: 'python',
      mode: 'submit',
      code: 'last instant',
      assessmentId: candidate!.assessmentId,
    });
    await expect
      .poll(async () => {
        const { rows } = (await instances[1]!.db.execute(
          sql`select 1 from pg_stat_activity where wait_event = 'PgSleep' and datname = current_database()`,
        )) as unknown as { rows: unknown[] };
        return rows.length;
      })
      .toBe(1);
    const [swept, mine] = await Promise.all([sweepExpiredAssessments(atZero.deps), submitting]);
    // The sweep passes over the row the submission holds, and asks to look again a second later.
    expect(swept).toEqual({ closed: 0, nextEndsAt: new Date(startedAt.getTime() + 61_000) });
    expect((await sweepExpiredAssessments(atZero.deps)).closed).toBe(1);
    const submitted = await submissionsOf([candidate!.assessmentId]);
    expect(submitted.map((row) => row.id)).toEqual([mine.id]);
    expect(atZero.enqueued).toEqual([]);
    const [row] = await db.select().from(labAssessments).where(eq(labAssessments.id, candidate!.assessmentId));
    expect(row).toMatchObject({ autoSubmitted: true });
  });
});

describe('the sweep in a running app', () => {
  it('closes an assessment nobody reads when its countdown ends, not at the next periodic sweep', async () => {
    const t = await createTestApp();
    onTestFinished(() => t.close());
    // This test's app runs on the real clock: its timer, not a test, must end the countdown.
    Object.defineProperty(t.clock, 'now', { get: () => new Date() });
    const [user] = await t.database.db.insert(users).values({ displayName: 'Candidate' }).returning();
    const startedAt = new Date(Date.now() - 60_000 + 1_000);
    const row = await q.insertAssessment(t.database.db, {
      userId: user!.id,
      labSlugs: [LABS[0]!],
      minutes: 1,
      startedAt,
      endsAt: new Date(startedAt.getTime() + 60_000),
    });
    // The app's first request makes it ready: its first sweep sees the countdown, a second from zero.
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    // Well within the 15 s between periodic sweeps: only a sweep woken for this end closes it in time.
    await expect
      .poll(async () => (await q.findAssessment(t.database.db, row.id))?.finishedAt?.getTime() ?? null, {
        timeout: 5_000,
      })
      .toBe(row.endsAt.getTime());
    expect(await q.findAssessment(t.database.db, row.id)).toMatchObject({ autoSubmitted: true });
  });
});
