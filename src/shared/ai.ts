import { z } from 'zod';
import { STAR_PARTS } from './ids.js';
import { PointStatus, Span, Verdict } from './judgement.js';

/**
 * The optional AI layer's results as the API returns them. An AI review is always shown beside the
 * offline judge's result, never merged into it: the offline judgement stays the floor.
 */

export const AiPoint = z
  .object({
    id: z.string(),
    statement: z.string(),
    status: PointStatus,
    /** The answer's own words the model cited, checked to be in the answer; null when none held. */
    quote: z.string().nullable(),
    evidence: z.array(Span),
  })
  .meta({ id: 'AiPoint' });
export type AiPoint = z.infer<typeof AiPoint>;

export const AiMisconception = z
  .object({ claim: z.string(), correction: z.string(), quote: z.string(), evidence: z.array(Span) })
  .meta({ id: 'AiMisconception' });
export type AiMisconception = z.infer<typeof AiMisconception>;

export const AiReview = z
  .object({
    model: z.string(),
    verdict: Verdict.describe("The AI's verdict, lowered to what its checked quotes support"),
    modelVerdict: Verdict.describe('The verdict the model gave, before that bound'),
    points: z.array(AiPoint),
    misconceptions: z.array(AiMisconception),
    droppedQuotes: z
      .number()
      .int()
      .describe('Quotes the model gave that are not in the answer, or that address the grader'),
    notes: z.array(z.string()).describe('Why the review differs from what the model said'),
    agreesWithOffline: z.boolean().describe('Whether the AI verdict equals the offline verdict'),
    cached: z.boolean(),
  })
  .meta({ id: 'AiReview' });
export type AiReview = z.infer<typeof AiReview>;

const AI_PROBLEM_CODES = [
  'ai_budget_exceeded',
  'ai_timeout',
  'ai_rate_limited',
  'ai_malformed_reply',
  'ai_provider_error',
] as const;

/** Why the AI was not asked about an answer, or what went wrong (the offline result stands). */
/** Why the model was not asked, or failed: shapes shared by every AI outcome (and the transcription's). */
export const AiNotAskedShapes = [
  z.object({
    status: z.literal('unavailable'),
    code: z.enum(AI_PROBLEM_CODES),
    note: z.string(),
    retryAfterSeconds: z.number().int().optional(),
  }),
  z.object({
    status: z.literal('consent_required'),
    provider: z.string().describe('Where answers would be sent'),
  }),
  z.object({ status: z.literal('opted_out') }),
] as const;

/**
 * What the AI layer made of one answer: a review; a problem (the offline result stands, with this
 * note); or why it was not asked (the user has not yet agreed, or opted out). Absent from a
 * response when the layer is off.
 */
export const AiOutcome = z
  .discriminatedUnion('status', [z.object({ status: z.literal('reviewed'), review: AiReview }), ...AiNotAskedShapes])
  .meta({ id: 'AiOutcome' });
export type AiOutcome = z.infer<typeof AiOutcome>;

/** A user's answer to sending their answers to the AI provider. */
export const AI_CONSENT_CHOICES = ['accepted', 'declined'] as const;
export type AiConsentChoice = (typeof AI_CONSENT_CHOICES)[number];
/** One part of a STAR story as the AI coach read it, quoting the candidate's own words. */
export const AiStoryPart = z
  .object({
    part: z.enum(STAR_PARTS),
    status: z.enum(['missing', 'weak', 'strong']),
    /** The story's own words the coach cited, checked to be in it; null when none held. */
    quote: z.string().nullable(),
    evidence: z.array(Span),
    problem: z.string(),
    /** How to strengthen the part; null when the coach's suggestion wrote the story instead. */
    suggestion: z.string().nullable(),
  })
  .meta({ id: 'AiStoryPart' });
export type AiStoryPart = z.infer<typeof AiStoryPart>;

export const AiStarCoaching = z
  .object({
    model: z.string(),
    /** The part to work on first: missing or weak, else the weakest the coach named. */
    focus: z.enum(STAR_PARTS),
    parts: z.array(AiStoryPart),
    droppedQuotes: z.number().int().describe('Quotes not in the story, or from text addressed to the grader'),
    droppedSuggestions: z.number().int().describe('Suggestions refused because they wrote the story for you'),
    notes: z.array(z.string()),
    cached: z.boolean(),
  })
  .meta({ id: 'AiStarCoaching' });
export type AiStarCoaching = z.infer<typeof AiStarCoaching>;

/** What the AI coach made of a behavioural story, or why it was not asked; absent when the layer is off. */
export const AiCoachingOutcome = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('coached'), coaching: AiStarCoaching }),
    ...AiNotAskedShapes,
  ])
  .meta({ id: 'AiCoachingOutcome' });
export type AiCoachingOutcome = z.infer<typeof AiCoachingOutcome>;

export const AiStatusDto = z
  .object({
    available: z.boolean().describe('Configured on this server and, in hosted mode, switched on by an admin'),
    configured: z.boolean(),
    enabled: z.boolean().describe("The admin's switch (always on in personal mode)"),
    provider: z.string().nullable().describe('Host answers are sent to'),
    model: z.string().nullable(),
    consent: z.enum(AI_CONSENT_CHOICES).nullable().describe('Your choice; null until you make one'),
    consentRequired: z.boolean().describe('Whether you must agree before answers are sent'),
    dailyTokens: z.number().int().nullable(),
    usedToday: z.number().int(),
    transcription: z
      .boolean()
      .describe('Whether spoken answers are transcribed (a speech-to-text model is configured)'),
  })
  .meta({ id: 'AiStatus' });
export type AiStatusDto = z.infer<typeof AiStatusDto>;

export const AiConsentBody = z.object({ choice: z.enum(AI_CONSENT_CHOICES) });
export type AiConsentBody = z.infer<typeof AiConsentBody>;

export const AiSwitchBody = z.object({ enabled: z.boolean() });
export type AiSwitchBody = z.infer<typeof AiSwitchBody>;
