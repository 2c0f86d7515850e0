import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Question } from '../../shared/curriculum.js';

const nlp = winkNLP(model);
const its = nlp.its;

/** A run of the answer's text that showed a key point or a pitfall, as character offsets. */
export interface Highlight {
  start: number;
  end: number;
}

export interface PointResult {
  id: string;
  statement: string;
  covered: boolean;
  /** The phrase whose words were found, if covered. */
  matchedPhrase: string | null;
  highlights: Highlight[];
}

export interface Feedback {
  points: PointResult[];
  /** Share of key points covered, 0..1. */
  score: number;
  pitfalls: { text: string; highlights: Highlight[] }[];
  suggestedRating: 1 | 2 | 3 | 4;
}

interface Token {
  stem: string;
  start: number;
  end: number;
}

/**
 * Tokenises with wink-nlp and reduces each word to its stem, so "indexes", "indexing" and
 * "indexed" all meet "index". Stop words and punctuation are dropped; offsets into the original
 * text are kept for highlighting.
 */
export function analyse(text: string): Token[] {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  // wink-nlp's typings omit `stem` from the token ItsFunction union, though it works on tokens.
  const stems = doc.tokens().out(its.stem as unknown as typeof its.value) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const stops = doc.tokens().out(its.stopWordFlag) as boolean[];
  const tokens: Token[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    const start = text.indexOf(value, cursor);
    if (start < 0) return;
    cursor = start + value.length;
    if ((types[i] === 'word' || types[i] === 'number') && !stops[i]) {
      tokens.push({ stem: stems[i]!.toLowerCase(), start, end: cursor });
    }
  });
  return tokens;
}

const phraseCache = new Map<string, string[]>();
function phraseStems(phrase: string): string[] {
  let stems = phraseCache.get(phrase);
  if (!stems) {
    stems = [...new Set(analyse(phrase).map((t) => t.stem))];
    phraseCache.set(phrase, stems);
  }
  return stems;
}

/**
 * Finds a phrase in the answer: every (non-stop) word of the phrase, stemmed, within a window a
 * little wider than the phrase, in any order — so "index on email" meets "put an index on the
 * email column" and "the email column's index". Returns the matched tokens, or null.
 */
export function matchPhrase(answer: Token[], phrase: string): Token[] | null {
  const wanted = phraseStems(phrase);
  if (wanted.length === 0) return null;
  const window = wanted.length === 1 ? 1 : wanted.length + 3;
  for (let i = 0; i < answer.length; i++) {
    if (!wanted.includes(answer[i]!.stem)) continue;
    const found = new Map<string, Token>();
    for (let j = i; j < Math.min(answer.length, i + window); j++) {
      const token = answer[j]!;
      if (wanted.includes(token.stem) && !found.has(token.stem)) found.set(token.stem, token);
    }
    if (found.size === wanted.length) return [...found.values()];
  }
  return null;
}

/** Thresholds from coverage score to the suggested Again/Hard/Good/Easy rating (README explains). */
export const RATING_BANDS = { hard: 0.34, good: 0.6, easy: 0.85 } as const;

/**
 * Grades a typed answer against the question's rubric, offline and deterministically: each key
 * point is covered when any of its phrases is found; the score is the share of points covered.
 */
export function gradeAnswer(
  question: Pick<Question, 'keyPoints' | 'pitfalls'>,
  answer: string,
  options: { hintUsed?: boolean } = {},
): Feedback {
  const tokens = analyse(answer);
  const points = question.keyPoints.map((point) => {
    for (const phrase of point.phrases) {
      const match = matchPhrase(tokens, phrase);
      if (match)
        return {
          id: point.id,
          statement: point.statement,
          covered: true,
          matchedPhrase: phrase,
          highlights: toHighlights(match),
        };
    }
    return { id: point.id, statement: point.statement, covered: false, matchedPhrase: null, highlights: [] };
  });
  const pitfalls = question.pitfalls.flatMap((pitfall) => {
    for (const phrase of pitfall.phrases) {
      const match = matchPhrase(tokens, phrase);
      if (match && phraseStems(phrase).length >= 2) return [{ text: pitfall.text, highlights: toHighlights(match) }];
    }
    return [];
  });
  const score = points.length ? points.filter((p) => p.covered).length / points.length : 0;
  return {
    points,
    score,
    pitfalls,
    suggestedRating: suggestRating(score, pitfalls.length > 0, options.hintUsed ?? false),
  };
}

export function suggestRating(score: number, fellIntoPitfall: boolean, hintUsed: boolean): 1 | 2 | 3 | 4 {
  let rating: 1 | 2 | 3 | 4 =
    score >= RATING_BANDS.easy ? 4 : score >= RATING_BANDS.good ? 3 : score >= RATING_BANDS.hard ? 2 : 1;
  if ((hintUsed || fellIntoPitfall) && rating > 2) rating = (rating - 1) as 2 | 3;
  return rating;
}

function toHighlights(tokens: Token[]): Highlight[] {
  return tokens.map((t) => ({ start: t.start, end: t.end })).sort((a, b) => a.start - b.start);
}

export type AnswerClass = 'strong' | 'partial' | 'weak' | 'off-topic';

/**
 * How much of the answer's vocabulary belongs to the question's own (its wording, rubric and model
 * answer): near zero for an answer to a different question.
 */
export function topicality(question: Pick<Question, 'question' | 'keyPoints' | 'answer'>, answer: string): number {
  const vocabulary = new Set(
    analyse(
      [question.question, question.answer, ...question.keyPoints.flatMap((p) => [p.statement, ...p.phrases])].join(
        '\n',
      ),
    ).map((t) => t.stem),
  );
  const tokens = analyse(answer);
  if (tokens.length === 0) return 0;
  return tokens.filter((t) => vocabulary.has(t.stem)).length / tokens.length;
}

/** The verdict a candidate sees: the rubric score decides, and topicality separates weak from off-topic. */
export function classifyAnswer(
  question: Pick<Question, 'question' | 'keyPoints' | 'answer'>,
  answer: string,
  feedback: Feedback,
): AnswerClass {
  if (feedback.score >= 0.7) return 'strong';
  if (feedback.score >= 0.35) return 'partial';
  return topicality(question, answer) < 0.3 ? 'off-topic' : 'weak';
}
