import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPgDatabase } from '../../test/database.js';
import { enqueueReferenceSubmission } from '../../test/grading.js';
import { type Started, startEntry } from '../../test/processes.js';
import { type Database, openDatabase } from './db/client.js';
import { labSubmissions, users } from './db/schema.js';

/** Short, so the test waits seconds for the dead worker's lease, not the default 30. */
const LEASE_SECONDS = 3;

let database: Database;
let url: string;
let drop: () => Promise<void>;
let userId: string;
const started: Started[] = [];

beforeAll(async () => {
  const created = await createTestPgDatabase();
  url = created.url;
  drop = created.drop;
  database = await openDatabase({ kind: 'postgres', url });
  const [user] = await database.db.insert(users).values({ displayName: 'Candidate' }).returning();
  userId = user!.id;
});

afterAll(async () => {
  for (const process of started) process.child.kill('SIGKILL');
  await Promise.all(started.map((process) => process.exited));
  await database.close();
  await drop();
});

function startWorker(): Started {
  const worker = startEntry('src/server/worker.ts', {
    DATABASE_URL: url,
    WORKER_PORT: '0',
    LAB_CONCURRENCY: '1',
    SANDBOX_POOL_SIZE: '0',
    LAB_LEASE_SECONDS: String(LEASE_SECONDS),
  });
  started.push(worker);
  return worker;
}

async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const row = async (id: string) =>
  (await database.db.select().from(labSubmissions).where(eq(labSubmissions.id, id)))[0]!;

describe('a grading worker killed with SIGKILL mid-job', () => {
  it('has its job graded once, by another worker, after its lease runs out', async () => {
    const first = startWorker();
    await first.line((l) => l.msg === 'worker ready: taking grading jobs');

    const submissionId = await enqueueReferenceSubmission(database, url, userId);
    await until(async () => (await row(submissionId)).status === 'running');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    // Killed mid-job: it logged no result and recorded none.
    expect(first.lines.filter((l) => l.msg === 'grading job finished')).toEqual([]);
    const orphaned = await row(submissionId);
    expect(orphaned).toMatchObject({ status: 'running', attempts: 1, verdict: null });

    // Nothing retries the job while its lease could still be renewed.
    await until(async () => (await row(submissionId)).leaseExpiresAt! < new Date(), 10_000);
    const second = startWorker();
    await until(async () => (await row(submissionId)).status === 'done');
    const graded = await row(submissionId);
    expect(graded).toMatchObject({ verdict: 'passed', attempts: 2, leaseToken: null });
    expect(second.lines).toContainEqual(
      expect.objectContaining({ msg: 'requeued grading jobs whose lease ran out', expired: 1 }),
    );

    // Recorded once: the live worker graded it once, and nothing grades it again afterwards.
    await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000));
    const finished = second.lines.filter((l) => l.msg === 'grading job finished' && l.submissionId === submissionId);
    expect(finished).toEqual([expect.objectContaining({ outcome: 'graded', attempt: 2, verdict: 'passed' })]);
    expect(await row(submissionId)).toEqual(graded);
  });
});
