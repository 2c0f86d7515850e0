import type { Question } from '../../shared/curriculum.js';
import type { AnswerJudgement, Verdict } from '../../shared/judgement.js';
import { analyse, listedTermClauses, type Analysis } from './language.js';
import {
  prepareClaims,
  preparePoints,
  readClaims,
  readPoint,
  toPointResult,
  type PreparedClaim,
  type PreparedPoint,
} from './rubric.js';
import { round2 } from './text.js';
import { topicKeys, TopicModel } from './topic.js';

/**
 * Judges a typed answer to a concept question against its rubric, offline and deterministically:
 * which key points the answer asserts (with the words that show it), which wrong claims it makes,
 * which mistakes it warns against, whether it is about the question at all, and a verdict.
 */

export type JudgedQuestion = Pick<
  Question,
  'id' | 'question' | 'answer' | 'keyPoints' | 'pitfalls' | 'misconceptions' | 'followUps'
>;

interface PreparedQuestion {
  points: PreparedPoint[];
  claims: PreparedClaim[];
}

/** Thresholds of the verdict; the README shows how they were chosen from the tuning part of the evaluation set. */
export const VERDICT = {
  /** Coverage (share of key points, partly covered counting half) at or above which an answer is strong. */
  strong: 0.6,
  /** … partial. */
  partial: 0.3,
  /**
   * An answer whose similarity to its own question's material is below this share of its
   * similarity to the closest other question is about that other question (off-topic).
   */
  otherTopicRatio: 0.6,
  /** Below this similarity to its own question, an answer that covers little is about nothing asked. */
  unrelated: 0.1,
  /** When this share of an answer's words disclaims knowledge or lists bare terms, it shows little. */
  mostly: 0.5,
} as const;

export class AnswerJudge {
  readonly #questions = new Map<string, JudgedQuestion>();
  readonly #prepared = new Map<string, PreparedQuestion>();
  readonly #topics: TopicModel;

  constructor(questions: readonly JudgedQuestion[]) {
    for (const question of questions) this.#questions.set(question.id, question);
    this.#topics = new TopicModel(
      questions.map((q) => ({
        id: q.id,
        keys: topicKeys(
          [
            q.question,
            q.answer,
            ...q.keyPoints.flatMap((p) => [p.statement, ...p.phrases]),
            ...q.misconceptions.map((m) => m.claim),
          ].join('\n'),
        ),
      })),
    );
  }

  /** The bank's topic model, for judges of other kinds of answer. */
  get topics(): TopicModel {
    return this.#topics;
  }

  /**
   * Judges an answer to a question of the bank; `pointIds` narrows the rubric (a follow-up that
   * probes one key point is judged on that point alone).
   */
  judge(
    questionId: string,
    text: string,
    options: { hintUsed?: boolean; pointIds?: readonly string[] } = {},
  ): AnswerJudgement {
    const prepared = this.#prepare(questionId);
    const analysis = analyse(text);
    const listed = listedTermClauses(analysis);
    const points = (
      options.pointIds ? prepared.points.filter((p) => options.pointIds!.includes(p.id)) : prepared.points
    ).map((point) => toPointResult(point, readPoint(analysis, point, listed)));
    const { misconceptions, warnings } = readClaims(analysis, prepared.claims);

    const covered = points.reduce((sum, p) => sum + (p.status === 'covered' ? 1 : p.status === 'partly' ? 0.5 : 0), 0);
    const score = points.length > 0 ? covered / points.length : 0;
    const topic = this.#topics.read(questionId, topicKeys(text));
    const { verdict, reasons } = decide({
      score,
      // A denied key point is weaker evidence than a wrong claim the rubric names: denials often
      // belong to correct sentences ("a real concern, not a style preference").
      errors: misconceptions.length + 0.5 * points.filter((p) => p.status === 'contradicted').length,
      offTopic:
        topic.own < VERDICT.otherTopicRatio * (topic.closest?.similarity ?? 0) ||
        (topic.own < VERDICT.unrelated && topic.rank > 1 && score < VERDICT.partial),
      disclaimed: share(analysis, (w) => w.disclaimed),
      listed: share(analysis, (w) => listed.has(w.clause)),
      empty: analysis.words.every((w) => w.filler),
    });
    return {
      verdict,
      score: round2(score),
      points,
      misconceptions,
      warnings,
      reasons,
      suggestedRating: suggestRating(verdict, score, options.hintUsed ?? false),
    };
  }

  /** The wrong claims an answer makes (for authoring checks: does a claim's own text trigger it?). */
  judgeClaims(questionId: string, text: string): AnswerJudgement['misconceptions'] {
    return readClaims(analyse(text), this.#prepare(questionId).claims).misconceptions;
  }

  /** A question's rubric, read on first use (reading all of them would slow every start-up). */
  #prepare(questionId: string): PreparedQuestion {
    let prepared = this.#prepared.get(questionId);
    if (!prepared) {
      const question = this.#questions.get(questionId);
      if (!question) throw new Error(`unknown question ${questionId}`);
      prepared = {
        points: preparePoints(question.keyPoints),
        claims: prepareClaims(question.misconceptions, question.pitfalls),
      };
      this.#prepared.set(questionId, prepared);
    }
    return prepared;
  }
}

const judges = new WeakMap<readonly JudgedQuestion[], AnswerJudge>();

/** One judge per question bank (the bank's topic model is built once, however many apps share it). */
export function answerJudgeFor(questions: readonly JudgedQuestion[]): AnswerJudge {
  let judge = judges.get(questions);
  if (!judge) {
    judge = new AnswerJudge(questions);
    judges.set(questions, judge);
  }
  return judge;
}

function share(analysis: Analysis, test: (word: Analysis['words'][number]) => boolean): number {
  const meaningful = analysis.words.filter((w) => !w.filler);
  return meaningful.length === 0 ? 0 : meaningful.filter(test).length / meaningful.length;
}

interface Evidence {
  /** Share of key points covered, partly covered counting half. */
  score: number;
  /** Wrong claims, plus half of each key point the answer denies. */
  errors: number;
  offTopic: boolean;
  /** Share of the answer's words inside "I don't know…" stretches. */
  disclaimed: number;
  /** Share of the answer's words that are bare terms in lists. */
  listed: number;
  empty: boolean;
}

/**
 * The verdict and the reasons a candidate is shown for it. Coverage decides the level; one error
 * lowers it a step and two or more make it weak; an answer that mostly disclaims knowledge or
 * lists terms is weak; one about another topic, with no wrong claim about this one, is off-topic.
 */
export function decide(evidence: Evidence): { verdict: Verdict; reasons: string[] } {
  if (evidence.empty) return { verdict: 'weak', reasons: ['The answer says nothing yet.'] };
  if (evidence.offTopic && evidence.errors === 0) {
    return { verdict: 'off-topic', reasons: ['The answer is about something other than what was asked.'] };
  }
  const reasons: string[] = [];
  let verdict: Verdict =
    evidence.score >= VERDICT.strong ? 'strong' : evidence.score >= VERDICT.partial ? 'partial' : 'weak';
  if (evidence.errors >= 2 && verdict !== 'weak') {
    verdict = 'weak';
    reasons.push('It makes several wrong claims (see the corrections).');
  } else if (evidence.errors >= 1 && verdict !== 'weak') {
    verdict = verdict === 'strong' ? 'partial' : 'weak';
    reasons.push('It makes a wrong claim (see the correction), which an interviewer would pick up on.');
  }
  if (evidence.disclaimed >= VERDICT.mostly && verdict !== 'weak') {
    verdict = 'weak';
    reasons.push('Most of the answer says what you do not know.');
  }
  if (evidence.listed >= VERDICT.mostly && verdict !== 'weak') {
    verdict = 'weak';
    reasons.push('Most of it lists terms without saying what they do or why they matter.');
  }
  if (reasons.length === 0) {
    reasons.push(
      verdict === 'strong'
        ? 'It covers most of the key points without a wrong claim.'
        : verdict === 'partial'
          ? 'It covers some of the key points; the missed ones are listed.'
          : 'It covers few of the key points.',
    );
  }
  return { verdict, reasons };
}

/** The Again/Hard/Good/Easy rating to preselect: from the verdict and coverage, one lower after a hint. */
export function suggestRating(verdict: Verdict, score: number, hintUsed: boolean): 1 | 2 | 3 | 4 {
  let rating: 1 | 2 | 3 | 4 = verdict === 'strong' ? (score >= 0.85 ? 4 : 3) : verdict === 'partial' ? 2 : 1;
  if (hintUsed && rating > 2) rating = (rating - 1) as 2 | 3;
  return rating;
}

/**
 * The follow-up an interviewer asks after a concept answer: the first follow-up that probes a
 * missed key point (taking key points in the question's order), else the first general follow-up
 * (one that probes nothing), else null.
 */
export function conceptFollowUp(
  question: Pick<Question, 'keyPoints' | 'followUps'>,
  missedPointIds: readonly string[],
): string | null {
  const missed = new Set(missedPointIds);
  for (const point of question.keyPoints) {
    if (!missed.has(point.id)) continue;
    const probe = question.followUps.find((followUp) => followUp.probes === point.id);
    if (probe) return probe.question;
  }
  return question.followUps.find((followUp) => followUp.probes === undefined)?.question ?? null;
}
