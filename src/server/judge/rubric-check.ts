import type { ContentProblem } from '../content/front-matter.js';
import { EMPTY_DIAGRAM } from '../../shared/diagram.js';
import type { Curriculum } from '../content/load-content.js';
import { AnswerJudge, type JudgedQuestion } from './answer.js';
import { judgeDesign } from './design.js';
import { compilePhrase } from './phrases.js';
import type { TopicModel } from './topic.js';

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

const MIN_MISCONCEPTIONS = 2;
/**
 * A one-word phrase whose word appears in more questions' material than this rarity allows
 * (inverse document frequency; about 1 question in 10) is too common to show a point alone.
 */
const GENERIC_IDF = 2.3;

/** What is wrong with a rubric phrase, if anything: it collapses to one word, or one common word shows nothing. */
function phraseProblem(phrase: string, topics: TopicModel): string | null {
  const keys = [...new Set(compilePhrase(phrase).keys)];
  const written = phrase.trim().split(/\s+/).length;
  if (keys.length === 0) return `phrase "${phrase}" has no word that carries meaning`;
  if (written > 1 && keys.length === 1) {
    return `phrase "${phrase}" collapses to the single word "${keys[0]}"; keep two different words that carry its meaning`;
  }
  if (keys.length === 1 && topics.idf(keys[0]!) < GENERIC_IDF) {
    return `one-word phrase "${phrase}" is too common in the bank to show the point alone; use a phrase that says it`;
  }
  return null;
}

/**
 * The same bar for the phrases of design rubrics and recruiter-screen checklists, and for each
 * design prompt: its reference design covers its own rubric and makes none of the common wrong
 * claims.
 */
export function checkMockRubrics(
  curriculum: Pick<Curriculum, 'designPrompts' | 'screenPrompts' | 'designMisconceptions'>,
  sourceOf: (folder: 'design-prompts' | 'screen-prompts', id: string) => RubricSource | undefined,
  topics: TopicModel,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const reporter = (source: RubricSource | undefined, fallback: string) => (needle: string, message: string) => {
    const index = source ? source.text.split('\n').findIndex((line) => line.includes(needle)) : -1;
    problems.push({ file: source?.file ?? fallback, line: index < 0 ? 1 : index + 1, message });
  };
  for (const prompt of curriculum.designPrompts) {
    const add = reporter(sourceOf('design-prompts', prompt.id), prompt.id);
    for (const point of prompt.rubric) {
      for (const phrase of point.phrases) {
        const problem = phraseProblem(phrase, topics);
        if (problem) add(phrase, `rubric point ${point.id}: ${problem}`);
      }
    }
    const level = prompt.levels.at(-1)!;
    const reference = judgeDesign(prompt, level, prompt.reference, EMPTY_DIAGRAM, curriculum.designMisconceptions);
    for (const m of reference.misconceptions)
      add('---', `the reference design is read as claiming "${m.claim}" (at "${m.quote}")`);
    const missed = reference.points.filter((p) => !p.stretch && p.status !== 'covered').map((p) => p.id);
    if (missed.length > MAX_REFERENCE_MISSES)
      add('rubric:', `the reference design misses its own rubric points: ${missed.join(', ')}`);
  }
  for (const prompt of curriculum.screenPrompts) {
    const add = reporter(sourceOf('screen-prompts', prompt.id), prompt.id);
    for (const point of prompt.checklist) {
      for (const phrase of point.phrases) {
        const problem = phraseProblem(phrase, topics);
        if (problem) add(phrase, `checklist point ${point.id}: ${problem}`);
      }
    }
  }
  return problems;
}

/** A reference design may leave this many of its own rubric points to the diagram or to wording the phrases miss. */
const MAX_REFERENCE_MISSES = 1;

interface RubricSource {
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
      const problem = phraseProblem(phrase, judge.topics);
      if (problem) add(phrase, `${where}: ${problem}`);
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
