/**
 * The grading driver for SQL, run inside the sandbox by a pre-started Node.js process hosting
 * PGlite (PostgreSQL compiled to WebAssembly). It opens a database from a prepared snapshot (which
 * may already hold the lab's schema), warms it up, reports `ready`, then answers the grader one
 * command at a time (JSON lines on stdin): `load` (the lab's schema unless the snapshot has it, and
 * the candidate's SQL) and then `test` (one test's setup, query and plan check, handed over only
 * when it runs).
 *
 * PGlite runs PostgreSQL in single-user mode, whose session is always the bootstrap superuser, so
 * a login role cannot be had. Instead every statement of the candidate — and every test query,
 * which may touch objects the candidate made — runs inside `onsite.run`, a SECURITY DEFINER
 * function owned by the unprivileged role `candidate`: PostgreSQL refuses `SET ROLE`, `RESET ROLE`
 * and `SET SESSION AUTHORIZATION` inside such a function, however they are reached (`DO`, dynamic
 * SQL, `set_config`). Results come back through temporary tables the driver reads as plain rows,
 * which runs no code of the candidate's. Each test runs in its own transaction, rolled back
 * afterwards, so nothing the candidate changes (the runner function included) outlives its test.
 * A runaway statement cannot be interrupted here — PGlite does not enforce statement_timeout — so
 * the grader kills the whole sandbox from outside.
 */
import { readFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { commandReader } from './driver-io.mjs';

const RESULTS_FD = 3;
const MAX_TEXT = 2_000;
const reply = (record) =>
  writeSync(RESULTS_FD, `${JSON.stringify({ ...record, rssKb: process.resourceUsage().maxRSS })}\n`);

const { PGlite } = await import('/opt/node_modules/@electric-sql/pglite/dist/index.js');
const snapshot = readFileSync('/opt/lab-base.tgz');
const db = new PGlite({ loadDataDir: new Blob([snapshot]) });
await db.waitReady;
const NO_CODE = { statements: [], starts: [], text: '' };
let candidate = NO_CODE;
await warmUp();
writeSync(RESULTS_FD, '{"t":"ready"}\n');

const nextCommand = commandReader();
for (;;) {
  const command = nextCommand();
  if (command === null) process.exit(0);
  if (command.t === 'load') reply({ ...(await load(command)), id: command.id });
  else if (command.t === 'test') reply({ ...(await runTest(command)), id: command.id });
}

/**
 * A test's worth of work on throw-away tables, rolled back, before the sandbox reports ready:
 * PGlite compiles PostgreSQL's WebAssembly function by function on first use, and PostgreSQL fills
 * its catalog caches on first use, so without this the first (and only) submission a sandbox sees
 * would pay for both — several times what its own SQL costs.
 */
async function warmUp() {
  await db.exec('BEGIN');
  try {
    await applySchema(`
      CREATE TABLE onsite_warm_up (id integer PRIMARY KEY, team text, score integer NOT NULL, at timestamptz);
      CREATE INDEX ON onsite_warm_up (team, at) INCLUDE (score);
      INSERT INTO onsite_warm_up SELECT g, 't' || g % 3, g * 7 % 5, now() FROM generate_series(1, 20) AS g;
      ANALYZE onsite_warm_up;`);
    const query = `WITH ranked AS (
        SELECT team, score, row_number() OVER (PARTITION BY team ORDER BY score DESC, id) AS n FROM onsite_warm_up)
      SELECT r.team, count(*), sum(w.score)::bigint, max(w.at) FROM ranked r
      JOIN onsite_warm_up w ON w.team = r.team WHERE r.n <= 2 GROUP BY r.team ORDER BY r.team`;
    candidate = { ...splitStatements(query), text: query };
    for (const test of [{ setup: "UPDATE onsite_warm_up SET team = 't9' WHERE id = 1" }, { query, plan: true }]) {
      const result = await testInTransaction(test);
      if (result.t !== 'result') throw new Error(`the SQL warm-up failed: ${result.message}`);
    }
  } finally {
    candidate = NO_CODE;
    await db.exec('ROLLBACK');
  }
}

/** The lab's own schema (trusted), created by and so owned by the candidate role. */
async function applySchema(schema) {
  await db.exec('SET ROLE candidate');
  await db.exec(schema);
  await db.exec('RESET ROLE');
}

async function load({ schema, code }) {
  if (schema) {
    try {
      await applySchema(schema);
    } catch (error) {
      return { t: 'lab-error', message: `the lab's schema failed: ${text(error.message)}` };
    }
  }
  candidate = { ...splitStatements(code), text: code };
  return { t: 'loaded' };
}

async function runTest(test) {
  await db.exec('BEGIN');
  try {
    return await testInTransaction(test);
  } finally {
    await db.exec('ROLLBACK').catch(() => {});
  }
}

/** One test inside the current transaction: what the candidate's SQL (and the test's query) gave. */
async function testInTransaction(test) {
  const setup = test.setup ? splitStatements(test.setup).statements : [];
  const statements = [...setup, ...candidate.statements];
  // Without a test query, the rows checked are those of the candidate's last query.
  let capture = 0;
  if (!test.query) {
    for (let i = candidate.statements.length - 1; i >= 0; i--) {
      if (returnsRows(candidate.statements[i])) {
        capture = setup.length + i + 1;
        break;
      }
    }
  }
  const rowsTable = `onsite_rows_${randomBytes(8).toString('hex')}`;
  const planTable = `onsite_plan_${randomBytes(8).toString('hex')}`;
  try {
    try {
      await db.query('SELECT onsite.run($1, $2, $3, $4, $5)', [
        statements,
        capture,
        rowsTable,
        test.query ?? null,
        test.plan ? planTable : null,
      ]);
    } catch (error) {
      return { t: 'error', ...describe(error) };
    }
    const hasRows = capture > 0 || Boolean(test.query);
    // Read as plain tables only: a view put in their place could run the candidate's functions here.
    for (const table of [hasRows && rowsTable, test.plan && planTable].filter(Boolean)) {
      const kind = await db.query('SELECT relkind FROM pg_class WHERE oid = to_regclass($1)', [`pg_temp.${table}`]);
      if (kind.rows[0]?.relkind !== 'r') {
        return {
          t: 'error',
          message: "your SQL replaced the grader's result table; the test does not count",
          stack: '',
        };
      }
    }
    const rows = hasRows ? (await db.query(`SELECT * FROM pg_temp.${rowsTable}`, [], { rowMode: 'array' })).rows : [];
    const value = { rows: rows.map((row) => row.map(normalise)) };
    if (test.plan) {
      const explained = await db.query(`SELECT plan FROM pg_temp.${planTable}`);
      value.plan = summarisePlan(explained.rows[0].plan[0].Plan);
    }
    return { t: 'result', value };
  } catch (error) {
    return { t: 'error', message: `checking the result failed: ${text(error.message)}`, stack: '' };
  }
}

/** Whether a statement yields rows to check: a query, not a command. */
function returnsRows(statement) {
  return /^\s*(\(|select\b|with\b|values\b|table\b)/i.test(stripLeadingComments(statement));
}

function stripLeadingComments(sql) {
  let rest = sql.trimStart();
  for (;;) {
    if (rest.startsWith('--')) {
      const newline = rest.indexOf('\n');
      rest = newline < 0 ? '' : rest.slice(newline + 1).trimStart();
    } else if (rest.startsWith('/*')) {
      const end = rest.indexOf('*/');
      rest = end < 0 ? '' : rest.slice(end + 2).trimStart();
    } else return rest;
  }
}

/**
 * The statements of a script, split where PostgreSQL would split them: at semicolons outside
 * strings and comments (quotes, dollar quotes, line and nested block comments). Transaction control is
 * dropped, since each test is already one transaction. A wrong split can only make the candidate's
 * own SQL fail: every piece still runs inside the runner function.
 */
function splitStatements(sql) {
  const statements = [];
  const starts = [];
  let start = 0;
  let i = 0;
  const push = (end) => {
    const statement = sql.slice(start, end);
    const body = stripLeadingComments(statement).trim();
    if (body && !/^(begin|commit|end|start\s+transaction)\b\s*(transaction|work)?\s*$/i.test(body)) {
      statements.push(statement);
      starts.push(start);
    }
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const escapes = c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/\w/.test(sql[i - 2] ?? '');
      i += 1;
      while (i < sql.length) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i += 1;
      }
      i += 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        const pair = sql.slice(i, i + 2);
        depth += pair === '/*' ? 1 : pair === '*/' ? -1 : 0;
        i += pair === '/*' || pair === '*/' ? 2 : 1;
      }
    } else if (c === '$' && !/\w/.test(sql[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? sql.length : end + tag[0].length;
      } else i += 1;
    } else if (c === ';') {
      push(i);
      i += 1;
      start = i;
    } else i += 1;
  }
  push(sql.length);
  return { statements, starts };
}

function normalise(value) {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return value;
}

function text(value, limit = MAX_TEXT) {
  const string = String(value ?? '');
  return string.length > limit ? `${string.slice(0, limit)}…` : string;
}

/** PostgreSQL's message, with the line of the candidate's SQL it points at. */
function describe(error) {
  let line = null;
  const failing = candidate.statements.findIndex((statement) => error.internalQuery?.trimEnd().endsWith(statement));
  if (failing >= 0) {
    const statement = candidate.statements[failing];
    const offset = error.internalQuery.trimEnd().length - statement.length;
    const position = Number(error.internalPosition) - 1 - offset;
    const before = candidate.text.slice(0, candidate.starts[failing] + Math.max(0, position));
    line = before.split('\n').length;
  }
  return { message: text(`ERROR: ${error.message}${line ? ` (line ${line})` : ''}`), stack: '' };
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
