import type { Question } from '../../shared/curriculum.js';
import type { AnswerJudgement, PointResult } from '../../shared/judgement.js';
import { analyse, englishShare, type Analysis } from './language.js';
import { listedTermClauses } from './lists.js';
import {
  prepareClaims,
  preparePoints,
  readClaims,
  readPoint,
  toPointResult,
  type PreparedClaim,
  type PreparedPoint,
} from './rubric.js';
import { nameOf, subjectsOf, type Subjects } from './subjects.js';
import { normalise, round2 } from './text.js';
import { keysOf } from './words.js';
import { topicKeys, TopicModel } from './topic.js';
import { decide, suggestRating, type Evidence } from './verdict.js';

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
  /** Per key point, the keys of its statement's meaningful words that the question itself does not use. */
  statements: Map<string, Set<string>>;
  /** Per key point, the analysis of its statement (to name the thing it is about). */
  analysed: Map<string, Analysis>;
  claims: PreparedClaim[];
  subjects: Subjects;
}

/** Words that claim without exception (see `Evidence.absolutes`). */
const ABSOLUTES = keysOf(
  'always never every all only just basically anyway automatically instantly impossible guaranteed simply completely everything nothing'.split(
    ' ',
  ),
);

/**
 * The share of an answer's words that claim without exception (`Evidence.absolutes`). Both sides
 * count the same words: the meaningful ones, plus the absolutes that are otherwise filler ("just").
 * A negated absolute claims nothing ("not always", "does not guarantee everything").
 */
export function absoluteShare(analysis: Analysis): number {
  const counted = analysis.words.filter((w) => !w.filler || ABSOLUTES.has(w.key));
  if (counted.length === 0) return 0;
  return counted.filter((w) => ABSOLUTES.has(w.key) && w.negatedBy === null).length / counted.length;
}

/** A word this rare in the bank (inverse document frequency), shared with the question, is specific to it. */
const SPECIFIC_IDF = 2.5;

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
    const { points, misconceptions, warnings, evidence } = this.gather(questionId, text, options);
    const { verdict, reasons } = decide(evidence);
    return {
      verdict,
      score: round2(evidence.coverage),
      points,
      misconceptions,
      warnings,
      reasons,
      suggestedRating: suggestRating(verdict, evidence.coverage, options.hintUsed ?? false),
    };
  }

  /** What the judge finds in an answer, before the verdict: the results and the measures the verdict weighs. */
  gather(
    questionId: string,
    text: string,
    options: { pointIds?: readonly string[] } = {},
  ): Pick<AnswerJudgement, 'points' | 'misconceptions' | 'warnings'> & { evidence: Evidence } {
    const prepared = this.#prepare(questionId);
    const analysis = analyse(text);
    const listed = listedTermClauses(analysis);
    const { misconceptions, warnings, wrongClauses } = readClaims(analysis, prepared.claims);
    const points = (
      options.pointIds ? prepared.points.filter((p) => options.pointIds!.includes(p.id)) : prepared.points
    ).map((point) => {
      const own = prepared.subjects.ofPoint.get(point.id);
      const subject = own === undefined ? undefined : { own, terms: prepared.subjects.terms };
      const reading = readPoint(analysis, point, listed, wrongClauses, subject);
      if (reading.saidOf !== undefined) {
        misconceptions.push({
          kind: 'misconception',
          claim: `Says of ${nameOf(analysis, reading.saidOf)} what is true of ${nameOf(prepared.analysed.get(point.id)!, own!)}.`,
          correction: point.statement,
          evidence: reading.evidence,
        });
      }
      return toPointResult(point, reading);
    });
    const affinity = statementAffinity(analysis, points, prepared.statements);
    const count = (status: PointResult['status']) => points.filter((p) => p.status === status).length;
    const n = Math.max(1, points.length);
    const keys = topicKeys(normalise(text));
    const topic = this.#topics.read(questionId, keys, SPECIFIC_IDF);
    const meaningful = analysis.words.filter((w) => !w.filler);
    const share = (test: (word: Analysis['words'][number]) => boolean) =>
      meaningful.length === 0 ? 0 : meaningful.filter(test).length / meaningful.length;
    const evidence: Evidence = {
      coverage: (count('covered') + 0.5 * count('partly')) / n,
      covered: count('covered') / n,
      partly: count('partly') / n,
      misconceptions: misconceptions.length,
      contradicted: count('contradicted'),
      listed: share((w) => listed.has(w.clause)),
      disclaimed: share((w) => w.disclaimed),
      hedged: share((w) => w.hedged),
      topicOwn: topic.own,
      topicRatio: topic.own / Math.max(0.01, topic.closest?.similarity ?? 0.01),
      topicRank: topic.rank,
      topicForeign: topic.foreign,
      topicElsewhere: topic.closest?.similarity ?? 0,
      words: distinctWords(analysis),
      warnings: warnings.length,
      specific: topic.sharedRare,
      affinity,
      absolutes: absoluteShare(analysis),
      retracted: analysis.retracted,
      english: englishShare(analysis),
    };
    return { points, misconceptions, warnings, evidence };
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
      // The question and each statement are analysed once, for the statement words and the compared things.
      const asked = analyse(question.question);
      const askedKeys = new Set(asked.words.map((w) => w.key));
      const analysed = new Map(question.keyPoints.map((point) => [point.id, analyse(point.statement)]));
      prepared = {
        points: preparePoints(question.keyPoints),
        statements: new Map(
          [...analysed].map(([id, statement]) => [
            id,
            new Set(
              statement.words
                .filter((w) => !w.filler && !askedKeys.has(w.key) && /\p{L}/u.test(w.text))
                .map((w) => w.key),
            ),
          ]),
        ),
        analysed,
        claims: prepareClaims(question.misconceptions, question.pitfalls),
        subjects: subjectsOf(
          { id: question.id, asked },
          [...analysed].map(([id, statement]) => ({ id, statement })),
        ),
      };
      this.#prepared.set(questionId, prepared);
    }
    return prepared;
  }
}

/**
 * How near the answer comes, in its own words, to the key points it does not cover: per such point,
 * the largest share of the point's statement words that one sentence of the answer asserts (not
 * denied, not disclaimed), averaged over all points. "Averages hide the outliers" says much of
 * "the mean … hides the tail" without any of the rubric's phrases.
 */
function statementAffinity(
  analysis: Analysis,
  points: readonly PointResult[],
  statements: ReadonlyMap<string, ReadonlySet<string>>,
): number {
  if (points.length === 0) return 0;
  const sentences = analysis.sentences.map(
    (s) =>
      new Set(
        analysis.words
          .slice(s.from, s.to)
          .filter((w) => !w.filler && w.negatedBy === null && !w.disclaimed)
          .map((w) => w.key),
      ),
  );
  let total = 0;
  for (const point of points) {
    const keys = statements.get(point.id);
    if (point.status === 'covered' || point.status === 'contradicted' || !keys || keys.size === 0) continue;
    let best = 0;
    for (const sentence of sentences) {
      let shared = 0;
      for (const key of keys) if (sentence.has(key)) shared++;
      best = Math.max(best, shared / keys.size);
    }
    total += best;
  }
  return total / points.length;
}

/**
 * Meaningful words in the answer's distinct sentences: a sentence said again adds nothing, so
 * pasting an answer ten times must not make it read as a long, thorough one.
 */
function distinctWords(analysis: Analysis): number {
  const seen = new Set<string>();
  let words = 0;
  for (const sentence of analysis.sentences) {
    const meaningful = analysis.words.slice(sentence.from, sentence.to).filter((w) => !w.filler);
    const said = meaningful.map((w) => w.key).join(' ');
    if (seen.has(said)) continue;
    seen.add(said);
    words += meaningful.length;
  }
  return words;
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
