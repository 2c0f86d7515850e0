import { createHash } from 'node:crypto';
import { type AiCoachingOutcome, AiOutcome } from '../../shared/ai.js';
import { LEVEL_IDS, type LevelId } from '../../shared/ids.js';
import { type AnswerJudgement, parseStoredJudgement, type Verdict, verdictOfScore } from '../../shared/judgement.js';
import type { MockItem, MockState } from '../../shared/mocks.js';
import type { ReviewedQuestion } from '../ai/review.js';
import * as ai from '../ai/service.js';
import type { Catalog } from '../curriculum/service.js';
import type { Db } from '../db/client.js';
import { answerJudgeFor } from '../judge/answer.js';
import * as q from './queries.js';
import { designAnswer, transcriptOf } from './transcript.js';

/**
 * The AI interviewer in a mock: the AI review of each typed answer — a recruiter-screen answer
 * against its checklist, a concept answer, a written design — stored with the mock beside the
 * offline feedback; the follow-ups asked after them in the technical and system-design stages;
 * and the coaching of behavioural stories. Every
 * model call goes through the AI layer's service (consent, budget, cache, fallbacks); whatever the
 * model does, a follow-up shown to the candidate either quotes their own words or comes from the
 * rubric with a note saying why.
 */

interface InterviewerDeps {
  db: Db;
  catalog: Catalog;
  /** The AI layer; undefined, or unconfigured, means the offline mock, unchanged. */
  ai: ai.AiDeps | undefined;
  now: () => Date;
}

interface Subject {
  question: ReviewedQuestion;
  answer: string;
  offlineVerdict: Verdict;
}

/** The items whose typed answer gets an AI review. */
type ReviewedItem = Extract<MockItem, { kind: 'screen' | 'concept' | 'design' }>;
const isReviewed = (item: MockItem): item is ReviewedItem =>
  item.kind === 'screen' || item.kind === 'concept' || item.kind === 'design';

/**
 * What the AI is shown of an answered item: the recruiter-screen prompt with its checklist, the
 * bank question of a concept item, or the design prompt with its rubric up to the level (higher
 * points are stretch); and the answer as the candidate wrote it. Undefined for other kinds and
 * before the item is graded.
 */
function subjectOf(catalog: Catalog, item: MockItem, level: LevelId): Subject | undefined {
  if (item.kind === 'screen' && item.feedback) {
    const prompt = catalog.screenPrompts().find((p) => p.id === item.promptId);
    return (
      prompt && {
        question: { question: prompt.prompt, keyPoints: prompt.checklist, misconceptions: [] },
        answer: item.answer,
        offlineVerdict: verdictOfScore(item.feedback.score),
      }
    );
  }
  if (item.kind === 'concept' && item.feedback) {
    const question = catalog.findQuestion(item.questionId);
    return question && { question, answer: item.answer, offlineVerdict: item.feedback.verdict };
  }
  if (item.kind === 'design' && item.feedback) {
    const prompt = catalog.designPrompts().find((p) => p.id === item.promptId);
    if (!prompt) return undefined;
    const top = LEVEL_IDS.indexOf(level);
    return {
      question: {
        question: `${prompt.title}: ${prompt.prompt}`,
        keyPoints: prompt.rubric.filter((point) => LEVEL_IDS.indexOf(point.level) <= top),
        misconceptions: [...prompt.misconceptions, ...catalog.designMisconceptions()],
      },
      answer: designAnswer(item.text),
      offlineVerdict: verdictOfScore(item.feedback.score),
    };
  }
  return undefined;
}

/**
 * Whether a stored outcome is final. A provider failure (timeout, rate limit, malformed reply,
 * spent budget) is stored so its note shows, but it is asked again on the next pass.
 */
const settled = (outcome: AiOutcome | null | undefined): boolean =>
  outcome !== null && outcome !== undefined && outcome.status !== 'unavailable';

interface ItemReview {
  answer: string;
  outcome: AiOutcome;
}

/**
 * AI reviews of the given items that are graded and not yet reviewed, in order; an item the layer
 * is off for gets none (its state stays as without the layer).
 */
export async function reviewItems(
  deps: InterviewerDeps,
  userId: string,
  state: MockState,
  level: LevelId,
  itemIds: ReadonlySet<string>,
): Promise<Map<string, ItemReview>> {
  const reviews = new Map<string, ItemReview>();
  if (!deps.ai?.llm) return reviews;
  for (const item of state.stages.flatMap((stage) => stage.items)) {
    if (!itemIds.has(item.id) || !isReviewed(item) || settled(item.ai)) continue;
    const subject = subjectOf(deps.catalog, item, level);
    if (!subject?.answer.trim()) continue;
    const outcome = await ai.reviewTypedAnswer(deps.ai, { userId, ...subject });
    if (outcome) reviews.set(item.id, { answer: subject.answer, outcome });
  }
  return reviews;
}

/** Stores reviews on their items — unless the answer changed while the model was asked. */
export function storeReviews(catalog: Catalog, state: MockState, level: LevelId, reviews: Map<string, ItemReview>) {
  for (const item of state.stages.flatMap((stage) => stage.items)) {
    const review = reviews.get(item.id);
    if (!review || !isReviewed(item) || settled(item.ai)) continue;
    if (subjectOf(catalog, item, level)?.answer === review.answer) item.ai = review.outcome;
  }
}

/** Identifies the version of a story its coaching is about (stored beside it, not a secret). */
export const storyHash = (story: string): string => createHash('sha256').update(story).digest('hex').slice(0, 16);

interface StoryCoaching {
  hash: string;
  outcome: AiCoachingOutcome;
}

/**
 * AI coaching of the given behavioural items' stories, asked outside any retry of the mock's
 * write: only for a graded story not yet coached in this version (a stored provider failure is
 * asked again).
 */
export async function coachStories(
  deps: InterviewerDeps,
  userId: string,
  state: MockState,
  itemIds: ReadonlySet<string>,
): Promise<Map<string, StoryCoaching>> {
  const coachings = new Map<string, StoryCoaching>();
  if (!deps.ai?.llm) return coachings;
  for (const item of state.stages.flatMap((stage) => stage.items)) {
    if (item.kind !== 'star' || !itemIds.has(item.id) || !item.feedback || !item.answer.trim()) continue;
    const hash = storyHash(item.answer);
    if (item.coachedHash === hash && item.coaching && item.coaching.status !== 'unavailable') continue;
    const prompt = deps.catalog.behaviouralPrompts().find((p) => p.id === item.promptId);
    if (!prompt) continue;
    const outcome = await ai.coachStory(deps.ai, {
      userId,
      question: prompt.prompt,
      story: item.answer,
      offline: item.feedback,
    });
    if (outcome) coachings.set(item.id, { hash, outcome });
  }
  return coachings;
}

/** Stores coaching on its items — unless the story changed while the model was asked. */
export function storeCoachings(state: MockState, coachings: Map<string, StoryCoaching>): void {
  for (const item of state.stages.flatMap((stage) => stage.items)) {
    const coaching = coachings.get(item.id);
    if (item.kind !== 'star' || !coaching || storyHash(item.answer) !== coaching.hash) continue;
    item.coaching = coaching.outcome;
    item.coachedHash = coaching.hash;
  }
}

/**
 * AI reviews of the answers to the given items' concept follow-ups, reviewed like the first answer
 * but on the point the follow-up probes, beside its offline judgement; stored on the follow-up, so
 * the transcript shows them and nothing is asked twice. Design follow-ups have no offline
 * judgement to stand beside, and are not reviewed. Returns how many reviews were stored.
 */
export async function reviewFollowUpAnswers(
  deps: InterviewerDeps,
  input: { userId: string; mockId: string; state: MockState; level: LevelId; itemIds: ReadonlySet<string> },
): Promise<number> {
  let stored = 0;
  if (!deps.ai?.llm) return stored;
  const items = new Map(input.state.stages.flatMap((stage) => stage.items).map((item) => [item.id, item]));
  for (const row of await q.listFollowUps(deps.db, input.mockId)) {
    const item = items.get(row.itemId);
    if (!input.itemIds.has(row.itemId) || item?.kind !== 'concept' || !row.answeredAt || !row.feedback) continue;
    if (settled(AiOutcome.safeParse(row.ai).data) || !row.answer.trim()) continue;
    const subject = subjectOf(deps.catalog, item, input.level);
    if (!subject) continue;
    const probed = subject.question.keyPoints.filter((point) => point.id === row.probes);
    const outcome = await ai.reviewTypedAnswer(deps.ai, {
      userId: input.userId,
      question: {
        ...subject.question,
        question: `${subject.question.question}\nFollow-up: ${row.question}`,
        keyPoints: probed.length > 0 ? probed : subject.question.keyPoints,
      },
      answer: row.answer,
      offlineVerdict: parseStoredJudgement(row.feedback).verdict,
    });
    if (outcome) {
      await q.saveFollowUpReview(deps.db, row, outcome);
      stored++;
    }
  }
  return stored;
}

/**
 * The follow-up to ask when the AI's is dropped or not had: for a concept question, the first one
 * probing a missed key point, then a general one; for a design, the rubric's follow-up for the
 * first missed point at the level. Never one already asked.
 */
function rubricFollowUp(
  catalog: Catalog,
  item: MockItem,
  asked: readonly q.FollowUpRow[],
): { question: string; probes: string | null } | null {
  const askedQuestions = new Set(asked.map((f) => f.question));
  const askedPoints = new Set(asked.map((f) => f.probes));
  if (item.kind === 'concept' && item.feedback) {
    const question = catalog.findQuestion(item.questionId);
    if (!question) return null;
    const fresh = question.followUps.filter((f) => !askedQuestions.has(f.question));
    const missed = item.feedback.points.filter((p) => p.status !== 'covered' && !askedPoints.has(p.id));
    for (const point of missed) {
      const probe = fresh.find((f) => f.probes === point.id);
      if (probe) return { question: probe.question, probes: point.id };
    }
    const general = fresh.find((f) => f.probes === undefined);
    return general ? { question: general.question, probes: null } : null;
  }
  if (item.kind === 'design' && item.feedback) {
    const point = item.feedback.points.find(
      (p) => !p.covered && !p.stretch && !askedPoints.has(p.id) && !askedQuestions.has(p.followUp),
    );
    return point ? { question: point.followUp, probes: point.id } : null;
  }
  return null;
}

/**
 * Asks the item's next follow-up when one is due: the item is graded, every follow-up so far is
 * answered, and fewer than `allowance` were asked. The AI's follow-up when it is grounded, else one
 * from the rubric with the reason; none when the rubric has nothing left to ask.
 */
export async function askNextFollowUp(
  deps: InterviewerDeps,
  input: { userId: string; mockId: string; item: MockItem; level: LevelId; allowance: number },
): Promise<void> {
  const { item } = input;
  if (!deps.ai || (item.kind !== 'concept' && item.kind !== 'design') || !item.feedback) return;
  if (item.kind === 'concept' && item.followUp) return; // answered while the AI interviewer was off
  const asked = (await q.listFollowUps(deps.db, input.mockId)).filter((f) => f.itemId === item.id);
  if (asked.length >= input.allowance || asked.some((f) => !f.answeredAt)) return;
  const subject = subjectOf(deps.catalog, item, input.level);
  if (!subject) return;

  const turns = transcriptOf(deps.catalog, item, asked).map(({ turn, speaker, text }) => ({ turn, speaker, text }));
  const outcome = await ai.askFollowUp(deps.ai, {
    userId: input.userId,
    question: subject.question,
    turns,
    askedPointIds: asked.flatMap((f) => (f.probes ? [f.probes] : [])),
  });
  if (outcome.status === 'off') return;
  const key = { mockId: input.mockId, itemId: item.id, number: asked.length + 1, askedAt: deps.now() };
  if (outcome.status === 'asked') {
    const { followUp } = outcome;
    await q.insertFollowUp(deps.db, {
      ...key,
      question: followUp.question,
      source: 'ai',
      probes: followUp.pointId,
      quote: followUp.quote.text,
      quoteTurn: followUp.quote.turn,
      quoteStart: followUp.quote.evidence.start,
      quoteEnd: followUp.quote.evidence.end,
    });
    return;
  }
  const fallback = rubricFollowUp(deps.catalog, item, asked);
  if (fallback) await q.insertFollowUp(deps.db, { ...key, ...fallback, source: 'rubric', note: outcome.note });
}

/** A concept follow-up's answer judged on the point it probes (all points when it probes none); null for a design. */
export function judgeFollowUpAnswer(
  catalog: Catalog,
  item: MockItem,
  probes: string | null,
  answer: string,
): AnswerJudgement | null {
  if (item.kind !== 'concept') return null;
  const judge = answerJudgeFor(catalog.allQuestions());
  return judge.judge(item.questionId, answer, probes ? { pointIds: [probes] } : {});
}
