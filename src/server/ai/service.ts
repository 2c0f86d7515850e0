import type { AiCoachingOutcome, AiOutcome, AiStatusDto } from '../../shared/ai.js';
import type { Verdict } from '../../shared/judgement.js';
import type { StarFeedback } from '../../shared/mock-feedback.js';
import type { LlmConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { answerJudgeFor, type JudgedQuestion } from '../judge/answer.js';
import type { VerdictSource } from '../judge/evaluation.js';
import type { LlmClient, LlmRequest } from './client.js';
import { buildCoachingPrompt, checkCoaching, COACHING_MAX_TOKENS, CoachingReply } from './coaching.js';
import {
  buildFollowUpPrompt,
  checkFollowUp,
  FOLLOW_UP_MAX_TOKENS,
  FollowUpReply,
  type GroundedFollowUp,
  type PromptTurn,
} from './follow-up.js';
import * as q from './queries.js';
import { buildReviewPrompt, checkReview, REVIEW_MAX_TOKENS, ReviewReply, type ReviewedQuestion } from './review.js';

/**
 * The optional AI layer's rules: whether it may be used (configured; in hosted mode switched on by
 * an admin and agreed to by the user), the per-user daily token budget, and reviews of answers
 * that always leave the offline judgement standing.
 */

export interface AiDeps {
  db: Db;
  mode: 'personal' | 'hosted';
  /** The configured endpoint and its client; undefined when `ONSITE_LLM_URL` is unset. */
  llm: { config: LlmConfig; client: LlmClient } | undefined;
  now: () => Date;
}

/** The UTC day budgets are counted in. */
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Rough tokens of a text (four characters a token), for checking a budget before a request. */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/** The admin's switch as it applies: always on in personal mode, off in hosted mode until turned on. */
async function switchedOn(deps: AiDeps): Promise<boolean> {
  return deps.mode === 'personal' || (await q.findSwitch(deps.db)) === true;
}

export async function getStatus(deps: AiDeps, userId: string): Promise<AiStatusDto> {
  const [on, consent, usedToday] = await Promise.all([
    switchedOn(deps),
    q.findConsent(deps.db, userId),
    q.tokensUsed(deps.db, userId, dayOf(deps.now())),
  ]);
  const enabled = on && deps.llm !== undefined;
  return {
    available: enabled,
    configured: deps.llm !== undefined,
    enabled: on,
    provider: deps.llm ? new URL(deps.llm.config.url).host : null,
    model: deps.llm?.config.model ?? null,
    consent,
    consentRequired: enabled && deps.mode === 'hosted' && consent === null,
    dailyTokens: deps.llm?.config.dailyTokens ?? null,
    usedToday,
    transcription: enabled && Boolean(deps.llm?.config.transcribeModel),
  };
}

/** Records whether the user agrees to their answers being sent to the configured provider. */
export async function setConsent(deps: AiDeps, userId: string, choice: 'accepted' | 'declined'): Promise<AiStatusDto> {
  await q.saveConsent(deps.db, userId, choice, deps.now());
  return getStatus(deps, userId);
}

/** The admin's switch for hosted mode; personal mode ignores it (the operator is the user). */
export async function setSwitch(deps: AiDeps, adminId: string, enabled: boolean): Promise<AiStatusDto> {
  await q.saveSwitch(deps.db, enabled);
  return getStatus(deps, adminId);
}

/** Why the model was not asked, or what went wrong: the offline result stands, with this as its note. */
type AiNotAsked = Exclude<AiOutcome, { status: 'reviewed' }>;

/** A reply of the model, or why there is none; undefined when the layer is off (nothing is sent). */
type Asked<T> = { ok: true; value: T; cached: boolean } | { ok: false; outcome: AiNotAsked } | undefined;

/**
 * Whether this user's text may be sent to the provider: undefined when the layer is off, an
 * outcome when they opted out or have not agreed yet (hosted mode), else 'go'.
 */
export async function gate(
  deps: AiDeps,
  userId: string,
): Promise<Extract<AiNotAsked, { status: 'opted_out' | 'consent_required' }> | 'go' | undefined> {
  if (!deps.llm || !(await switchedOn(deps))) return undefined;
  const consent = await q.findConsent(deps.db, userId);
  if (consent === 'declined') return { status: 'opted_out' };
  if (consent === null && deps.mode === 'hosted') {
    return { status: 'consent_required', provider: new URL(deps.llm.config.url).host };
  }
  return 'go';
}

/**
 * Reserves `estimate` tokens of today's budget, runs `call`, then settles the reservation to what
 * the call cost (`spent`, undefined when it reports nothing: the estimate stands, so the budget
 * still binds). The reservation is one conditional statement, so two concurrent calls cannot both
 * pass when only one fits.
 */
async function withBudget<R>(
  deps: AiDeps & { llm: NonNullable<AiDeps['llm']> },
  input: { userId: string; estimate: number },
  call: () => Promise<R>,
  spent: (result: R) => number | undefined,
): Promise<{ ok: true; result: R } | { ok: false; outcome: AiNotAsked }> {
  const day = dayOf(deps.now());
  const limit = deps.llm.config.dailyTokens;
  if (!(await q.reserveTokens(deps.db, { userId: input.userId, day, tokens: input.estimate, limit }))) {
    const used = await q.tokensUsed(deps.db, input.userId, day);
    return {
      ok: false,
      outcome: {
        status: 'unavailable',
        code: 'ai_budget_exceeded',
        note: `Today's AI budget is spent (${used} of ${limit} tokens); showing the offline result. It renews at 00:00 UTC.`,
      },
    };
  }
  let result: R;
  try {
    result = await call();
  } catch (error) {
    await q.adjustTokens(deps.db, input.userId, day, -input.estimate);
    throw error;
  }
  const cost = spent(result);
  if (cost !== undefined) await q.adjustTokens(deps.db, input.userId, day, cost - input.estimate);
  return { ok: true, result };
}

/**
 * Asks the model for a structured reply on this user's behalf: consent, the cache, then the budget
 * (the prompt's estimate plus the largest reply allowed, reserved before sending). Never throws for
 * the provider's failures: a timeout, a rate limit, a malformed reply or a spent budget is an
 * outcome with a note.
 */
async function askModel<T>(deps: AiDeps, userId: string, request: LlmRequest<T>): Promise<Asked<T>> {
  const allowed = await gate(deps, userId);
  if (allowed !== 'go') return allowed && { ok: false, outcome: allowed };
  const llm = deps.llm!;
  const hit = llm.client.cached(request);
  if (hit !== undefined) return { ok: true, value: hit, cached: true };

  const estimate = estimateTokens(request.messages.map((m) => m.content).join('')) + request.maxTokens;
  const budgeted = await withBudget(
    { ...deps, llm },
    { userId, estimate },
    () => llm.client.complete(request),
    // A failure costs what the server reports it billed (a malformed reply was generated), else
    // nothing; a success that reports no usage is charged the estimate.
    (result) => (result.ok ? (result.cached ? 0 : result.tokens || undefined) : (result.tokens ?? 0)),
  );
  if (!budgeted.ok) return budgeted;
  const result = budgeted.result;
  if (!result.ok) {
    return {
      ok: false,
      outcome: {
        status: 'unavailable',
        code: result.code,
        note: result.note,
        ...(result.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: result.retryAfterSeconds }),
      },
    };
  }
  return { ok: true, value: result.value, cached: result.cached };
}

/**
 * An AI review of a typed answer to show beside the offline judgement; undefined when the layer is
 * off (nothing is sent, and the response is as without it). The offline judgement always stands.
 */
export async function reviewTypedAnswer(
  deps: AiDeps,
  input: { userId: string; question: ReviewedQuestion; answer: string; offlineVerdict: Verdict },
): Promise<AiOutcome | undefined> {
  const asked = await askModel(deps, input.userId, {
    purpose: 'review',
    messages: buildReviewPrompt(input.question, input.answer),
    schemaName: 'answer_review',
    schema: ReviewReply,
    maxTokens: REVIEW_MAX_TOKENS,
  });
  if (!asked?.ok) return asked?.outcome;
  return {
    status: 'reviewed',
    review: checkReview({
      question: input.question,
      answer: input.answer,
      reply: asked.value,
      model: deps.llm!.client.model,
      offlineVerdict: input.offlineVerdict,
      cached: asked.cached,
    }),
  };
}

/**
 * AI coaching of a behavioural story (STAR): the missing or weak part, quoting the story, and how
 * to strengthen it without writing it (see coaching.ts); undefined when the layer is off. Shown
 * beside the offline STAR reading, which always stands.
 */
export async function coachStory(
  deps: AiDeps,
  input: { userId: string; question: string; story: string; offline?: StarFeedback },
): Promise<AiCoachingOutcome | undefined> {
  const asked = await askModel(deps, input.userId, {
    purpose: 'coaching',
    messages: buildCoachingPrompt(input),
    schemaName: 'star_coaching',
    schema: CoachingReply,
    maxTokens: COACHING_MAX_TOKENS,
  });
  if (!asked?.ok) return asked?.outcome;
  return {
    status: 'coached',
    coaching: checkCoaching({
      story: input.story,
      reply: asked.value,
      model: deps.llm!.client.model,
      cached: asked.cached,
    }),
  };
}

/**
 * How many follow-ups the AI interviewer may ask per mock question for this user: the configured
 * cap when their answers may be sent now, else 0 (the offline follow-up is asked instead).
 */
export async function followUpAllowance(deps: AiDeps, userId: string): Promise<number> {
  if (!deps.llm || deps.llm.config.followUps === 0) return 0;
  return (await gate(deps, userId)) === 'go' ? deps.llm.config.followUps : 0;
}

const FOLLOW_UP_FALLBACK_NOTES: Record<Extract<AiOutcome, { status: 'unavailable' }>['code'], string> = {
  ai_budget_exceeded: "Today's AI budget is spent, so this follow-up is from the rubric. It renews at 00:00 UTC.",
  ai_timeout: 'The AI interviewer did not answer in time, so this follow-up is from the rubric.',
  ai_rate_limited: 'The AI provider is rate limiting requests, so this follow-up is from the rubric.',
  ai_malformed_reply: "The AI interviewer's reply was not a valid follow-up, so this one is from the rubric.",
  ai_provider_error: 'The AI provider could not be reached, so this follow-up is from the rubric.',
};

/** The AI interviewer's next question: asked (checked to be grounded), dropped with the reason, or not had. */
type FollowUpOutcome =
  | { status: 'asked'; followUp: GroundedFollowUp }
  | { status: 'dropped'; note: string }
  | { status: 'unavailable'; note: string }
  | { status: 'off' };

/**
 * Asks the model for a follow-up on the conversation so far. Never throws for the provider's
 * failures, and never returns a follow-up whose quote is not the candidate's: the caller asks one
 * from the rubric instead, with the note.
 */
export async function askFollowUp(
  deps: AiDeps,
  input: { userId: string; question: ReviewedQuestion; turns: readonly PromptTurn[]; askedPointIds: readonly string[] },
): Promise<FollowUpOutcome> {
  const result = await askModel(deps, input.userId, {
    purpose: 'follow-up',
    messages: buildFollowUpPrompt(input),
    schemaName: 'follow_up',
    schema: FollowUpReply,
    maxTokens: FOLLOW_UP_MAX_TOKENS,
  });
  if (!result) return { status: 'off' };
  if (!result.ok) {
    const { outcome } = result;
    return outcome.status === 'unavailable'
      ? { status: 'unavailable', note: FOLLOW_UP_FALLBACK_NOTES[outcome.code] }
      : { status: 'off' };
  }
  const checked = checkFollowUp({ reply: result.value, question: input.question, turns: input.turns });
  return checked.ok ? { status: 'asked', followUp: checked.followUp } : { status: 'dropped', note: checked.note };
}

/**
 * The AI's verdict on an answer, for `npm run feedback:eval -- --ai`: the same prompt and checks
 * as a user's review, with no user, consent or budget (the operator runs it on their own set).
 * Null when the model gave no usable review.
 */
export function aiVerdictSource(client: LlmClient, questions: readonly JudgedQuestion[]): VerdictSource {
  const judge = answerJudgeFor(questions);
  const byId = new Map(questions.map((question) => [question.id, question]));
  return async (questionId, answer) => {
    const question = byId.get(questionId);
    if (!question) return null;
    const result = await client.complete({
      purpose: 'eval',
      messages: buildReviewPrompt(question, answer),
      schemaName: 'answer_review',
      schema: ReviewReply,
      maxTokens: REVIEW_MAX_TOKENS,
    });
    if (!result.ok) return null;
    const offlineVerdict = judge.judge(questionId, answer).verdict;
    return checkReview({
      question,
      answer,
      reply: result.value,
      model: client.model,
      offlineVerdict,
      cached: result.cached,
    }).verdict;
  };
}
