import type { ScreenPrompt } from '../../shared/mock-content.js';
import type { ScreenFeedback } from '../../shared/mock-feedback.js';
import { analyse } from './language.js';
import { preparePoints, readPoint } from './rubric.js';
import { clamp01, countWords, normalise, round2 } from './text.js';

/**
 * Judges a recruiter-screen answer as a recruiter listens to it: length against the prompt's
 * range, sentence length, filler words, and which points of the checklist were said.
 */

/** A sentence longer than this is hard to follow when spoken. */
const LONG_SENTENCE_WORDS = 30;
/** Roughly how fast people speak in an interview; turns word targets into seconds. */
const SPOKEN_WORDS_PER_MINUTE = 130;

/**
 * Filler words and hedges that make a spoken answer sound unsure. "like" is left out: its filler
 * use cannot be told from its ordinary uses without parsing. "kind of", "sort of" and "you know"
 * skip their ordinary uses ("what kind of database", "do you know").
 */
const FILLERS: { word: string; pattern: RegExp }[] = [
  { word: 'um', pattern: /\bu+m+\b/gi },
  { word: 'uh', pattern: /\bu+h+\b/gi },
  { word: 'erm', pattern: /\berm+\b/gi },
  { word: 'basically', pattern: /\bbasically\b/gi },
  { word: 'actually', pattern: /\bactually\b/gi },
  { word: 'literally', pattern: /\bliterally\b/gi },
  { word: 'honestly', pattern: /\bhonestly\b/gi },
  { word: 'to be honest', pattern: /\bto be honest\b/gi },
  {
    word: 'kind of',
    pattern: /(?<!\b(?:what|which|this|that|the|a|any|some|every|one|same|other|different|new|my|our)\s+)\bkind of\b/gi,
  },
  {
    word: 'sort of',
    pattern: /(?<!\b(?:what|which|this|that|the|a|any|some|every|one|same|other|different|new|my|our)\s+)\bsort of\b/gi,
  },
  {
    word: 'you know',
    pattern:
      /(?<!\b(?:do|did|does|don't|if|let|would|what|whether|to|how|when)\s+)\byou know\b(?!\s+(?:how|what|why|where|that|about|the|it|if|when)\b)/gi,
  },
  { word: 'I guess', pattern: /\bI guess\b/gi },
  { word: 'I mean', pattern: /\bI mean\b(?!\s+(?:to|it)\b)/gi },
  { word: 'just', pattern: /\bjust\b/gi },
];

/**
 * The fillers of a text, most frequent first. `extra` adds patterns that only hold in speech (a
 * transcript's "like," is a filler; a written "like" rarely is).
 */
export function countFillers(
  text: string,
  extra: readonly { word: string; pattern: RegExp }[] = [],
): { word: string; count: number }[] {
  const normalised = normalise(text);
  return [...FILLERS, ...extra]
    .map(({ word, pattern }) => ({ word, count: normalised.match(pattern)?.length ?? 0 }))
    .filter((filler) => filler.count > 0)
    .sort((a, b) => b.count - a.count);
}

/**
 * Feedback on a spoken-style screen answer: length against the prompt's word range, sentence
 * length, fillers, and which checklist points a recruiter would hear.
 *
 * The score weighs checklist coverage 0.6, length 0.2 and clarity 0.2. Length is 1 inside the range
 * and falls in proportion outside it; clarity loses up to 0.5 for the share of sentences over
 * {@link LONG_SENTENCE_WORDS} words and up to 0.5 for fillers (the full 0.5 at 5 per 100 words),
 * and counts only in proportion to having said enough, so a two-word answer is not "clear".
 */
export function judgeScreen(prompt: ScreenPrompt, answer: string): ScreenFeedback {
  const words = countWords(answer);
  const analysis = analyse(answer);
  const sentences = analysis.sentences.map((s) => answer.slice(s.start, s.end));
  const sentenceWords = sentences.map(countWords);
  const { min, max } = prompt.words;
  const length = words < min ? 'too-short' : words > max ? 'too-long' : 'good';
  const fillers = countFillers(answer);
  const fillerTotal = fillers.reduce((sum, f) => sum + f.count, 0);
  const longSentences = sentenceWords.filter((n) => n > LONG_SENTENCE_WORDS).length;

  const checklist = preparePoints(prompt.checklist).map((point) => {
    const reading = readPoint(analysis, point);
    return {
      id: point.id,
      statement: point.statement,
      covered: reading.status === 'covered',
      matchedPhrase: reading.phrase,
    };
  });
  const covered = checklist.filter((p) => p.covered).length;

  const coverage = checklist.length > 0 ? covered / checklist.length : 0;
  const lengthScore = length === 'good' ? 1 : length === 'too-short' ? words / min : max / words;
  const fillerRate = words > 0 ? fillerTotal / words : 0;
  const clarity = clamp01(
    1 - Math.min(0.5, sentences.length > 0 ? longSentences / sentences.length : 0) - Math.min(0.5, fillerRate * 10),
  );
  const score = clamp01(0.6 * coverage + 0.2 * lengthScore + 0.2 * clarity * Math.min(1, words / min));

  const tips: string[] = [];
  const missed = checklist.filter((p) => !p.covered);
  const firstMissed = missed[0];
  if (firstMissed) {
    tips.push(
      missed.length === 1
        ? `Add the one thing missing: ${firstMissed.statement}`
        : `Add what is missing, starting with: ${firstMissed.statement}`,
    );
  }
  const seconds = (n: number) => Math.round((n / SPOKEN_WORDS_PER_MINUTE) * 60);
  if (length === 'too-short') {
    tips.push(
      `Say more: aim for ${min}–${max} words (about ${seconds(min)}–${seconds(max)} seconds spoken) with a concrete example.`,
    );
  } else if (length === 'too-long') {
    const target = Math.round((min + max) / 2 / 10) * 10;
    tips.push(`Cut it to about ${target} words: at ${words} words the recruiter loses the thread before you finish.`);
  }
  if (longSentences > 0) {
    tips.push(
      `Split long sentences: ${longSentences === 1 ? 'one runs' : `${longSentences} run`} past ${LONG_SENTENCE_WORDS} words, which is hard to follow when spoken.`,
    );
  }
  if (fillerTotal >= 3 && fillerRate >= 0.02) {
    const named = fillers
      .slice(0, 3)
      .map((f) => `"${f.word}" (${f.count}×)`)
      .join(', ');
    tips.push(`Drop the fillers such as ${named}: they make you sound less sure than you are.`);
  }

  return {
    words,
    targetWords: { min, max },
    length,
    sentences: sentences.length,
    averageSentenceWords: sentences.length > 0 ? Math.round((words / sentences.length) * 10) / 10 : 0,
    fillers,
    checklist,
    score: round2(score),
    tips,
  };
}
