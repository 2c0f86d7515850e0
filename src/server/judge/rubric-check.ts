import type { ContentProblem } from '../content/front-matter.js';
import { AnswerJudge, type JudgedQuestion } from './answer.js';
import { compilePhrase } from './phrases.js';

/**
 * The editorial bar for rubrics, which the judge's precision rests on. `content:check` and the test
 * suite enforce it:
 * - a phrase never collapses: a phrase of several words keeps at least two that carry meaning
 *   ("WHERE clause", "too many indexes", "all or nothing"), so it cannot be earned by one word;
 * - a phrase of one word is a term that alone is the concept ("argon2id", "EXPLAIN"), i.e. a word
 *   that few questions of the bank use (see {@link GENERIC_IDF});
 * - every question lists at least {@link MIN_MISCONCEPTIONS} misconceptions; each one is found in
 *   its own claim and not in its correction;
 * - the model answer makes no wrong claim the rubric knows of, and is judged strong.
 */

export const MIN_MISCONCEPTIONS = 2;
/**
 * A one-word phrase whose word appears in more questions' material than this rarity allows
 * (inverse document frequency; about 1 question in 10) is too common to show a point alone.
 */
export const GENERIC_IDF = 2.3;

export interface RubricSource {
  file: string;
  text: string;
}

export function checkRubrics(
  questions: readonly JudgedQuestion[],
  sourceOf: (id: string) => RubricSource | undefined,
  judge = new AnswerJudge(questions),
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const q of questions) {
    const source = sourceOf(q.id);
    const file = source?.file ?? q.id;
    const lineOf = (needle: string) => {
      if (!source) return 1;
      const index = source.text.split('\n').findIndex((line) => line.includes(needle));
      return index < 0 ? 1 : index + 1;
    };
    const add = (needle: string, message: string) => problems.push({ file, line: lineOf(needle), message });

    const checkPhrase = (phrase: string, where: string) => {
      const { keys } = compilePhrase(phrase);
      const written = phrase.trim().split(/\s+/).length;
      if (keys.length === 0) add(phrase, `${where}: phrase "${phrase}" has no word that carries meaning`);
      else if (written > 1 && keys.length === 1) {
        add(
          phrase,
          `${where}: phrase "${phrase}" collapses to the single word "${keys[0]}"; keep two words that carry its meaning`,
        );
      } else if (keys.length === 1 && judge.topics.idf(keys[0]!) < GENERIC_IDF) {
        add(
          phrase,
          `${where}: one-word phrase "${phrase}" is too common in the bank to show the point alone; use a phrase that says it`,
        );
      }
    };
    for (const point of q.keyPoints) for (const phrase of point.phrases) checkPhrase(phrase, `key point ${point.id}`);
    for (const m of q.misconceptions) for (const phrase of m.phrases) checkPhrase(phrase, 'misconception');

    if (q.misconceptions.length < MIN_MISCONCEPTIONS) {
      add('misconceptions:', `needs at least ${MIN_MISCONCEPTIONS} misconceptions (has ${q.misconceptions.length})`);
    }
    for (const m of q.misconceptions) {
      const self = judge.judgeClaims(q.id, m.claim);
      if (!self.some((hit) => hit.claim === m.claim)) {
        add(m.claim, `misconception "${m.claim}": none of its phrases is found in the claim itself`);
      }
      if (judge.judgeClaims(q.id, m.correction).some((hit) => hit.claim === m.claim)) {
        add(m.correction, `misconception "${m.claim}": its own correction is read as making the claim`);
      }
    }
    const model = judge.judge(q.id, q.answer);
    for (const hit of model.misconceptions) {
      const quote = hit.evidence.map((span) => q.answer.slice(span.start, span.end)).join(' ');
      add(
        hit.claim,
        `the model answer is read as claiming "${hit.claim}" (at "${quote}"); make the phrases more specific`,
      );
    }
    const missed = model.points.filter((p) => p.status !== 'covered').map((p) => p.id);
    if (model.verdict !== 'strong' && missed.length > 0) {
      add('keyPoints:', `the model answer is judged ${model.verdict}; no phrase finds: ${missed.join(', ')}`);
    }
  }
  return problems;
}
