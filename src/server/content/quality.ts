import { z } from 'zod';
import { AREA_IDS, LEVEL_IDS, Slug, type Question } from '../../shared/curriculum.js';
import type { ContentProblem } from './front-matter.js';
import type { Curriculum } from './load-content.js';

/** The editorial bar every question meets; `content:check` and the test suite enforce it. */
const QUALITY = {
  answerWords: { min: 120, max: 400 },
  keyPoints: { min: 3, max: 7 },
  minFollowUps: 2,
  minPitfalls: 1,
  hintMaxChars: 240,
  /** Jaccard similarity of normalised word bigrams above which two questions are near-duplicates. */
  nearDuplicateSimilarity: 0.6,
} as const;

/**
 * Checks what a schema cannot: lengths and counts of the editorial bar, and near-duplicate
 * questions across files. Returns every problem found, each naming its file.
 */
export function checkQuestionQuality(questions: readonly Question[], fileOf: (id: string) => string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const q of questions) {
    const file = fileOf(q.id);
    const add = (message: string) => problems.push({ file, line: 1, message });
    const words = countWords(q.answer);
    if (words < QUALITY.answerWords.min || words > QUALITY.answerWords.max) {
      add(`model answer has ${words} words; it must have ${QUALITY.answerWords.min}–${QUALITY.answerWords.max}`);
    }
    if (q.keyPoints.length < QUALITY.keyPoints.min || q.keyPoints.length > QUALITY.keyPoints.max) {
      add(`has ${q.keyPoints.length} key points; it must have ${QUALITY.keyPoints.min}–${QUALITY.keyPoints.max}`);
    }
    if (q.followUps.length < QUALITY.minFollowUps) add(`needs at least ${QUALITY.minFollowUps} follow-ups`);
    if (q.pitfalls.length < QUALITY.minPitfalls) add(`needs at least ${QUALITY.minPitfalls} pitfall`);
    if (q.hint.length > QUALITY.hintMaxChars) add(`hint is ${q.hint.length} characters; keep it under ${QUALITY.hintMaxChars}`);
    if (q.area === 'behavioural' && LEVEL_IDS.some((level) => !q.levelSignals?.[level])) {
      add('a behavioural prompt needs levelSignals for junior, mid and senior');
    }
  }
  problems.push(...findNearDuplicates(questions, fileOf));
  return problems;
}

/** Pairs of questions whose normalised wording is too alike to be two questions. */
function findNearDuplicates(questions: readonly Question[], fileOf: (id: string) => string): ContentProblem[] {
  const shingles = questions.map((q) => ({ q, set: bigrams(q.question) }));
  const problems: ContentProblem[] = [];
  for (let i = 0; i < shingles.length; i++) {
    for (let j = i + 1; j < shingles.length; j++) {
      const a = shingles[i]!;
      const b = shingles[j]!;
      const similarity = jaccard(a.set, b.set);
      if (similarity > QUALITY.nearDuplicateSimilarity) {
        problems.push({
          file: fileOf(a.q.id),
          line: 1,
          message: `near-duplicate of ${fileOf(b.q.id)} (question similarity ${similarity.toFixed(2)})`,
        });
      }
    }
  }
  return problems;
}

function countWords(markdown: string): number {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'in', 'of', 'to', 'and', 'or', 'you', 'your', 'would', 'how', 'what', 'is', 'do', 'does', 'for', 'with', 'when', 'why']);

function bigrams(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP_WORDS.has(w));
  const set = new Set<string>();
  for (let i = 0; i < words.length; i++) set.add(i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : words[i]!);
  return set;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** `content/guide-topics.yaml`: every topic the source guide raises, by stable id. */
export const GuideTopics = z.array(z.strictObject({ id: Slug, area: z.enum(AREA_IDS), topic: z.string().min(1) }));
export type GuideTopics = z.infer<typeof GuideTopics>;

/** `content/coverage/<area>.yaml`: guide topic id → the questions that cover it. */
export const CoverageMap = z.record(Slug, z.array(Slug).min(1));
export type CoverageMap = z.infer<typeof CoverageMap>;

/** Every guide topic is covered by at least one existing question, and the map names no unknown topic. */
export function checkCoverage(curriculum: Curriculum, topics: GuideTopics, coverage: CoverageMap): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const questionIds = new Set(curriculum.questions.map((q) => q.id));
  const topicIds = new Set(topics.map((t) => t.id));
  for (const [topic, ids] of Object.entries(coverage)) {
    if (!topicIds.has(topic)) problems.push({ file: 'content/coverage', line: 1, message: `unknown guide topic "${topic}"` });
    for (const id of ids) {
      if (!questionIds.has(id)) problems.push({ file: 'content/coverage', line: 1, message: `topic "${topic}" names unknown question "${id}"` });
    }
  }
  for (const topic of topics) {
    if (!coverage[topic.id]?.length) {
      problems.push({ file: 'content/guide-topics.yaml', line: 1, message: `guide topic "${topic.id}" (${topic.topic}) is covered by no question` });
    }
  }
  return problems;
}
