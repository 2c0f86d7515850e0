import type { Question } from '../../shared/curriculum.js';
import type { AnswerJudgement, PointStatus, Verdict } from '../../shared/judgement.js';
import { analyse, type Analysis } from './language.js';
import { bestMatch, compilePhrase, findPhrase, spansOf, type CompiledPhrase, type PhraseMatch } from './phrases.js';
import { contentKeys, TopicModel } from './topic.js';

/**
 * Judges a typed answer to a concept question against its rubric, offline and deterministically:
 * which key points the answer asserts (with the words that show it), which wrong claims it makes,
 * which mistakes it warns against, whether it is about the question at all, and a verdict.
 */

export type JudgedQuestion = Pick<
  Question,
  'id' | 'question' | 'answer' | 'keyPoints' | 'pitfalls' | 'misconceptions' | 'followUps'
>;

interface PreparedPoint {
  id: string;
  statement: string;
  phrases: CompiledPhrase[];
}

interface PreparedClaim {
  claim: string;
  correction: string;
  phrases: CompiledPhrase[];
  kind: 'misconception' | 'pitfall';
}

interface PreparedQuestion {
  question: JudgedQuestion;
  points: PreparedPoint[];
  claims: PreparedClaim[];
}

/** Words that, in the clause of a mistake, turn naming it into warning against it. */
const WARNING_WORDS = [
  'avoid',
  'instead',
  'rather',
  'unlike',
  'mistake',
  'myth',
  'misconception',
  'wrong',
  'bad',
  'dangerous',
  'insecure',
  'unsafe',
  'vulnerable',
  'risky',
  'antipattern',
  'pitfall',
  'trap',
  'broken',
  'deprecated',
  'obsolete',
  'weak',
  'stop',
  'beware',
  'careful',
  'problem',
  'harmful',
  'false',
  'incorrect',
  'untrue',
  'misleading',
];
/** Words that attribute a claim to others ("people think…", "a common belief is…"). */
const ATTRIBUTION_WORDS = ['think', 'believe', 'assume', 'claim', 'say', 'common', 'often', 'many', 'some'];

/** Thresholds of the verdict; the README shows how they were chosen from the tuning part of the evaluation set. */
export const VERDICT = {
  /** Coverage (share of key points, partly covered counting half) at or above which an answer is strong. */
  strong: 0.6,
  /** … partial. */
  partial: 0.3,
  /** An answer this similar to its own question's material, or more, is never off-topic. */
  onTopic: 0.18,
} as const;

export class AnswerJudge {
  readonly #prepared = new Map<string, PreparedQuestion>();
  readonly #topics: TopicModel;
  readonly #warningKeys: Set<string>;
  readonly #attributionKeys: Set<string>;

  constructor(questions: readonly JudgedQuestion[]) {
    for (const question of questions) this.#prepared.set(question.id, prepare(question));
    this.#topics = new TopicModel(
      questions.map((q) => ({
        id: q.id,
        keys: contentKeys(
          analyse(
            [
              q.question,
              q.answer,
              ...q.keyPoints.flatMap((p) => [p.statement, ...p.phrases]),
              ...q.misconceptions.map((m) => m.claim),
            ].join('\n'),
          ),
        ),
      })),
    );
    this.#warningKeys = new Set(WARNING_WORDS.map((w) => analyse(w).words[0]!.key));
    this.#attributionKeys = new Set(ATTRIBUTION_WORDS.map((w) => analyse(w).words[0]!.key));
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
    const prepared = this.#prepared.get(questionId);
    if (!prepared) throw new Error(`unknown question ${questionId}`);
    const analysis = analyse(text);
    const points = (
      options.pointIds ? prepared.points.filter((p) => options.pointIds!.includes(p.id)) : prepared.points
    ).map((point) => judgePoint(analysis, point));
    const { misconceptions, warnings } = this.#claims(prepared, analysis);

    const covered = points.reduce((sum, p) => sum + (p.status === 'covered' ? 1 : p.status === 'partly' ? 0.5 : 0), 0);
    const score = points.length > 0 ? covered / points.length : 0;
    const contradicted = points.filter((p) => p.status === 'contradicted').length;
    const topic = this.#topics.read(questionId, contentKeys(analysis));
    const disclaimed = share(analysis, (w) => w.disclaimed);
    const { verdict, reasons } = decide({
      score,
      misconceptions: misconceptions.length,
      contradicted,
      onTopic: topic.own >= VERDICT.onTopic || topic.rank <= 3,
      disclaimed,
      words: analysis.words.filter((w) => !w.filler).length,
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
    const prepared = this.#prepared.get(questionId);
    if (!prepared) throw new Error(`unknown question ${questionId}`);
    return this.#claims(prepared, analyse(text)).misconceptions;
  }

  #claims(prepared: PreparedQuestion, analysis: Analysis): Pick<AnswerJudgement, 'misconceptions' | 'warnings'> {
    const misconceptions: AnswerJudgement['misconceptions'] = [];
    const warnings: AnswerJudgement['warnings'] = [];
    for (const claim of prepared.claims) {
      const matches = claim.phrases.flatMap((p) => findPhrase(analysis, p, { ordered: true }));
      const asserted = matches.find((m) => m.polarity === 'asserted' && !this.#warnedAgainst(analysis, m));
      if (asserted) {
        misconceptions.push({
          kind: claim.kind,
          claim: claim.claim,
          correction: claim.correction,
          evidence: spansOf(analysis, asserted),
        });
        continue;
      }
      const warned = matches.find((m) => m.polarity === 'negated' || this.#warnedAgainst(analysis, m));
      if (warned) warnings.push({ text: claim.claim, evidence: spansOf(analysis, warned) });
    }
    return { misconceptions, warnings };
  }

  /** Whether the clause of a match warns against it ("avoid…", "…is a myth") or attributes it to others. */
  #warnedAgainst(analysis: Analysis, match: PhraseMatch): boolean {
    const clauseWords = analysis.words.filter((w) => w.clause === match.clause);
    if (clauseWords.some((w) => this.#warningKeys.has(w.key))) return true;
    const sentenceWords = analysis.words.filter(
      (w) => w.sentence === match.sentence && w.start < analysis.words[match.words[0]!]!.start,
    );
    return (
      sentenceWords.some((w) => this.#attributionKeys.has(w.key)) &&
      sentenceWords.some((w) => w.key === 'peopl' || w.key === 'misconcept' || w.key === 'myth' || w.key === 'belief')
    );
  }

  /** The bank's topic model, for judges of other kinds of answer. */
  get topics(): TopicModel {
    return this.#topics;
  }
}

function prepare(question: JudgedQuestion): PreparedQuestion {
  return {
    question,
    points: question.keyPoints.map((point) => ({
      id: point.id,
      statement: point.statement,
      phrases: point.phrases.map(compilePhrase).filter((p) => p.keys.length > 0),
    })),
    claims: [
      ...question.misconceptions.map((m) => ({
        claim: m.claim,
        correction: m.correction,
        phrases: m.phrases.map(compilePhrase).filter((p) => p.keys.length > 0),
        kind: 'misconception' as const,
      })),
      ...question.pitfalls
        .filter((p) => p.phrases.length > 0)
        .map((p) => ({
          claim: p.text,
          correction: '',
          phrases: p.phrases.map(compilePhrase).filter((phrase) => phrase.keys.length >= 2),
          kind: 'pitfall' as const,
        })),
    ],
  };
}

function judgePoint(analysis: Analysis, point: PreparedPoint): AnswerJudgement['points'][number] {
  let fallback: { status: PointStatus; match: PhraseMatch } | null = null;
  for (const phrase of point.phrases) {
    const match = bestMatch(findPhrase(analysis, phrase));
    if (!match) continue;
    if (match.polarity === 'asserted') {
      return {
        id: point.id,
        statement: point.statement,
        status: 'covered',
        phrase: phrase.text,
        evidence: spansOf(analysis, match),
      };
    }
    if (match.polarity === 'hedged' && fallback?.status !== 'partly') fallback = { status: 'partly', match };
    if (match.polarity === 'negated' && phrase.keys.length >= 2 && !fallback)
      fallback = { status: 'contradicted', match };
  }
  if (fallback) {
    return {
      id: point.id,
      statement: point.statement,
      status: fallback.status,
      phrase: fallback.match.phrase,
      evidence: spansOf(analysis, fallback.match),
    };
  }
  return { id: point.id, statement: point.statement, status: 'missed', phrase: null, evidence: [] };
}

function share(analysis: Analysis, test: (word: Analysis['words'][number]) => boolean): number {
  const meaningful = analysis.words.filter((w) => !w.filler);
  return meaningful.length === 0 ? 0 : meaningful.filter(test).length / meaningful.length;
}

interface Evidence {
  score: number;
  misconceptions: number;
  contradicted: number;
  onTopic: boolean;
  disclaimed: number;
  words: number;
}

/** The verdict and the reasons a candidate is shown for it. */
export function decide(evidence: Evidence): { verdict: Verdict; reasons: string[] } {
  const reasons: string[] = [];
  const errors = evidence.misconceptions + evidence.contradicted;
  if (evidence.words === 0) return { verdict: 'weak', reasons: ['The answer is empty.'] };
  if (!evidence.onTopic && evidence.score < VERDICT.partial && errors === 0) {
    return { verdict: 'off-topic', reasons: ['The answer is about something other than what was asked.'] };
  }
  if (evidence.disclaimed >= 0.5) reasons.push('Most of the answer says what you do not know.');
  let verdict: Verdict =
    evidence.score >= VERDICT.strong ? 'strong' : evidence.score >= VERDICT.partial ? 'partial' : 'weak';
  if (errors > 0 && verdict === 'strong') {
    verdict = 'partial';
    reasons.push('It would be strong, but it makes a wrong claim (see the correction).');
  }
  if (errors >= 2 && errors * 2 >= evidence.score * 10) {
    verdict = 'weak';
    reasons.push('It makes several wrong claims.');
  }
  if (evidence.disclaimed >= 0.5 && verdict !== 'weak') verdict = 'weak';
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

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
