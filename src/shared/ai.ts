import { z } from 'zod';
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

export const AI_PROBLEM_CODES = [
  'ai_budget_exceeded',
  'ai_timeout',
  'ai_rate_limited',
  'ai_malformed_reply',
  'ai_provider_error',
] as const;

/**
 * What the AI layer made of one answer: a review; a problem (the offline result stands, with this
 * note); or why it was not asked (the user has not yet agreed, or opted out). Absent from a
 * response when the layer is off.
 */
export const AiOutcome = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('reviewed'), review: AiReview }),
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
  ])
  .meta({ id: 'AiOutcome' });
export type AiOutcome = z.infer<typeof AiOutcome>;

/** A user's answer to sending their answers to the AI provider. */
export const AI_CONSENT_CHOICES = ['accepted', 'declined'] as const;
export type AiConsentChoice = (typeof AI_CONSENT_CHOICES)[number];

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
  })
  .meta({ id: 'AiStatus' });
export type AiStatusDto = z.infer<typeof AiStatusDto>;

export const AiConsentBody = z.object({ choice: z.enum(AI_CONSENT_CHOICES) });
export type AiConsentBody = z.infer<typeof AiConsentBody>;

export const AiSwitchBody = z.object({ enabled: z.boolean() });
export type AiSwitchBody = z.infer<typeof AiSwitchBody>;
