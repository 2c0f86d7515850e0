import { z } from 'zod';
import { AiCoachingOutcome, AiOutcome } from './ai.js';
import { Diagram } from './diagram.js';
import { LEVEL_IDS, STAGE_IDS } from './ids.js';
import { Span } from './judgement.js';
import { DesignAssumptions } from './mock-content.js';
import { ConceptFeedback, DesignFeedback, ScreenFeedback, StarFeedback } from './mock-feedback.js';
import { MultiLineText, SingleLineText } from './text.js';

/**
 * Mock interviews: the interview session as stored (stages, items, timers, the interviewer's
 * scores) and as the API shows it to the candidate and the interviewer, with the scorecard. Shared
 * by the server (which validates with them) and the web app. The diagram is `diagram.ts`, the
 * feedback on each answer `mock-feedback.ts`.
 */

// ---------------------------------------------------------------- the interview's stored state

const Id = SingleLineText(80).min(1);
const Answer = MultiLineText(20_000, 'answers are limited to 20,000 characters');

const ScreenItem = z.object({
  kind: z.literal('screen'),
  id: Id,
  promptId: Id,
  answer: Answer,
  feedback: ScreenFeedback.nullable(),
  /** The AI review of the answer against the prompt's checklist, beside `feedback`; absent while the AI layer is off. */
  ai: AiOutcome.optional(),
});
const AssessmentItem = z.object({
  kind: z.literal('assessment'),
  id: Id,
  assessmentId: z.string().nullable(),
  /** Copied from the assessment once it is graded. */
  score: z.number().nullable(),
});
const ConceptItem = z.object({
  kind: z.literal('concept'),
  id: Id,
  questionId: Id,
  answer: Answer,
  feedback: ConceptFeedback.nullable(),
  /** Chosen from what the first answer missed. */
  followUp: z
    .object({
      question: z.string(),
      probes: z.string().nullable(),
      answer: Answer,
      feedback: ConceptFeedback.nullable(),
    })
    .nullable(),
  /** The AI review of the answer, beside `feedback`; absent while the AI layer is off. */
  ai: AiOutcome.optional(),
});
const CodingItem = z.object({
  kind: z.literal('coding'),
  id: Id,
  labSlug: Id,
  /** "Narrate your thinking": part of the feedback. */
  notes: Answer,
  submissionId: z.string().nullable(),
  score: z.number().nullable(),
  done: z.boolean(),
});
const StarItem = z.object({
  kind: z.literal('star'),
  id: Id,
  promptId: Id,
  answer: Answer,
  feedback: StarFeedback.nullable(),
  /** AI coaching of the story, beside the offline reading; absent when the AI layer is off. */
  coaching: AiCoachingOutcome.optional(),
  /** A hash of the story `coaching` is about: coaching is kept (not asked again) while the story is unchanged. */
  coachedHash: z.string().optional(),
});
export const DesignText = z.object({
  requirements: Answer,
  'high-level': Answer,
  bottlenecks: Answer,
  'trade-offs': Answer,
});
export type DesignText = z.output<typeof DesignText>;
const DesignItem = z.object({
  kind: z.literal('design'),
  id: Id,
  promptId: Id,
  text: DesignText,
  diagram: Diagram,
  assumptions: DesignAssumptions,
  feedback: DesignFeedback.nullable(),
  /** The AI review of the written design, beside `feedback`; absent while the AI layer is off. */
  ai: AiOutcome.optional(),
});
export const MockItem = z.discriminatedUnion('kind', [
  ScreenItem,
  AssessmentItem,
  ConceptItem,
  CodingItem,
  StarItem,
  DesignItem,
]);
export type MockItem = z.output<typeof MockItem>;

export const MockStage = z.object({
  stage: z.enum(STAGE_IDS),
  minutes: z.number().int().min(1),
  startedAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The timer ended the stage rather than the candidate. */
  expired: z.boolean(),
  /** Passed over unbegun because labs cannot be graded on this server (the online assessment without a sandbox). */
  skipped: z.boolean().default(false),
  items: z.array(MockItem),
});
export type MockStage = z.output<typeof MockStage>;

const Rating = z.number().int().min(1).max(4);

export const MockState = z.object({
  stages: z.array(MockStage).min(1),
  /** Hints and follow-ups the interviewer sent to the candidate. */
  messages: z.array(z.object({ text: z.string(), at: z.string() })),
  interviewer: z.object({
    /** Ratings per signal id, 1 (no evidence of it) to 4 (strong). */
    scores: z.record(z.string(), z.object({ rating: Rating, note: z.string() })),
    notes: z.string(),
  }),
});
export type MockState = z.output<typeof MockState>;

// ---------------------------------------------------------------- API

export const MockBody = z
  .object({
    /** One level, or two adjacent levels to blend. */
    levels: z
      .array(z.enum(LEVEL_IDS))
      .min(1)
      .max(2)
      .refine((levels) => new Set(levels).size === levels.length, 'levels repeat'),
    /** The stages to rehearse, in loop order; all five for a full loop. */
    stages: z
      .array(z.enum(STAGE_IDS))
      .min(1)
      .max(5)
      .default([...STAGE_IDS]),
  })
  .strict();
export type MockBody = z.output<typeof MockBody>;

/**
 * One turn of an item's conversation, numbered from 1: the interviewer's question (turn 1), the
 * candidate's answer (turn 2), then each follow-up and its answer. The scorecard cites these numbers.
 */
export const TranscriptTurn = z
  .object({
    turn: z.number().int().min(1),
    speaker: z.enum(['interviewer', 'candidate']),
    text: z.string(),
    /**
     * Of an interviewer's turn: the item's question; an AI follow-up; or one from the rubric (asked
     * without the AI layer, or when the AI's follow-up was dropped).
     */
    source: z.enum(['question', 'ai', 'rubric']).nullable(),
    /** The key point a follow-up probes. */
    probes: z.string().nullable(),
    /** An AI follow-up's quote of the candidate, found in the candidate turn it names. */
    quote: z.object({ turn: z.number().int(), text: z.string(), evidence: Span }).nullable(),
    /** Why a follow-up is from the rubric although the AI interviewer is on. */
    note: z.string().nullable(),
    /** A follow-up's answer judged on the point it probes (concept questions). */
    feedback: ConceptFeedback.nullable(),
    /** The AI review of a concept follow-up's answer, beside `feedback`; null while not reviewed or the layer is off. */
    ai: AiOutcome.nullable(),
  })
  .meta({ id: 'TranscriptTurn' });
export type TranscriptTurn = z.output<typeof TranscriptTurn>;

/** What the candidate sees of an item: the prompt, their answer, and feedback once they answered. */
export const MockItemView = z.object({
  id: z.string(),
  kind: z.enum(['screen', 'assessment', 'concept', 'coding', 'star', 'design']),
  title: z.string(),
  prompt: z.string(),
  /** The stored item: answer, notes, diagram, feedback. */
  state: MockItem,
  /** After answering: the model answer, reference design or guidance to compare with. */
  reference: z.string().nullable(),
  /** Only in the interviewer's view: rubric points, hints and follow-ups to ask. */
  guide: z
    .object({ points: z.array(z.string()), followUps: z.array(z.string()), hint: z.string().nullable() })
    .nullable(),
  /**
   * Concept and design items, once answered: question, answer, follow-ups and their answers in
   * order; empty for other kinds and before the first answer.
   */
  transcript: z.array(TranscriptTurn),
});
export type MockItemView = z.output<typeof MockItemView>;

const MockStageView = MockStage.omit({ items: true }).extend({
  name: z.string(),
  remainingSeconds: z.number().int().nullable(),
  /** Empty in the candidate's view until the stage begins. */
  items: z.array(MockItemView),
});
type MockStageView = z.output<typeof MockStageView>;

export const SignalRating = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(LEVEL_IDS),
  description: z.string(),
  /** 1..4, or null when nothing in this mock showed it. */
  rating: z.number().nullable(),
  interviewerRating: z.number().nullable(),
  evidence: z.array(
    z.object({
      stage: z.enum(STAGE_IDS),
      itemId: z.string(),
      label: z.string(),
      detail: z.string(),
      /** 0..1 */
      score: z.number(),
      /** Transcript turns of the item this evidence cites, with the candidate's words. */
      turns: z.array(z.object({ turn: z.number().int(), quote: z.string() })).default([]),
    }),
  ),
});
export type SignalRating = z.output<typeof SignalRating>;

const DECISIONS = ['strong-hire', 'hire', 'lean-no', 'no'] as const;

export const Scorecard = z.object({
  /** 0..100 */
  overall: z.number().int(),
  stages: z.array(z.object({ stage: z.enum(STAGE_IDS), name: z.string(), score: z.number().int().nullable() })),
  signals: z.array(SignalRating),
  recommendations: z.array(z.object({ level: z.enum(LEVEL_IDS), decision: z.enum(DECISIONS), reason: z.string() })),
  practice: z.array(z.object({ label: z.string(), href: z.string(), why: z.string() })),
});
export type Scorecard = z.output<typeof Scorecard>;

export const MockDto = z.object({
  id: z.uuid(),
  levels: z.array(z.enum(LEVEL_IDS)),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Index of the stage in progress or next to begin; null once all are done. */
  current: z.number().int().nullable(),
  stages: z.array(MockStageView),
  messages: MockState.shape.messages,
  /** The interviewer's live view is open on some device. */
  interviewerConnected: z.boolean(),
  scorecard: Scorecard.nullable(),
});
export type MockDto = z.output<typeof MockDto>;

/** The interviewer's view adds the scoring form: the signals for the mock's levels and their scores. */
export const InterviewerDto = MockDto.extend({
  signals: z.array(z.object({ id: z.string(), name: z.string(), level: z.enum(LEVEL_IDS), description: z.string() })),
  interviewer: MockState.shape.interviewer,
});
export type InterviewerDto = z.output<typeof InterviewerDto>;

export const MockSummary = z.object({
  id: z.uuid(),
  levels: z.array(z.enum(LEVEL_IDS)),
  stages: z.array(z.enum(STAGE_IDS)),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  overall: z.number().int().nullable(),
  signals: z.array(z.object({ id: z.string(), name: z.string(), rating: z.number().nullable() })),
});
export type MockSummary = z.output<typeof MockSummary>;

export const MockParams = z.object({ id: z.uuid() });
export const MockItemParams = z.object({ id: z.uuid(), itemId: SingleLineText(80).min(1) });
export const InterviewerParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/** Autosave of an item's work in progress; only the fields of the item's kind are accepted. */
export const ItemDraftBody = z
  .object({
    answer: Answer.optional(),
    followUpAnswer: Answer.optional(),
    notes: Answer.optional(),
    text: DesignText.partial().optional(),
    diagram: Diagram.optional(),
    assumptions: DesignAssumptions.optional(),
  })
  .strict();
export type ItemDraftBody = z.output<typeof ItemDraftBody>;

export const InterviewerScoreBody = z
  .object({
    scores: z.record(SingleLineText(80), z.object({ rating: Rating, note: MultiLineText(2_000) })).optional(),
    notes: MultiLineText(20_000).optional(),
  })
  .strict();
export const InterviewerMessageBody = z.object({ text: MultiLineText(2_000).trim().min(1) }).strict();
export const ShareDto = z.object({ url: z.string(), token: z.string() });
