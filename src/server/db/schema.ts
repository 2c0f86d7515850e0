import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('question_reports_question_idx').on(table.questionId)],
);
