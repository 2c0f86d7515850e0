import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { State as CardState } from 'ts-fsrs';
import type { AiConsentChoice } from '../../shared/ai.js';
import type { Framework, ReviewMode, TokenScope, UserRole } from '../../shared/api.js';
import type { LevelId, ReportKind } from '../../shared/ids.js';
import type { Grade, LabLanguage, SubmissionMode, SubmissionStatus, SubmissionVerdict } from '../../shared/labs.js';

/*
 * The one database schema, for the embedded database and PostgreSQL alike. Past ~400 lines, kept
 * as one file on purpose: drizzle-kit reads it whole to generate the checked-in migrations, and
 * the tables reference each other's keys; tables sit in domain order (curriculum, accounts, drills,
 * labs, mocks, AI, speech), each with the doc comment that says what a row is.
 *
 * Columns holding one of a closed set of values stay `text` in the database (no enum to migrate when
 * a value is added) and carry the set as their TypeScript type with `$type`: every value is written
 * through these types, so rows read back need no casts.
 */

/**
 * Curriculum tables mirror `content/`. Rows are keyed by the content's stable id and never deleted
 * by a sync (a removed file only sets `retired_at`), so user data that references a question keeps
 * its target through edits, renames of text, and removals.
 */
const contentColumns = {
  id: text('id').primaryKey(),
  data: jsonb('data').notNull(),
  contentHash: text('content_hash').notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const areas = pgTable('areas', contentColumns);
export const levels = pgTable('levels', contentColumns);
export const stages = pgTable('stages', contentColumns);

export const questions = pgTable(
  'questions',
  {
    ...contentColumns,
    area: text('area')
      .notNull()
      .references(() => areas.id),
    levels: text('levels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (table) => [index('questions_area_idx').on(table.area)],
);

/** A reader's report of a problem in a question (a typo, a wrong answer…): user data on a question. */
export const questionReports = pgTable(
  'question_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ReportKind>().notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('question_reports_question_idx').on(table.questionId)],
);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * People. In personal mode one row is the local profile (`is_local`, no email, password optional);
 * in hosted mode every row signed up with an email. Everything a user owns references this row
 * with ON DELETE CASCADE, so deleting an account removes all of it.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role').$type<UserRole>().notNull().default('user'),
    isLocal: boolean('is_local').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_idx').on(table.email)],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, as `id`. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/** Personal API tokens for scripts and the CLI; stored as SHA-256, shown once at creation. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    scope: text('scope').$type<TokenScope>().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('api_tokens_hash_idx').on(table.tokenHash), index('api_tokens_user_idx').on(table.userId)],
);

/** Single-use, expiring password-reset tokens, stored as SHA-256. */
export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** Remembered responses of POSTs sent with an Idempotency-Key, per owner (a user or a client IP). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    owner: text('owner').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    body: text('body'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.owner, table.key] })],
);

/** Security events for admins: sign-ins, password changes, tokens, role changes, deletions. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    event: text('event').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'set null' }),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index('audit_events_at_idx').on(table.at)],
);

/** A candidate's study plan: what to prepare for, by when, and how their days are counted. */
export const studyPlans = pgTable('study_plans', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  levels: text('levels').array().$type<LevelId[]>().notNull(),
  interviewDate: text('interview_date'),
  hoursPerWeek: integer('hours_per_week').notNull(),
  stack: text('stack').array().$type<Framework[]>().notNull(),
  desiredRetention: real('desired_retention').notNull(),
  timeZone: text('time_zone').notNull(),
  dayStartHour: integer('day_start_hour').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One user's spaced-repetition state for one question (an FSRS card), plus their own marks on it.
 * A row exists once the question was studied, marked or annotated.
 */
export const cards = pgTable(
  'cards',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    due: timestamp('due', { withTimezone: true }).notNull(),
    stability: real('stability').notNull(),
    difficulty: real('difficulty').notNull(),
    elapsedDays: integer('elapsed_days').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    state: integer('state').$type<CardState>().notNull(),
    lastReview: timestamp('last_review', { withTimezone: true }),
    /** The study day the card was first reviewed; null while it is still new. */
    introducedOn: text('introduced_on'),
    suspended: boolean('suspended').notNull().default(false),
    marked: boolean('marked').notNull().default(false),
    note: text('note').notNull().default(''),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.questionId] }),
    index('cards_user_due_idx').on(table.userId, table.due),
  ],
);

/** Every answer a candidate gave, with its rating and (for typed answers) the rubric feedback. */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    rating: integer('rating').notNull(),
    mode: text('mode').$type<ReviewMode>().notNull(),
    answer: text('answer'),
    hintUsed: boolean('hint_used').notNull(),
    durationMs: integer('duration_ms').notNull(),
    score: real('score'),
    feedback: jsonb('feedback'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
    studyDay: text('study_day').notNull(),
  },
  (table) => [index('reviews_user_time_idx').on(table.userId, table.reviewedAt)],
);

/** The code a candidate last typed for one lab in one language, saved as they type. */
export const labDrafts = pgTable(
  'lab_drafts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    labSlug: text('lab_slug').notNull(),
    language: text('language').$type<LabLanguage>().notNull(),
    code: text('code').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.labSlug, table.language] })],
);

/** A timed online-assessment simulation: a set of labs under one countdown, auto-submitted at zero. */
export const labAssessments = pgTable(
  'lab_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    labSlugs: text('lab_slugs').array().notNull(),
    minutes: integer('minutes').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Whether the countdown ended it rather than the candidate. */
    autoSubmitted: boolean('auto_submitted').notNull().default(false),
  },
  (table) => [index('lab_assessments_user_idx').on(table.userId, table.startedAt)],
);

/**
 * A run (visible tests) or a submission (all tests): the durable grading job and its result. The row
 * is written before grading starts, so a crash mid-grade leaves it queued or running, and start-up
 * grades it again; nothing a candidate sent is lost.
 */
export const labSubmissions = pgTable(
  'lab_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    labSlug: text('lab_slug').notNull(),
    language: text('language').$type<LabLanguage>().notNull(),
    mode: text('mode').$type<SubmissionMode>().notNull(),
    code: text('code').notNull(),
    status: text('status').$type<SubmissionStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    verdict: text('verdict').$type<SubmissionVerdict>(),
    passed: integer('passed'),
    total: integer('total'),
    score: integer('score'),
    result: jsonb('result').$type<Grade>(),
    error: text('error'),
    assessmentId: uuid('assessment_id').references(() => labAssessments.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When the current (or last) grading attempt claimed the row, by the database clock. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * The grading attempt that holds the row: only its holder may record a verdict, and only until
     * `lease_expires_at` (database clock), which the holder keeps pushing forward while it grades.
     */
    leaseToken: uuid('lease_token'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
  },
  (table) => [
    index('lab_submissions_user_lab_idx').on(table.userId, table.labSlug, table.createdAt),
    index('lab_submissions_status_idx').on(table.status),
  ],
);

/**
 * A mock interview: its stages, items, answers and timers as one JSON document (validated with
 * `MockState` on every read), updated with optimistic concurrency on `version`, so an autosave and
 * an interviewer's score arriving together never overwrite each other.
 */
export const mockInterviews = pgTable(
  'mock_interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    levels: text('levels').array().$type<LevelId[]>().notNull(),
    state: jsonb('state').notNull(),
    version: integer('version').notNull().default(0),
    /** SHA-256 of the interviewer's share token; the token itself is shown once. */
    interviewerTokenHash: text('interviewer_token_hash'),
    scorecard: jsonb('scorecard'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('mock_interviews_user_idx').on(table.userId, table.createdAt),
    uniqueIndex('mock_interviews_token_idx').on(table.interviewerTokenHash),
  ],
);

/**
 * The AI interviewer's follow-ups in a mock, one row per exchange: the question asked after an
 * item's answer and the candidate's answer to it. Kept beside the mock's state document rather than
 * in it: every autosave rewrites that document, and the key (mock, item, number) makes asking the
 * same follow-up twice a no-op. Deleted with the mock.
 */
export const mockFollowUps = pgTable(
  'mock_follow_ups',
  {
    mockId: uuid('mock_id')
      .notNull()
      .references(() => mockInterviews.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    /** 1 for the first follow-up of the item. */
    number: integer('number').notNull(),
    question: text('question').notNull(),
    /** `ai`: the model's follow-up, its quote checked; `rubric`: from the rubric, when the AI's was dropped. */
    source: text('source').notNull(),
    /** The rubric key point the follow-up probes. */
    probes: text('probes'),
    /** The candidate's words the AI follow-up quotes, as they wrote them, and where. */
    quote: text('quote'),
    quoteTurn: integer('quote_turn'),
    quoteStart: integer('quote_start'),
    quoteEnd: integer('quote_end'),
    /** Why a rubric follow-up was asked although the AI interviewer is on. */
    note: text('note'),
    answer: text('answer').notNull().default(''),
    /** The answer judged on the point it probes (concept questions), once answered. */
    feedback: jsonb('feedback'),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.mockId, table.itemId, table.number] })],
);

/**
 * Server-wide switches of the optional AI layer, one row (`id` 'ai'). In hosted mode the layer
 * stays off until an admin turns it on, so no answer leaves the server by a configuration alone.
 */
export const aiSettings = pgTable('ai_settings', {
  id: text('id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each user's choice about sending answers to the configured AI provider; no row = not asked yet. */
export const aiConsents = pgTable('ai_consents', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  choice: text('choice').$type<AiConsentChoice>().notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
});

/** Tokens of AI requests per user per UTC day, against `ONSITE_LLM_DAILY_TOKENS`. */
export const aiUsage = pgTable(
  'ai_usage',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    tokens: integer('tokens').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.day] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Spoken answers the user chose to keep (nothing is stored without that choice): the audio as
 * recorded, its transcript when one was made, and what it answered. Deleted with the account.
 */
export const spokenRecordings = pgTable(
  'spoken_recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    contentType: text('content_type').notNull(),
    durationMs: integer('duration_ms').notNull(),
    audio: bytea('audio').notNull(),
    transcript: text('transcript'),
    /** What was answered: a question id, or a mock item (`mock:<id>:<item>`). */
    subject: text('subject').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('spoken_recordings_user_idx').on(table.userId, table.createdAt)],
);
