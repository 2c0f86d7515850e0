import { z } from 'zod';
import { PlanBody, type ReviewMode } from './api.js';
import { LAB_LANGUAGES } from './labs.js';
import { MultiLineText, SingleLineText } from './text.js';

/** The largest export file accepted for import, in bytes (a year of daily drills fits many times). */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

/** A timestamp as the export writes it (ISO 8601), read back as a Date. */
const Instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const QuestionRef = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a question id')
  .max(200);

const ImportedCard = z.object({
  questionId: QuestionRef,
  due: Instant,
  stability: z.number().min(0).max(1e6),
  difficulty: z.number().min(0).max(100),
  elapsedDays: z.number().int().min(0),
  scheduledDays: z.number().int().min(0),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: z.number().int().min(0).max(3),
  lastReview: Instant.nullable(),
  introducedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  suspended: z.boolean(),
  marked: z.boolean(),
  note: MultiLineText(10_000),
});

const ImportedReview = z.object({
  questionId: QuestionRef,
  rating: z.number().int().min(1).max(4),
  /** Any short text is accepted, as earlier exports wrote it; all but "spoken" reads as "typed". */
  mode: SingleLineText(20).transform((mode): ReviewMode => (mode === 'spoken' ? 'spoken' : 'typed')),
  answer: MultiLineText(20_000).nullable(),
  hintUsed: z.boolean(),
  durationMs: z.number().int().min(0),
  score: z.number().min(0).max(1).nullable(),
  feedback: z.unknown().nullable(),
  reviewedAt: Instant,
  studyDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

const ImportedDraft = z.object({
  labSlug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
  language: z.enum(LAB_LANGUAGES),
  code: MultiLineText(100_000),
  updatedAt: Instant,
});

/**
 * The file `GET /v1/me/export` downloads, as import reads it: the study plan, the FSRS cards (with
 * marks, suspensions and notes), the answer history and the lab drafts. Its other sections —
 * sessions, API tokens, resets, audit events, reports, submissions, assessments, mocks and kept
 * recordings (metadata and playback URL only) — may be present and are ignored: credentials and
 * security records never travel between accounts, and graded work belongs to the instance that
 * graded it.
 */
export const ImportFile = z
  .object({
    exportedAt: Instant,
    studyPlan: PlanBody.nullable().optional(),
    cards: z.array(ImportedCard).max(50_000).default([]),
    reviews: z.array(ImportedReview).max(200_000).default([]),
    labDrafts: z.array(ImportedDraft).max(5_000).default([]),
  })
  .loose();
export type ImportFile = z.output<typeof ImportFile>;

const Counts = z.object({
  imported: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
});

/** What an import changed, per section; `skipped` counts rows about content this instance lacks. */
export const ImportResult = z
  .object({
    studyPlan: z.enum(['replaced', 'unchanged', 'absent']),
    cards: Counts,
    reviews: Counts,
    labDrafts: Counts,
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;
