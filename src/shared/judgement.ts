import { z } from 'zod';

/**
 * The one vocabulary of results of the answer judge, shared by drills and every mock stage: key
 * points with the words that show them, wrong claims with their correction, warnings the candidate
 * gave, a verdict and why.
 */

export const VERDICTS = ['strong', 'partial', 'weak', 'off-topic'] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

/** A run of the answer's text (character offsets) that is evidence for a result. */
export const Span = z.object({ start: z.number().int(), end: z.number().int() }).meta({ id: 'Span' });
export type Span = z.infer<typeof Span>;

const POINT_STATUSES = ['covered', 'partly', 'missed', 'contradicted'] as const;
export const PointStatus = z.enum(POINT_STATUSES);
export type PointStatus = z.infer<typeof PointStatus>;

export const PointResult = z
  .object({
    id: z.string(),
    statement: z.string(),
    status: PointStatus.describe(
      'covered: asserted in the answer; partly: only hedged or in other words; missed; contradicted: the answer denies it',
    ),
    /** The rubric phrase found, if any. */
    phrase: z.string().nullable(),
    evidence: z.array(Span),
  })
  .meta({ id: 'PointResult' });
export type PointResult = z.infer<typeof PointResult>;

export const MisconceptionResult = z
  .object({
    kind: z.enum(['misconception', 'pitfall']),
    claim: z.string(),
    correction: z.string(),
    evidence: z.array(Span),
  })
  .meta({ id: 'MisconceptionResult' });
export type MisconceptionResult = z.infer<typeof MisconceptionResult>;

export const AnswerJudgement = z
  .object({
    verdict: Verdict,
    /** Share of key points covered (partly covered counts half), 0..1. */
    score: z.number(),
    points: z.array(PointResult),
    misconceptions: z
      .array(MisconceptionResult)
      .describe('Wrong claims the answer makes; any one keeps it from strong'),
    warnings: z
      .array(z.object({ text: z.string(), evidence: z.array(Span) }))
      .describe('Common mistakes the answer rightly warns against'),
    reasons: z.array(z.string()).describe('Why the verdict is what it is'),
    suggestedRating: z.number().int().min(1).max(4),
  })
  .meta({ id: 'AnswerJudgement' });
export type AnswerJudgement = z.infer<typeof AnswerJudgement>;

const LegacyJudgement = z.object({
  points: z.array(
    z.object({
      id: z.string(),
      statement: z.string(),
      covered: z.boolean(),
      matchedPhrase: z.string().nullable().optional(),
      highlights: z.array(Span).optional(),
    }),
  ),
  score: z.number(),
  verdict: Verdict.optional(),
  pitfalls: z.array(z.object({ text: z.string(), highlights: z.array(Span) })).optional(),
  suggestedRating: z.number().int().min(1).max(4).optional(),
});

/**
 * A 0..1 coverage score as a verdict, where no verdict was judged on its own: feedback stored
 * before the answer judge, and a design's rubric coverage or a recruiter-screen answer's score set
 * beside an AI review.
 */
export function verdictOfScore(score: number): Verdict {
  return score >= 0.7 ? 'strong' : score >= 0.35 ? 'partial' : 'weak';
}

/**
 * Feedback stored before the answer judge (drill reviews and mock concept answers: points with a
 * `covered` flag) read into today's shape, so old history still renders; anything else passes
 * through unchanged to be validated as an {@link AnswerJudgement}.
 */
export function upgradeLegacyJudgement(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'reasons' in value) return value;
  const legacy = LegacyJudgement.safeParse(value);
  if (!legacy.success) return value;
  const { points, score, verdict, pitfalls, suggestedRating } = legacy.data;
  const fallback = verdictOfScore(score);
  return {
    verdict: verdict ?? fallback,
    score,
    points: points.map((p) => ({
      id: p.id,
      statement: p.statement,
      status: p.covered ? 'covered' : 'missed',
      phrase: p.matchedPhrase ?? null,
      evidence: p.highlights ?? [],
    })),
    misconceptions: (pitfalls ?? []).map((p) => ({
      kind: 'pitfall',
      claim: p.text,
      correction: '',
      evidence: p.highlights,
    })),
    warnings: [],
    reasons: ['Graded by an earlier version of the grader, which matched words rather than claims.'],
    suggestedRating: suggestedRating ?? (score >= 0.85 ? 4 : score >= 0.6 ? 3 : score >= 0.34 ? 2 : 1),
  };
}

/** Reads an {@link AnswerJudgement} as stored, which may predate the judge (see {@link upgradeLegacyJudgement}). */
export function parseStoredJudgement(value: unknown): AnswerJudgement {
  return AnswerJudgement.parse(upgradeLegacyJudgement(value));
}
