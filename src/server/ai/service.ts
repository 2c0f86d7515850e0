import type { AiOutcome, AiStatusDto } from '../../shared/ai.js';
import type { AnswerJudgement } from '../../shared/judgement.js';
import type { LlmConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { answerJudgeFor, type JudgedQuestion } from '../judge/answer.js';
import type { VerdictSource } from '../judge/evaluation.js';
import type { LlmClient, LlmRequest } from './client.js';
import * as q from './queries.js';
import { buildReviewPrompt, checkReview, REVIEW_MAX_TOKENS, ReviewReply } from './review.js';

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

/**
 * An AI review of a typed answer to show beside the offline judgement; undefined when the layer is
 * off (nothing is sent, and the response is as without it). Never throws for the provider's
 * failures: a timeout, a rate limit, a malformed reply or a spent budget is an outcome with a note,
 * and the offline judgement stands.
 */
export async function reviewTypedAnswer(
  deps: AiDeps,
  input: { userId: string; question: JudgedQuestion; answer: string; offline: AnswerJudgement },
): Promise<AiOutcome | undefined> {
  if (!deps.llm || !(await switchedOn(deps))) return undefined;
  const consent = await q.findConsent(deps.db, input.userId);
  if (consent === 'declined') return { status: 'opted_out' };
  if (consent === null && deps.mode === 'hosted') {
    return { status: 'consent_required', provider: new URL(deps.llm.config.url).host };
  }

  const { client, config } = deps.llm;
  const request: LlmRequest<ReviewReply> = {
    purpose: 'review',
    messages: buildReviewPrompt(input.question, input.answer),
    schemaName: 'answer_review',
    schema: ReviewReply,
    maxTokens: REVIEW_MAX_TOKENS,
  };
  const review = (reply: ReviewReply, cached: boolean): AiOutcome => ({
    status: 'reviewed',
    review: checkReview({
      question: input.question,
      answer: input.answer,
      reply,
      model: client.model,
      offlineVerdict: input.offline.verdict,
      cached,
    }),
  });

  const hit = client.cached(request);
  if (hit) return review(hit, true);

  const day = dayOf(deps.now());
  const used = await q.tokensUsed(deps.db, input.userId, day);
  const estimate = estimateTokens(request.messages.map((m) => m.content).join('')) + request.maxTokens;
  if (used + estimate > config.dailyTokens) {
    return {
      status: 'unavailable',
      code: 'ai_budget_exceeded',
      note: `Today's AI budget is spent (${used} of ${config.dailyTokens} tokens); showing the offline result. It renews at 00:00 UTC.`,
    };
  }
  const result = await client.complete(request);
  if (!result.ok) {
    if (result.tokens) await q.addTokens(deps.db, input.userId, day, result.tokens);
    return {
      status: 'unavailable',
      code: result.code,
      note: result.note,
      ...(result.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: result.retryAfterSeconds }),
    };
  }
  // A server that reports no usage is charged the estimate, so the budget still binds.
  if (!result.cached) await q.addTokens(deps.db, input.userId, day, result.tokens || estimate);
  return review(result.value, result.cached);
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
