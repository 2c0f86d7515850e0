import { z } from 'zod';
import { KeyPoint, LevelId, Misconception, Slug } from './curriculum.js';

/**
 * The content behind mock interviews: system-design prompts with rubrics, behavioural prompts, and
 * the recruiter screen's questions. Shared by the content loader (which validates `content/`) and
 * the web app (which renders what the API returns).
 */

const Text = z.string().trim().min(1, 'must not be empty');
const Levels = z
  .array(LevelId)
  .min(1, 'name at least one level')
  .refine((values) => new Set(values).size === values.length, 'levels repeat');

export const DESIGN_SECTIONS = ['requirements', 'high-level', 'bottlenecks', 'trade-offs'] as const;
export type DesignSection = (typeof DESIGN_SECTIONS)[number];

/**
 * One rubric point of a design prompt: a key point (statement + phrases that show it), the section
 * of the design it belongs to, the lowest level at which a strong answer covers it, and the
 * follow-up an interviewer asks when it is missing.
 */
const DesignRubricPoint = KeyPoint.extend({
  section: z.enum(DESIGN_SECTIONS),
  level: LevelId,
  followUp: Text,
});
type DesignRubricPoint = z.output<typeof DesignRubricPoint>;

/** Defaults for the back-of-the-envelope calculator: the assumptions a candidate would state. */
export const DesignAssumptions = z.strictObject({
  dailyActiveUsers: z.number().int().positive(),
  readsPerUserPerDay: z.number().min(0),
  writesPerUserPerDay: z.number().min(0),
  /** Peak traffic as a multiple of the daily average. */
  peakFactor: z.number().min(1).max(100),
  bytesPerWrite: z.number().int().min(0),
  bytesPerRead: z.number().int().min(0),
  retentionYears: z.number().min(0).max(100),
  replicationFactor: z.number().int().min(1).max(10),
});
export type DesignAssumptions = z.output<typeof DesignAssumptions>;

/** Front matter of `content/design-prompts/<id>.md`; the Markdown body is the reference design. */
export const DesignPromptFrontMatter = z.strictObject({
  id: Slug,
  title: Text,
  levels: Levels,
  summary: Text,
  /** What the interviewer says to open the round. */
  prompt: Text,
  assumptions: DesignAssumptions,
  rubric: z
    .array(DesignRubricPoint)
    .min(10, 'a design rubric needs at least 10 points')
    .refine((points) => new Set(points.map((p) => p.id)).size === points.length, 'rubric point ids repeat')
    .refine(
      (points) => DESIGN_SECTIONS.every((section) => points.some((p) => p.section === section)),
      `the rubric needs points in every section: ${DESIGN_SECTIONS.join(', ')}`,
    ),
  /** Wrong claims specific to this prompt (the common ones are in `common-misconceptions.yaml`). */
  misconceptions: z.array(Misconception).default([]),
});
export const DesignPrompt = DesignPromptFrontMatter.extend({ reference: Text });
export type DesignPrompt = z.output<typeof DesignPrompt>;

const BEHAVIOURAL_COMPETENCIES = [
  'conflict',
  'failure',
  'ownership',
  'incident',
  'mentoring',
  'trade-off',
  'influence',
  'ambiguity',
] as const;

/** Front matter of `content/behavioural-prompts/<id>.md`; the body is an example strong STAR answer. */
export const BehaviouralPromptFrontMatter = z.strictObject({
  id: Slug,
  prompt: Text,
  competency: z.enum(BEHAVIOURAL_COMPETENCIES),
  levels: Levels,
  /** What a strong answer shows at each level. */
  strongAnswer: z.strictObject({ junior: Text, mid: Text, senior: Text }),
});
export const BehaviouralPrompt = BehaviouralPromptFrontMatter.extend({ example: Text });
export type BehaviouralPrompt = z.output<typeof BehaviouralPrompt>;

/** Front matter of `content/screen-prompts/<id>.md`; the body is guidance shown after answering. */
export const ScreenPromptFrontMatter = z.strictObject({
  id: Slug,
  order: z.number().int().min(0),
  prompt: Text,
  /** A spoken answer of this many words fits the screen (roughly 130 words a minute). */
  words: z
    .strictObject({ min: z.number().int().min(1), max: z.number().int().min(1) })
    .refine((w) => w.min < w.max, 'words.min must be below words.max'),
  checklist: z.array(KeyPoint).min(2, 'a screen question needs at least 2 checklist points'),
});
export const ScreenPrompt = ScreenPromptFrontMatter.extend({ guidance: Text });
export type ScreenPrompt = z.output<typeof ScreenPrompt>;
