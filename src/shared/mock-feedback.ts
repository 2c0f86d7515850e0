import { z } from 'zod';
import { LEVEL_IDS, STAR_PARTS } from './ids.js';
import { AnswerJudgement, PointStatus } from './judgement.js';
import { DESIGN_SECTIONS } from './mock-content.js';

/**
 * The offline feedback on a mock's answers, one shape per kind of item: the recruiter screen, the
 * behavioural story (STAR), the system design, and the concept answer (judged like a drill's).
 * The judges in `src/server/judge/` produce them; the web app shows them.
 */

const Level = z.enum(LEVEL_IDS);

const CoveredPoint = z.object({
  id: z.string(),
  statement: z.string(),
  covered: z.boolean(),
  /** The phrase that showed the point, if covered. */
  matchedPhrase: z.string().nullable(),
});
type CoveredPoint = z.output<typeof CoveredPoint>;

/** Recruiter screen: length, structure and clarity of a spoken-style answer, and its checklist. */
export const ScreenFeedback = z.object({
  words: z.number().int(),
  targetWords: z.object({ min: z.number().int(), max: z.number().int() }),
  length: z.enum(['too-short', 'good', 'too-long']),
  sentences: z.number().int(),
  averageSentenceWords: z.number(),
  /** Filler words and hedges ("basically", "kind of") with their counts. */
  fillers: z.array(z.object({ word: z.string(), count: z.number().int() })),
  checklist: z.array(CoveredPoint),
  /** 0..1 */
  score: z.number(),
  tips: z.array(z.string()),
});
export type ScreenFeedback = z.output<typeof ScreenFeedback>;

/** Behavioural: which STAR parts are present, their balance, the result's numbers, and ownership. */
export const StarFeedback = z.object({
  parts: z.array(
    z.object({
      part: z.enum(STAR_PARTS),
      present: z.boolean(),
      words: z.number().int(),
      /** Share of the answer's words, 0..1. */
      share: z.number(),
      /** The start of the text attributed to this part. */
      excerpt: z.string().nullable(),
    }),
  ),
  words: z.number().int(),
  /** Action should dominate: about 40–70% of the words. */
  actionShare: z.number(),
  balanced: z.boolean(),
  measurableResult: z.boolean(),
  /** Numbers found in the result (e.g. "40%", "3 hours"). */
  resultNumbers: z.array(z.string()),
  ownership: z.object({ i: z.number().int(), we: z.number().int(), ratio: z.number() }),
  /** A lesson or reflection ("I learned", "next time", "since then"). */
  reflection: z.boolean(),
  /** The actions are what the candidate would do, not what they did. */
  hypothetical: z.boolean().default(false),
  /** Action sentences that say nothing concrete ("I sorted it out"). */
  vagueActions: z.array(z.string()).default([]),
  /** 0..1 */
  score: z.number(),
  tips: z.array(z.string()),
  /** What a strong answer shows at the chosen level (from the prompt's content). */
  levelExpectation: z.string(),
});
export type StarFeedback = z.output<typeof StarFeedback>;

/** System design: rubric coverage by section and level, estimates, reasons, wrong claims, follow-ups. */
export const DesignFeedback = z.object({
  sections: z.array(z.object({ section: z.enum(DESIGN_SECTIONS), covered: z.number().int(), total: z.number().int() })),
  points: z.array(
    CoveredPoint.extend({
      /** covered, partly (only named in a list, or hedged), missed or contradicted. */
      status: PointStatus.optional(),
      section: z.enum(DESIGN_SECTIONS),
      level: Level,
      followUp: z.string(),
      /** Above the candidate's level: credit if covered, no penalty if not. */
      stretch: z.boolean(),
    }),
  ),
  /** Share of expected (non-stretch) points covered, partly covered counting half, 0..1. */
  coverage: z.number().optional(),
  /** Coverage weighed by reasoning, less wrong claims, 0..1. */
  score: z.number(),
  /** Capacity figures found in the text ("1,200 writes/s", "4 TB"). */
  estimates: z.array(z.string()).default([]),
  /** How many reasons and trade-offs the text gives ("because", "at the cost of"). */
  reasons: z.number().int().default(0),
  misconceptions: z.array(z.object({ claim: z.string(), correction: z.string(), quote: z.string() })).default([]),
  tips: z.array(z.string()).default([]),
  /** Interviewer follow-ups for the most important missed points. */
  followUps: z.array(z.string()),
  diagram: z.object({ nodes: z.number().int(), edges: z.number().int(), kinds: z.array(z.string()) }),
});
export type DesignFeedback = z.output<typeof DesignFeedback>;

/** A concept answer, judged like a drill answer (see `judgement.ts`). */
export const ConceptFeedback = AnswerJudgement;
export type ConceptFeedback = AnswerJudgement;
