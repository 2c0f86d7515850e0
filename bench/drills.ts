import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Question } from '../src/shared/curriculum.js';
import { loadCurriculum } from '../src/server/content/load-content.js';
import { syncCurriculum } from '../src/server/content/queries.js';
import { createCatalog } from '../src/server/curriculum/service.js';
import { type Database, openDatabase } from '../src/server/db/client.js';
import { users } from '../src/server/db/schema.js';
import { savePlan } from '../src/server/drills/plan.js';
import { buildQueue, type DrillDeps, recordReview } from '../src/server/drills/service.js';
import { CONTENT_DIR } from '../src/server/paths.js';

const CARDS = 10_000;
const REVIEWS = 100_000;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A bank big enough to give one user 10,000 cards: the real bank's shape, repeated. */
async function bigCurriculum() {
  const real = await loadCurriculum(CONTENT_DIR);
  const questions: Question[] = Array.from({ length: CARDS + 500 }, (_, i) => {
    const template = real.questions[i % real.questions.length]!;
    return { ...template, id: `${template.id}-${i}` };
  });
  return { ...real, questions };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(runs: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50).toFixed(1),
    p95: percentile(samples, 95).toFixed(1),
    max: samples.at(-1)!.toFixed(1),
  };
}

async function benchOne(label: string, database: Database) {
  const curriculum = await bigCurriculum();
  const seedStart = performance.now();
  await syncCurriculum(database.db, curriculum);
  const [user] = await database.db.insert(users).values({ displayName: 'bench', isLocal: true }).returning();
  const userId = user!.id;
  let now = new Date('2026-06-01T12:00:00Z');
  const deps: DrillDeps = { db: database.db, catalog: createCatalog(curriculum), now: () => now };
  await savePlan(deps, userId, {
    levels: ['mid', 'senior'],
    interviewDate: null,
    hoursPerWeek: 10,
    stack: ['nodejs'],
    desiredRetention: 0.9,
    timeZone: 'Europe/Berlin',
    dayStartHour: 4,
  });
  // 10,000 cards in review state, about 3% due today; 100,000 past reviews over a year.
  await database.db.execute(sql`
    insert into cards (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, introduced_on)
    select ${userId}, id, ${now.toISOString()}::timestamptz + ((row_number() over (order by id)) % 33 - 1) * interval '1 day',
           10, 5, 3, 10, 0, 10, 1, 2, ${now.toISOString()}::timestamptz - interval '3 days', '2026-01-01'
    from questions order by id limit ${CARDS}`);
  await database.db.execute(sql`
    insert into reviews (user_id, question_id, rating, mode, hint_used, duration_ms, reviewed_at, study_day)
    select ${userId}, c.question_id, 1 + (g % 4), 'spoken', false, 30000,
           ${now.toISOString()}::timestamptz - (g % 365) * interval '1 day', to_char(${now.toISOString()}::timestamptz - (g % 365) * interval '1 day', 'YYYY-MM-DD')
    from generate_series(1, ${REVIEWS}) g
    join (select question_id, row_number() over (order by question_id) - 1 as n from cards) c on c.n = g % ${CARDS}`);
  const seedSeconds = ((performance.now() - seedStart) / 1000).toFixed(1);

  const queue = await buildQueue(deps, userId);
  const queueTimes = await time(20, () => buildQueue(deps, userId));
  const reviewTimes = await time(50, async (i) => {
    now = new Date(now.getTime() + 1000);
    await recordReview(deps, userId, {
      questionId: queue.items[i % queue.items.length]!.questionId,
      rating: 3,
      mode: 'typed',
      answer: 'A short typed answer about caching and indexes.',
      hintUsed: false,
      durationMs: 20_000,
    });
  });
  return { label, seedSeconds, queueItems: queue.items.length, queue: queueTimes, review: reviewTimes };
}

/** Time to build a day's queue and to record a review for a user with 10k cards and 100k reviews. */
export async function benchDrills(): Promise<void> {
  const results = [];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'onsite-bench-drills-'));
  const embedded = await openDatabase({ kind: 'embedded', dataDir });
  try {
    results.push(await benchOne('embedded (PGlite)', embedded));
  } finally {
    await embedded.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  const name = `onsite_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const server = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    results.push(await benchOne('PostgreSQL server', server));
  } finally {
    await server.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }

  console.log(
    `\nDrills with ${CARDS.toLocaleString()} cards and ${REVIEWS.toLocaleString()} past reviews for one user (milliseconds)`,
  );
  console.table(
    Object.fromEntries(
      results.map((r) => [
        r.label,
        {
          'queue p50': r.queue.p50,
          'queue p95': r.queue.p95,
          'review p50': r.review.p50,
          'review p95': r.review.p95,
          'queue items': r.queueItems,
          'seed s': r.seedSeconds,
        },
      ]),
    ),
  );
}
