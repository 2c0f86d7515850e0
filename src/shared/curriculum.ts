import { z } from 'zod';
import { AREA_IDS, LEVEL_IDS, STAGE_IDS } from './ids.js';

export { AREA_IDS, LEVEL_IDS, STAGE_IDS };

/**
 * The curriculum's vocabulary and the shape of every content file, shared by the server (which
 * validates `content/` with these schemas) and the web app (which renders what the API returns).
 */

export const LevelId = z.enum(LEVEL_IDS);
export type LevelId = z.infer<typeof LevelId>;

export const AreaId = z.enum(AREA_IDS);
export type AreaId = z.infer<typeof AreaId>;

export const StageId = z.enum(STAGE_IDS);
export type StageId = z.infer<typeof StageId>;

/** Lower-case words joined by single hyphens: stable ids that also read well in URLs. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens')
  .max(80);

const Text = z.string().trim().min(1, 'must not be empty');
/** A phrase a grader looks for; YAML reads bare `429` or `3.14` as numbers, so accept those as text. */
const Phrase = z.union([Text, z.number().transform(String)]);

/** One rubric point: what a good answer covers, and the phrases that show a candidate covered it. */
export const KeyPoint = z.strictObject({
  id: Slug,
  statement: Text,
  phrases: z.array(Phrase).min(1, 'needs at least one phrase that shows the point was covered'),
});
export type KeyPoint = z.infer<typeof KeyPoint>;

/** A follow-up an interviewer asks next; `probes` names the key point it digs into, if any. */
const FollowUp = z.union([
  Text.transform((question) => ({ question, probes: undefined as string | undefined })),
  z.strictObject({ question: Text, probes: Slug.optional() }),
]);
type FollowUp = z.output<typeof FollowUp>;

/** A common mistake; `phrases`, where given, let a grader spot an answer that falls into it. */
export const Pitfall = z.union([
  Text.transform((text) => ({ text, phrases: [] as string[] })),
  z.strictObject({ text: Text, phrases: z.array(Phrase).default([]) }),
]);
export type Pitfall = z.output<typeof Pitfall>;

/**
 * A wrong claim candidates commonly make about a question's topic. `phrases` show the claim being
 * asserted (matched in order, inside one clause, and not when the answer denies or warns against
 * it); `correction` is the one line a candidate sees when the grader finds it.
 */
export const Misconception = z.strictObject({
  claim: Text,
  phrases: z.array(Phrase).min(1, 'needs at least one phrase that shows the claim'),
  correction: Text.max(240, 'keep a correction to one line (240 characters)'),
});
export type Misconception = z.infer<typeof Misconception>;

const Reference = z.strictObject({ title: Text, url: z.url() });
type Reference = z.infer<typeof Reference>;

/** Front matter of `content/questions/<area>/<id>.md`; the Markdown body is the model answer. */
export const QuestionFrontMatter = z.strictObject({
  id: Slug,
  area: AreaId,
  levels: z.array(LevelId).min(1, 'name at least one level').refine(unique, 'levels repeat'),
  tags: z.array(Slug).min(1, 'add at least one tag').refine(unique, 'tags repeat'),
  question: Text,
  hint: Text,
  keyPoints: z
    .array(KeyPoint)
    .min(1, 'a rubric needs at least one key point')
    .refine((points) => unique(points.map((p) => p.id)), 'key point ids repeat'),
  followUps: z.array(FollowUp).default([]),
  pitfalls: z.array(Pitfall).default([]),
  misconceptions: z.array(Misconception).default([]),
  references: z.array(Reference).default([]),
  /** What a strong answer shows at each level (behavioural prompts above all). */
  levelSignals: z.partialRecord(LevelId, Text).optional(),
});
export type QuestionFrontMatter = z.output<typeof QuestionFrontMatter>;

export const Question = QuestionFrontMatter.extend({
  /** The model answer, in Markdown. */
  answer: Text,
});
export type Question = z.output<typeof Question>;

/** Front matter of `content/areas/<id>.md`; the body describes the area. */
export const AreaFrontMatter = z.strictObject({
  id: AreaId,
  name: Text,
  order: z.number().int().min(0),
  summary: Text,
});
export const Area = AreaFrontMatter.extend({ description: Text });
export type Area = z.infer<typeof Area>;

/** A signal interviewers look for at a level, e.g. "trade-off reasoning". */
export const Signal = z.strictObject({ id: Slug, name: Text, description: Text });
export type Signal = z.infer<typeof Signal>;

/** Front matter of `content/levels/<id>.md`; the body is the guide for that level. */
export const LevelFrontMatter = z.strictObject({
  id: LevelId,
  name: Text,
  order: z.number().int().min(0),
  summary: Text,
  focusAreas: z.array(Text).min(1),
  /** Curriculum areas this level leans on, most important first. */
  areaWeights: z.partialRecord(AreaId, z.number().min(0).max(1)),
  signals: z.array(Signal).min(1),
});
export const Level = LevelFrontMatter.extend({ guide: Text });
export type Level = z.infer<typeof Level>;

/** Front matter of `content/stages/<id>.md`; the body explains how to prepare. */
export const StageFrontMatter = z.strictObject({
  id: StageId,
  name: Text,
  order: z.number().int().min(0),
  summary: Text,
  whatHappens: z.array(Text).min(1),
  checklist: z.array(Text).min(1),
});
export const Stage = StageFrontMatter.extend({ guide: Text });
export type Stage = z.infer<typeof Stage>;

function unique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}
