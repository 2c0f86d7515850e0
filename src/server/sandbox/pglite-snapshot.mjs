/**
 * Builds a PGlite data folder for the SQL sandboxes, in a worker thread: PGlite runs PostgreSQL
 * synchronously on the thread that calls it, and a lab's schema can take seconds (100,000 rows and
 * ANALYZE), which must not stall the server's event loop. Opens `base` (or a fresh database), runs
 * `statements` one by one, and posts back the gzipped data folder. Only Onsite's own set-up and a
 * lab's trusted schema run here, never a candidate's SQL (that runs inside a sandbox).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { base, statements } = workerData;
const db = base ? new PGlite({ loadDataDir: new Blob([base]) }) : new PGlite();
for (const sql of statements) await db.exec(sql);
const dump = await db.dumpDataDir('gzip');
await db.close();
const bytes = new Uint8Array(await dump.arrayBuffer());
parentPort.postMessage(bytes, [bytes.buffer]);
