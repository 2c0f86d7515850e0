import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { loadCurriculum } from '../src/server/content/load-content.js';
import { syncCurriculum } from '../src/server/content/queries.js';
import { type Database, openDatabase } from '../src/server/db/client.js';
import { apiTokens, labSubmissions, users } from '../src/server/db/schema.js';
import { PgBossQueue } from '../src/server/labs/pg-queue.js';
import { CONTENT_DIR } from '../src/server/paths.js';
import { createTestPgDatabase } from './database.js';
import { type Started, startEntry } from './processes.js';
import { freePort, type OwnProcess, startRedis, startServer } from './services.js';
import { json } from './json.js';

/**
 * The hosted topology under a simulated class, shared by the scale harness (which asserts on it,
 * src/server/ops/scale-harness.scenario.test.ts) and `npm run bench -- scale` (which times it): web
 * instances (`LAB_WORKERS=external`) and grading workers as child processes on one PostgreSQL
 * database and one redis-server, both its own, and simulated users as async loops in this process,
 * each request sent round-robin to the instances in service, as a load balancer does.
 *
 * Past ~400 lines, kept as one file on purpose: the topology, the simulated users and the figures
 * they report are one harness that the test and the benchmark must share exactly.
 */

/** Every SUBMIT_EVERY-th user submits one lab for grading (the reference solution: graded `passed`). */
export const SUBMIT_EVERY = 5;
/** Every MOCK_EVERY-th user also rehearses a behavioural mock stage and autosaves its answer. */
const MOCK_EVERY = 4;
/** Each class in the mixed workload: one finishing an assessment together, one whose countdown runs out. */
export const CLASS_SIZE = 20;
const THINK_MS = [50, 250] as const;
/** How often a client sends one request again before counting it failed. */
const RETRIES = 20;
/** The pause before retrying a dropped connection, or an answer without Retry-After. */
const RETRY_DELAY_MS = 300;
/** The longest Retry-After the client honours as given; a longer one is waited this long. */
const MAX_RETRY_AFTER_MS = 5_000;

export interface SimUser {
  n: number;
  userId: string;
  headers: Record<string, string>;
  /** The behavioural mock stage this user autosaves an answer into (MOCK_EVERY-th users only). */
  mock?: { id: string; itemId: string };
}

export interface Failure {
  what: string;
  status?: number;
  error?: string;
}

/** What the load acknowledged, to read back at the end. */
export interface Ledger {
  users: SimUser[];
  requests: number;
  failures: Failure[];
  /** Answers a client retried (503, Retry-After or a dropped connection, as during a fault), by what and status. */
  retries: Failure[];
  reviewIds: string[];
  /** The last draft each user's autosave acknowledged, by user number. */
  drafts: Map<number, string>;
  /** The last mock answer each user's autosave acknowledged, by user number. */
  mockAnswers: Map<number, string>;
  submissionIds: string[];
}

interface Web {
  port: number;
  process: OwnProcess;
  /** Whether the load balancer sends it requests. */
  inService: boolean;
}

/** What the mixed workload did besides the users' own requests, for the caller to check or time. */
interface MixedWorkload {
  ledger: Ledger;
  /** Assessments whose class all called finish at the same moment. */
  finishedTogether: string[];
  /** Assessments started before the load and never finished nor read: their countdown ends them. */
  countdown: string[];
  /** When the users' load began and ended (epoch ms). */
  loadStartedAt: number;
  loadEndedAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class HostedTopology {
  readonly webs: Web[] = [];
  readonly workers: Started[] = [];
  /** The first questions of the bank: what the users review. */
  questionIds: string[] = [];
  private rotation = 0;

  private constructor(
    readonly url: string,
    readonly databaseName: string,
    readonly database: Database,
    private readonly dropDatabase: () => Promise<void>,
    readonly redisPort: number,
    public redis: OwnProcess,
    private readonly leaseSeconds: number,
    /** The lru-cache reference solution in Python, which every lab submission sends. */
    readonly solution: string,
  ) {}

  /**
   * Starts the topology. The database is migrated, given its content and its queue schema here
   * first, so no instance starting on it has to. If any process fails to start, everything started
   * is stopped and the database dropped before the error is thrown.
   */
  static async start(options: { webs: number; workers: number; leaseSeconds: number }): Promise<HostedTopology> {
    const created = await createTestPgDatabase();
    const database = await openDatabase({ kind: 'postgres', url: created.url });
    const curriculum = await loadCurriculum(CONTENT_DIR);
    await syncCurriculum(database.db, curriculum);
    await (await PgBossQueue.open({ url: created.url, onError: () => {} })).close();
    const redisPort = await freePort();
    const solution = await readFile(path.join(CONTENT_DIR, 'labs', 'lru-cache', 'solution.py'), 'utf8');
    const topology = new HostedTopology(
      created.url,
      created.name,
      database,
      created.drop,
      redisPort,
      await startRedis(redisPort),
      options.leaseSeconds,
      solution,
    );
    try {
      // One web instance after another and the workers together, each within its start-up timeout
      // even when the machine is busy: on two loaded cores, starting all four at once gains nothing.
      for (let i = 0; i < options.webs; i++) {
        const port = await freePort();
        topology.webs.push({ port, process: await startServer(port, topology.webEnv()), inService: true });
      }
      const workers = Array.from({ length: options.workers }, () => topology.startWorker());
      const ready = await Promise.allSettled(
        workers.map((worker) => worker.line((l) => l.msg === 'worker ready: taking grading jobs')),
      );
      const failed = ready.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (error) {
      // Nothing the failed start began is left running, nor its database.
      await topology.close();
      throw error;
    }
    topology.questionIds = curriculum.questions.slice(0, 50).map((question) => question.id);
    return topology;
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}`;
  }

  /** A web instance's environment: hosted, external workers, rate limits far above the load. */
  webEnv(): Record<string, string> {
    return {
      ONSITE_MODE: 'hosted',
      DATABASE_URL: this.url,
      REDIS_URL: this.redisUrl,
      LAB_WORKERS: 'external',
      LAB_LEASE_SECONDS: String(this.leaseSeconds),
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    };
  }

  /** Starts one more grading worker (one slot), logging each job so `gradedBy` can count them. */
  startWorker(): Started {
    const worker = startEntry('src/server/worker.ts', {
      DATABASE_URL: this.url,
      REDIS_URL: this.redisUrl,
      WORKER_PORT: '0',
      LAB_CONCURRENCY: '1',
      SANDBOX_POOL_SIZE: '0',
      LAB_LEASE_SECONDS: String(this.leaseSeconds),
    });
    this.workers.push(worker);
    return worker;
  }

  /** Restarts a web instance the way a rolling deploy does: out of rotation, drain, SIGTERM, back. */
  async restartWeb(index: number, drainMs: number): Promise<void> {
    const web = this.webs[index]!;
    web.inService = false;
    await sleep(drainMs);
    await web.process.kill('SIGTERM');
    web.process = await startServer(web.port, this.webEnv());
    web.inService = true;
  }

  /** Kills redis-server, waits `ms`, and starts it again on the same port. */
  async bounceRedis(ms: number): Promise<void> {
    await this.redis.kill('SIGKILL');
    await sleep(ms);
    this.redis = await startRedis(this.redisPort);
  }

  /** Round-robin over the instances in service, as a load balancer does. */
  pickWeb(): number {
    const live = this.webs.filter((web) => web.inService);
    return live[this.rotation++ % live.length]!.port;
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.child.kill('SIGKILL');
    await Promise.all(this.workers.map((worker) => worker.exited));
    await Promise.all(this.webs.map((web) => web.process.kill()));
    await this.database.close();
    await this.redis.kill();
    await this.dropDatabase();
  }

  /** Users with a write-scoped API token each, made in the database: sign-up is rate limited per IP by design. */
  async makeUsers(count: number): Promise<SimUser[]> {
    const rows = await this.database.db
      .insert(users)
      .values(Array.from({ length: count }, (_, n) => ({ displayName: `Load ${n}` })))
      .returning();
    const tokens = rows.map(() => `onsite_pat_${randomBytes(24).toString('base64url')}`);
    await this.database.db.insert(apiTokens).values(
      rows.map((row, i) => ({
        userId: row.id,
        name: 'load',
        scope: 'write' as const,
        tokenHash: createHash('sha256').update(tokens[i]!).digest('hex'),
      })),
    );
    return rows.map((row, n) => ({
      n,
      userId: row.id,
      headers: { authorization: `Bearer ${tokens[n]}`, 'content-type': 'application/json' },
    }));
  }

  /**
   * One request as a careful client sends it: a 503, an answer with `Retry-After` (such as 409
   * `idempotency_in_progress`) or a dropped connection is sent again, the same request (writes carry
   * an Idempotency-Key or are idempotent PUTs), after Retry-After or a short pause. Anything else
   * unexpected, or a retry that never succeeds, is a failure.
   */
  async call(
    ledger: Ledger,
    what: string,
    init: { method?: string; path: string; headers?: Record<string, string>; body?: unknown },
    expected: number,
  ): Promise<Record<string, unknown> | undefined> {
    ledger.requests++;
    let last: Failure = { what };
    let pause = RETRY_DELAY_MS;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      if (attempt > 0) {
        ledger.retries.push(last);
        await sleep(pause);
      }
      try {
        const res = await fetch(`http://127.0.0.1:${this.pickWeb()}${init.path}`, {
          method: init.method ?? 'GET',
          headers: init.headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
        const body = await json<Record<string, unknown>>(res);
        if (res.status === expected) return body;
        last = { what, status: res.status, error: String(body.code ?? JSON.stringify(body).slice(0, 160)) };
        const retryAfter = Number(res.headers.get('retry-after'));
        if (res.status !== 503 && !(retryAfter > 0)) break;
        pause = retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : RETRY_DELAY_MS;
      } catch (error) {
        last = { what, error: (error as Error).message };
        pause = RETRY_DELAY_MS;
      }
    }
    ledger.failures.push(last);
    return undefined;
  }

  /**
   * `count` users browse, drill, autosave lab drafts and mock answers, and (every SUBMIT_EVERY-th)
   * submit a lab once, for `durationMs`. `before` runs first, before the users are made and their
   * mocks begun; `during` runs alongside the load, which waits for it.
   */
  async runLoad(options: {
    users: number;
    durationMs: number;
    before?: (ledger: Ledger) => Promise<void>;
    during?: (ledger: Ledger) => Promise<void>;
  }): Promise<Ledger> {
    const ledger: Ledger = {
      users: [],
      requests: 0,
      failures: [],
      retries: [],
      reviewIds: [],
      drafts: new Map(),
      mockAnswers: new Map(),
      submissionIds: [],
    };
    await options.before?.(ledger);
    ledger.users = await this.makeUsers(options.users);
    await this.startMocks(ledger);
    const unbegun = ledger.users.filter((user) => user.n % MOCK_EVERY === 1 && !user.mock);
    if (unbegun.length > 0) {
      throw new Error(`mocks not begun for ${unbegun.length} users: ${JSON.stringify(tally(ledger.failures))}`);
    }
    const faults = options.during?.(ledger);
    const until = Date.now() + options.durationMs;
    await Promise.all(ledger.users.map((user) => this.simulate(user, ledger, until)));
    await faults;
    return ledger;
  }

  /**
   * The issue's mixed workload: the users' load for `durationMs`, during which a class of
   * CLASS_SIZE finishes one timed assessment at the same moment (5 s in), and another class, whose
   * one-minute assessments were started just before the load and are never finished nor read, has
   * them ended by the countdown. Needs `durationMs` of a minute or more for that countdown to end
   * inside the load.
   */
  async runMixedWorkload(users: number, durationMs: number): Promise<MixedWorkload> {
    let finishedTogether: string[] = [];
    let countdown: string[] = [];
    let loadStartedAt = 0;
    const ledger = await this.runLoad({
      users,
      durationMs,
      // Started before the users' set-up, so the countdown ends seconds before the load does.
      before: async (own) => {
        countdown = await this.startAssessments(own, await this.makeUsers(CLASS_SIZE));
      },
      during: async (own) => {
        loadStartedAt = Date.now();
        await sleep(5_000);
        finishedTogether = await this.sitAssessmentTogether(own);
      },
    });
    return { ledger, finishedTogether, countdown, loadStartedAt, loadEndedAt: Date.now() };
  }

  async submissions(ids: string[]) {
    return this.database.db.select().from(labSubmissions).where(inArray(labSubmissions.id, ids));
  }

  async submissionsOfAssessments(assessmentIds: string[]) {
    return this.database.db.select().from(labSubmissions).where(inArray(labSubmissions.assessmentId, assessmentIds));
  }

  /** Waits until every submission in `ids` is `done`. */
  async allGraded(ids: string[], ms = 180_000): Promise<void> {
    const deadline = Date.now() + ms;
    while ((await this.submissions(ids)).some((row) => row.status !== 'done')) {
      if (Date.now() > deadline) throw new Error('submissions not graded in time');
      await sleep(250);
    }
  }

  /** `grading job finished` lines with outcome `graded`, per submission, across every worker that ran. */
  gradedBy(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const worker of this.workers) {
      for (const line of worker.lines) {
        if (line.msg === 'grading job finished' && line.outcome === 'graded') {
          const id = line.submissionId as string;
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
      }
    }
    return counts;
  }

  /** One user's session until `until`: browse, drill, autosave, and (some users) submit a lab once. */
  private async simulate(user: SimUser, ledger: Ledger, until: number): Promise<void> {
    let step = 0;
    const submitAt = user.n % SUBMIT_EVERY === 0 ? 2 + (user.n % 7) : -1;
    while (Date.now() < until) {
      const kind = step % 4;
      if (step === submitAt) {
        const created = await this.call(
          ledger,
          'submit',
          {
            method: 'POST',
            path: '/v1/labs/lru-cache/submissions',
            headers: { ...user.headers, 'idempotency-key': randomUUID() },
            body: { language: 'python', code: this.solution, mode: 'submit' },
          },
          202,
        );
        if (created) ledger.submissionIds.push(created.id as string);
      } else if (kind === 0) {
        await this.call(ledger, 'areas', { path: '/v1/areas' }, 200);
        await this.call(ledger, 'questions', { path: `/v1/questions?limit=20&q=${step % 2 ? 'cache' : 'index'}` }, 200);
      } else if (kind === 1) {
        const questionId = this.questionIds[(user.n + step) % this.questionIds.length]!;
        const reviewed = await this.call(
          ledger,
          'review',
          {
            method: 'POST',
            path: '/v1/drills/reviews',
            headers: { ...user.headers, 'idempotency-key': randomUUID() },
            body: { questionId, rating: 3, mode: 'spoken', hintUsed: false, durationMs: 20_000 },
          },
          201,
        );
        if (reviewed) ledger.reviewIds.push(reviewed.reviewId as string);
      } else if (kind === 2) {
        const code = `# draft of user ${user.n}, step ${step}\n`;
        const saved = await this.call(
          ledger,
          'autosave',
          { method: 'PUT', path: '/v1/labs/lru-cache/drafts/python', headers: user.headers, body: { code } },
          200,
        );
        if (saved) ledger.drafts.set(user.n, code);
      } else if (user.mock && step % 8 === 3) {
        const answer = `Situation: user ${user.n}, step ${step}.`;
        const saved = await this.call(
          ledger,
          'mock autosave',
          {
            method: 'PUT',
            path: `/v1/mocks/${user.mock.id}/items/${user.mock.itemId}`,
            headers: user.headers,
            body: { answer },
          },
          200,
        );
        if (saved) ledger.mockAnswers.set(user.n, answer);
      } else {
        await this.call(ledger, 'history', { path: '/v1/drills/history', headers: user.headers }, 200);
      }
      step++;
      await sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));
    }
  }

  /** Starts a behavioural mock and begins its stage for every MOCK_EVERY-th user, before any fault. */
  private async startMocks(ledger: Ledger): Promise<void> {
    await Promise.all(
      ledger.users
        .filter((user) => user.n % MOCK_EVERY === 1)
        .map(async (user) => {
          const mock = await this.call(
            ledger,
            'mock start',
            {
              method: 'POST',
              path: '/v1/mocks',
              headers: { ...user.headers, 'idempotency-key': randomUUID() },
              body: { levels: ['mid'], stages: ['behavioural'] },
            },
            201,
          );
          if (!mock) return;
          const begun = await this.call(
            ledger,
            'mock begin',
            { method: 'POST', path: `/v1/mocks/${mock.id as string}/stages/0/begin`, headers: bearer(user) },
            200,
          );
          const items = (begun?.stages as { items: { id: string }[] }[] | undefined)?.[0]?.items;
          if (items?.[0]) user.mock = { id: mock.id as string, itemId: items[0].id };
        }),
    );
  }

  /**
   * Each student starts a one-minute assessment of the lru-cache lab and saves the reference solution
   * as its draft. Returns the assessment ids, in the students' order.
   */
  private async startAssessments(ledger: Ledger, students: SimUser[]): Promise<string[]> {
    return Promise.all(
      students.map(async (student) => {
        const started = await this.call(
          ledger,
          'assessment start',
          {
            method: 'POST',
            path: '/v1/assessments',
            headers: { ...student.headers, 'idempotency-key': randomUUID() },
            body: { labs: ['lru-cache'], minutes: 1 },
          },
          201,
        );
        await this.call(
          ledger,
          'assessment draft',
          {
            method: 'PUT',
            path: '/v1/labs/lru-cache/drafts/python',
            headers: student.headers,
            body: { code: this.solution },
          },
          200,
        );
        return started?.id as string;
      }),
    );
  }

  /**
   * A class sits one timed assessment and everyone finishes at the same moment, as when a proctor
   * calls time; each finish auto-submits the draft. Returns the assessment ids.
   */
  private async sitAssessmentTogether(ledger: Ledger): Promise<string[]> {
    const students = await this.makeUsers(CLASS_SIZE);
    const ids = await this.startAssessments(ledger, students);
    await Promise.all(
      students.map((student, i) =>
        this.call(
          ledger,
          'assessment finish',
          { method: 'POST', path: `/v1/assessments/${ids[i]}/finish`, headers: bearer(student) },
          200,
        ),
      ),
    );
    return ids;
  }
}

/** The user's credentials without a JSON content type, for a POST with no body. */
const bearer = (user: SimUser) => ({ authorization: user.headers.authorization! });

/** Failures counted by what, status and code, so a failing run reads at a glance. */
export function tally(failures: Failure[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of failures) {
    const key = `${f.what} ${f.status ?? 'network'} ${f.error}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The largest submission-time gap of any pair of rows whose grading started in the other order. */
export function largestInversionMs(rows: { createdAt: Date; startedAt: Date | null }[]): number {
  let inversionMs = 0;
  for (const a of rows) {
    for (const b of rows) {
      if (a.createdAt < b.createdAt && a.startedAt! > b.startedAt!) {
        inversionMs = Math.max(inversionMs, b.createdAt.getTime() - a.createdAt.getTime());
      }
    }
  }
  return inversionMs;
}
