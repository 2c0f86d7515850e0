/**
 * The grading driver for SQL, run inside the sandbox by a pre-started Node.js process hosting
 * PGlite (PostgreSQL compiled to WebAssembly). It opens a database from a prepared snapshot as the
 * unprivileged role `candidate`, reports `ready`, then blocks on stdin for one job: the lab's schema
 * and data, the candidate's SQL and the tests to run.
 *
 * Each test runs in its own transaction, rolled back afterwards: the test's setup, then the
 * candidate's SQL, then the test's query (or the candidate's last result) and, when asked, the plan
 * PostgreSQL chooses for that query. A runaway statement cannot be interrupted here — PGlite does not
 * enforce statement_timeout — so the grader kills the whole sandbox from outside.
 */
import { readFileSync, writeSync } from 'node:fs';

const RESULTS_FD = 3;
const stringify = JSON.stringify;
let nonce = '';
const send = (record) => writeSync(RESULTS_FD, `{"n":${stringify(nonce)},${stringify(record).slice(1)}\n`);

const { PGlite } = await import('/opt/node_modules/@electric-sql/pglite/dist/index.js');
const snapshot = readFileSync('/opt/lab-base.tgz');
const db = new PGlite({ loadDataDir: new Blob([snapshot]), username: 'candidate', database: 'lab' });
await db.waitReady;
writeSync(RESULTS_FD, '{"t":"ready"}\n');

const job = JSON.parse(readFileSync(0, 'utf8'));
nonce = job.nonce;
try {
  await db.exec(job.schema);
} catch (error) {
  send({ t: 'setup-error', message: `the lab's schema failed: ${error.message}` });
  process.exit(0);
}

for (const test of job.tests) {
  send({ t: 'start', name: test.name });
  await db.exec('BEGIN');
  try {
    if (test.setup) await db.exec(test.setup);
    let results;
    try {
      results = await db.exec(job.solution, { rowMode: 'array' });
    } catch (error) {
      send({ t: 'error', name: test.name, ...describe(error, job.solution) });
      continue;
    }
    const last = [...results].reverse().find((result) => result.fields.length > 0);
    const rows = test.query ? (await db.query(test.query, [], { rowMode: 'array' })).rows : (last?.rows ?? []);
    const value = { rows: rows.map((row) => row.map(normalise)) };
    if (test.plan) {
      const explained = await db.query(`EXPLAIN (FORMAT JSON) ${test.query}`);
      value.plan = summarisePlan(explained.rows[0]['QUERY PLAN'][0].Plan);
    }
    send({ t: 'result', name: test.name, value });
  } catch (error) {
    send({ t: 'error', name: test.name, message: `checking the result failed: ${error.message}`, stack: '' });
  } finally {
    await db.exec('ROLLBACK').catch(() => {});
  }
}
send({ t: 'done', maxRssKb: process.resourceUsage().maxRSS });
process.exit(0);

function normalise(value) {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return value;
}

/** PostgreSQL's message, with the line of the candidate's SQL it points at. */
function describe(error, sql) {
  const position = Number(error.position);
  const line = Number.isFinite(position) && position > 0 ? sql.slice(0, position - 1).split('\n').length : null;
  return { message: `ERROR: ${error.message}${line ? ` (line ${line})` : ''}`, stack: '' };
}

/** Node types (with their relation or index), the estimated total cost and rows of a plan tree. */
function summarisePlan(root) {
  const nodes = [];
  const visit = (plan) => {
    nodes.push(plan['Node Type']);
    if (plan['Relation Name']) nodes.push(`${plan['Node Type']} on ${plan['Relation Name']}`);
    if (plan['Index Name']) nodes.push(`${plan['Node Type']} using ${plan['Index Name']}`);
    for (const child of plan.Plans ?? []) visit(child);
  };
  visit(root);
  return { nodes: [...new Set(nodes)], cost: root['Total Cost'], rows: root['Plan Rows'] };
}
