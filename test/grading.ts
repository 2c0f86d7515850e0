import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../src/server/db/client.js';
import { PgBossQueue } from '../src/server/labs/pg-queue.js';
import * as q from '../src/server/labs/queries.js';
import { CONTENT_DIR } from '../src/server/paths.js';

/**
 * Stores the lru-cache reference solution (Python, all tests: graded `passed`) as a queued
 * submission of `userId` and enqueues it on the pg-boss queue of the database at `url`, as a web
 * instance with external workers does. Returns the submission's id.
 */
export async function enqueueReferenceSubmission(database: Database, url: string, userId: string): Promise<string> {
  const code = await readFile(path.join(CONTENT_DIR, 'labs', 'lru-cache', 'solution.py'), 'utf8');
  const submission = await q.insertSubmission(database.db, {
    userId,
    labSlug: 'lru-cache',
    language: 'python',
    mode: 'submit',
    code,
    status: 'queued',
    createdAt: new Date(),
  });
  const queue = await PgBossQueue.open({ url, onError: () => {} });
  try {
    await queue.enqueue([submission.id]);
  } finally {
    await queue.close();
  }
  return submission.id;
}
