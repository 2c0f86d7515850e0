import type { KeyPoint, Question } from '../../shared/curriculum.js';
import { LEVEL_IDS, type LevelId } from '../../shared/ids.js';
import {
  DESIGN_SECTIONS,
  type BehaviouralPrompt,
  type DesignPrompt,
  type ScreenPrompt,
} from '../../shared/mock-content.js';
import {
  DIAGRAM_NODE_KINDS,
  STAR_PARTS,
  type CoveredPoint,
  type DesignFeedback,
  type Diagram,
  type ScreenFeedback,
  type StarFeedback,
  type StarPart,
} from '../../shared/mocks.js';
import { analyse, matchPhrase } from '../drills/grader.js';

/**
 * Offline feedback for the mock interview stages: the recruiter screen, behavioural (STAR) answers,
 * system design and concept follow-ups. Every function is pure and deterministic — the same answer
 * always gets the same feedback — so it can run in a request, a job or a test without a model.
 */

type Tokens = ReturnType<typeof analyse>;

// ---------------------------------------------------------------- text

const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

const BULLET = /^\s*(?:[-*+•>]|\d+[.)])\s+/;
const HEADING = /^\s*#{1,6}\s/;

/**
 * Paragraphs, with bullets, headings and lines that open with a STAR label each starting a block of
 * their own; the other lines of a paragraph are joined, so hard-wrapped prose stays one block.
 */
function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) blocks.push(lines.join(' '));
    lines = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.test(line);
    if (heading || BULLET.test(line) || parseStarLabel(line)) flush();
    lines.push(line.trim());
    if (heading) flush();
  }
  flush();
  return blocks;
}

/** Words whose trailing full stop does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'eg', 'ie', 'vs', 'cf', 'approx', 'mr', 'mrs', 'dr']);
const LABEL_WORD = '(?:situation|task|actions?|results?|outcome)';
/** Lower-case labels count as sentence starts too, so "… was late. task: I …" splits. */
const SENTENCE_END = new RegExp(
  String.raw`[.!?]+["'’”)\]*_]*\s+(?=["'‘“(*_]*(?:[\p{Lu}\p{N}]|${LABEL_WORD}[*_]*\s*[:.]|[star]:|${LABEL_WORD}\s+[-–—]\s))`,
  'gu',
);

/**
 * Sentences of one block: a full stop, question or exclamation mark followed by a capital, a digit
 * or a STAR label. Decimals ("3.5") and common abbreviations ("e.g.") do not split.
 */
function splitSentences(block: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of block.matchAll(SENTENCE_END)) {
    const before = /([\p{L}.]+)$/u.exec(block.slice(start, match.index))?.[1]?.toLowerCase();
    if (match[0].startsWith('.') && before && ABBREVIATIONS.has(before)) continue;
    const end = match.index + match[0].length;
    sentences.push(block.slice(start, end).trim());
    start = end;
  }
  sentences.push(block.slice(start).trim());
  return sentences.filter((sentence) => countWords(sentence) > 0);
}

function sentencesOf(text: string): string[] {
  return splitBlocks(text).flatMap(splitSentences);
}

/** Typographic apostrophes become plain ones so cue patterns need only one spelling. */
function normalise(text: string): string {
  return text.replace(/[’‘]/g, "'");
}

/** The opening of a text, cut at a word boundary near `max` characters, without Markdown emphasis. */
function excerptOf(text: string, max = 100): string {
  const plain = text
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A key point is covered when any of its phrases is found in any one source (never across two). */
function coverPoint(sources: Tokens[], point: Pick<KeyPoint, 'id' | 'statement' | 'phrases'>): CoveredPoint {
  for (const phrase of point.phrases) {
    if (sources.some((tokens) => matchPhrase(tokens, phrase))) {
      return { id: point.id, statement: point.statement, covered: true, matchedPhrase: phrase };
    }
  }
  return { id: point.id, statement: point.statement, covered: false, matchedPhrase: null };
}

// ---------------------------------------------------------------- recruiter screen

/** A sentence longer than this is hard to follow when spoken. */
export const LONG_SENTENCE_WORDS = 30;
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

function countFillers(text: string): { word: string; count: number }[] {
  const normalised = normalise(text);
  return FILLERS.map(({ word, pattern }) => ({ word, count: normalised.match(pattern)?.length ?? 0 }))
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
export function screenFeedback(prompt: ScreenPrompt, answer: string): ScreenFeedback {
  const words = countWords(answer);
  const sentences = sentencesOf(answer);
  const sentenceWords = sentences.map(countWords);
  const { min, max } = prompt.words;
  const length = words < min ? 'too-short' : words > max ? 'too-long' : 'good';
  const fillers = countFillers(answer);
  const fillerTotal = fillers.reduce((sum, f) => sum + f.count, 0);
  const longSentences = sentenceWords.filter((n) => n > LONG_SENTENCE_WORDS).length;

  const tokens = analyse(answer);
  const checklist = prompt.checklist.map((point) => coverPoint([tokens], point));
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

// ---------------------------------------------------------------- behavioural (STAR)

const PART_OF_LABEL: Record<string, StarPart> = {
  situation: 'situation',
  s: 'situation',
  task: 'task',
  t: 'task',
  action: 'action',
  actions: 'action',
  a: 'action',
  result: 'result',
  results: 'result',
  outcome: 'result',
  r: 'result',
};
const WORD_LABEL = new RegExp(
  String.raw`^\s*(?:[-*+•>]\s+|#{1,6}\s*)?[*_]{0,2}\s*(${LABEL_WORD}(?:\s*(?:\/|&|\+|,|and)\s*${LABEL_WORD})*)\s*[*_]{0,2}(?:\s*[:.)]|\s+[-–—](?=\s)|\s*$)[*_]{0,2}\s*`,
  'i',
);
const LETTER_LABEL = /^\s*(?:[-*+•>]\s+)?[*_]{0,2}([star])[*_]{0,2}\s*:[*_]{0,2}\s*/i;

/**
 * A STAR label opening a line or sentence — "Situation:", "**Task.**", "S:", "Action –",
 * "Situation/Task:" — with the parts it names and the text after it.
 */
function parseStarLabel(text: string): { parts: StarPart[]; rest: string } | null {
  const match = WORD_LABEL.exec(text) ?? LETTER_LABEL.exec(text);
  if (!match?.[1]) return null;
  const names = match[1].toLowerCase().split(/\s*(?:\/|&|\+|,|\band\b)\s*/);
  const parts = [...new Set(names.map((name) => PART_OF_LABEL[name]).filter((part) => part !== undefined))];
  return parts.length > 0 ? { parts, rest: text.slice(match[0].length) } : null;
}

interface Cue {
  pattern: RegExp;
  weight: number;
}

/**
 * Cue phrases for each part, matched on lower-cased text; a sentence scores the sum of the weights
 * of the cues it contains (each counted once).
 */
const CUES: Record<StarPart, Cue[]> = {
  situation: [
    {
      pattern:
        /\b(?:at|in) my (?:last|previous|current|old|first|former) (?:job|company|role|team|employer|position|workplace)\b/,
      weight: 3,
    },
    {
      pattern:
        /\b(?:context|background|back then|at the time|(?:a few|two|three|several) (?:years|months) ago|last (?:year|spring|summer|autumn|fall|winter|quarter|month))\b/,
      weight: 1.5,
    },
    {
      pattern:
        /\b(?:we had|we were|there (?:was|were)|our team|our company|the company|our (?:system|service|product|platform|app|application|codebase|api|customers|users|stack|database|pipeline|manager|ci))\b/,
      weight: 1,
    },
    {
      pattern:
        /\bi (?:was|worked|joined|had just joined)\b(?! (?:asked|tasked|responsible|given|supposed|assigned|expected|in charge))/,
      weight: 1,
    },
    { pattern: /\b(?:was|were|had|used to)\b/, weight: 0.5 },
  ],
  task: [
    {
      pattern:
        /\b(?:my (?:task|job|role|goal|responsibility|assignment|mission) (?:was|is)|i was (?:asked|tasked|given|assigned|supposed|expected|responsible|leading|the lead|the owner)|(?:asked|wanted|told|needed) me to|i (?:needed|had|wanted)(?: \w+)? to|we (?:needed|had) to|responsible for|(?:the|our|my) (?:goal|aim|objective|challenge) was|in charge of|i owned|i volunteered to|i took (?:on|ownership))\b/,
      weight: 2.5,
    },
    { pattern: /\b(?:goal|objective|deadline|requirement|had to|needed to|must|so that)\b/, weight: 1 },
  ],
  action: [
    {
      pattern:
        /\bi (?:also |then |first |quickly )?(?:decided|wrote|built|set up|proposed|implemented|added|created|designed|introduced|rewrote|refactored|migrated|automated|organi[sz]ed|scheduled|met|talked|spoke|asked|paired|reviewed|investigated|profiled|measured|analy[sz]ed|traced|found|fixed|changed|moved|split|replaced|ran|led|drove|convinced|suggested|documented|shipped|rolled (?:out|back)|deployed|tested|prototyped|benchmarked|reached out|called|escalated|negotiated|explained|presented|shared|put|gathered|broke|booked|pulled|dug|gave|made|took|sat down|brought|switched|kept|checked|compared|opened|posted|walked|started by|began by)\b/,
      weight: 2,
    },
    {
      pattern:
        /\b(?:first(?:ly)?|then|next|after that|so i|to do that|to fix (?:this|it|that)|i made sure|step by step|instead of)\b/,
      weight: 1,
    },
    {
      pattern:
        /\bwe (?:decided|built|wrote|set up|implemented|added|created|designed|rolled out|shipped|migrated|agreed)\b/,
      weight: 1,
    },
  ],
  result: [
    {
      pattern:
        /\b(?:as a result|in the end|the result|the outcome|resulted in|ended up|eventually|overall|since then|by the end|after (?:the|this|that) (?:change|launch|release|rollout|fix)|(?:days|weeks|months|a year) later|the following (?:week|month|quarter|year)|lasted)\b/,
      weight: 2.5,
    },
    {
      pattern:
        /\b(?:reduced|increased|cut|dropped|fell|improved|saved|halved|doubled|tripled|went (?:down|up) from|went from|grew|decreased|lowered|sped up|eliminated|no longer|zero)\b/,
      weight: 1.5,
    },
    {
      pattern:
        /\b(?:i (?:have )?learn(?:ed|t)|lessons?|next time|in hindsight|looking back|(?:would|i'd) do (?:it |things )?differently|taught me|is still (?:in use|used|running)|became|adopted|praised|feedback|promoted|on time)\b/,
      weight: 2,
    },
  ],
};

/** First-person past tenses ending in -ed that set a scene or state a need rather than act. */
const NOT_ACTIONS = new Set([
  'needed',
  'wanted',
  'learned',
  'realised',
  'realized',
  'worked',
  'joined',
  'tasked',
  'used',
  'noticed',
  'liked',
  'loved',
  'hoped',
  'expected',
  'owned',
  'volunteered',
]);
const FIRST_PERSON_ED = /\bi (?:also |then |first |quickly |finally |personally )?([a-z]+ed)\b/g;

function hasFirstPersonAction(sentence: string): boolean {
  return [...sentence.matchAll(FIRST_PERSON_ED)].some((m) => !NOT_ACTIONS.has(m[1]!));
}

/**
 * Numbers with a unit or a comparison: percentages, money, multipliers, durations, sizes, rates,
 * counts of things, "p99 of 200 ms", and words like "halved". Bare numbers (years, versions) do not
 * count: a result needs a quantity a listener can picture.
 */
const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|hundreds of|a thousand|thousands of)';
const QUANTITY = new RegExp(
  [
    String.raw`\bp\d{2,3}(?:\.\d)?\s+(?:latency\s+)?(?:(?:of|at|to|from|under|below|around|about|was|is|fell to|dropped to|went to)\s+)?\d[\d,.]*\s?(?:ms|milliseconds?|s|seconds?)\b`,
    String.raw`[$€£]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?\b`,
    String.raw`\b\d[\d,.]*\s?(?:%|percent\b)`,
    String.raw`\b\d+(?:\.\d+)?\s?[x×](?![\p{L}\p{N}])`,
    String.raw`(?:\b\d[\d,.]*\s?(?:k|m|bn)?\s?|\b${NUMBER_WORD}\s+)(?:ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|quarters?|[kmgtp]b|bytes?|rps|qps|req\/s)\b`,
    String.raw`\b\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?\s+(?:[\p{L}-]+\s+)?[\p{L}-]+s\b`,
    String.raw`\b(?:${NUMBER_WORD}|\d+) times (?:faster|slower|more|fewer|less|cheaper|quicker|smaller|bigger|larger)\b`,
    String.raw`\b(?:halved|doubled|tripled|quadrupled|tenfold)\b`,
    String.raw`\bzero\b(?:\s+(?:[\p{L}-]+\s+)?[\p{L}-]+s\b|\s+(?:downtime|data loss)\b)?`,
  ].join('|'),
  'giu',
);

function quantitiesIn(text: string): string[] {
  return [...new Set([...text.matchAll(QUANTITY)].map((m) => m[0].replace(/[\s,.]+$/, '')))];
}

const FIRST_PERSON = /\b(?:i'm|i've|i'd|i'll|i|me|my|mine|myself)\b(?!\/o)/gi;
const FIRST_PERSON_PLURAL = /\b(?:we're|we've|we'd|we'll|we|our|ours|ourselves|us)\b/gi;
const REFLECTION =
  /\b(?:i (?:have )?learn(?:ed|t)|lessons?(?: learned)?|next time|since then|in hindsight|looking back|(?:would|i'd) do (?:it |things |that )?differently|taught me|i now always|i realised|i realized)\b/i;

/** Where a part tends to sit, by relative position 0..1 in the answer: S opens, R closes. */
function positionPrior(part: StarPart, p: number): number {
  switch (part) {
    case 'situation':
      return Math.max(-1.5, 1.2 - 3 * p);
    case 'task':
      return 0.6 - 2.5 * Math.abs(p - 0.25);
    case 'action':
      return 0.6 - 1.5 * Math.abs(p - 0.6);
    case 'result':
      // A result needs a cue: the bias keeps a closing action sentence from becoming one.
      return Math.max(-1.5, 3 * p - 2) - 1.5;
  }
}

function partScore(sentence: string, part: StarPart, p: number): number {
  let score = positionPrior(part, p);
  for (const cue of CUES[part]) if (cue.pattern.test(sentence)) score += cue.weight;
  if (part === 'action' && hasFirstPersonAction(sentence)) score += 1;
  if (part === 'result' && quantitiesIn(sentence).length > 0) score += 2;
  return score;
}

/** Going back to an earlier part (e.g. more situation after the action began) costs this much. */
const BACKWARD_PENALTY = 3;

/**
 * Assigns each sentence a part: the best-scoring sequence under the cue and position scores, where
 * moving forward (S → T → A → R, skipping allowed) is free and moving back is penalised. Sentences
 * under a label may only take the parts the label names.
 */
function assignParts(sentences: { text: string; allowed: readonly StarPart[] }[]): StarPart[] {
  const n = sentences.length;
  if (n === 0) return [];
  const k = STAR_PARTS.length;
  const best: number[][] = [];
  const from: number[][] = [];
  sentences.forEach((sentence, i) => {
    const p = n === 1 ? 0.5 : i / (n - 1);
    const lower = sentence.text.toLowerCase();
    const row: number[] = [];
    const back: number[] = [];
    for (let part = 0; part < k; part++) {
      const emission = sentence.allowed.includes(STAR_PARTS[part]!)
        ? partScore(lower, STAR_PARTS[part]!, p)
        : Number.NEGATIVE_INFINITY;
      if (i === 0) {
        row.push(emission);
        back.push(-1);
        continue;
      }
      let bestPrevious = Number.NEGATIVE_INFINITY;
      let bestIndex = 0;
      for (let previous = 0; previous < k; previous++) {
        const value = best[i - 1]![previous]! - (previous > part ? BACKWARD_PENALTY : 0);
        if (value > bestPrevious) {
          bestPrevious = value;
          bestIndex = previous;
        }
      }
      row.push(emission + bestPrevious);
      back.push(bestIndex);
    }
    best.push(row);
    from.push(back);
  });
  const last = best[n - 1]!;
  let state = last.indexOf(Math.max(...last));
  const parts: StarPart[] = new Array<StarPart>(n);
  for (let i = n - 1; i >= 0; i--) {
    parts[i] = STAR_PARTS[state]!;
    state = from[i]![state]!;
  }
  return parts;
}

/** Action share inside this range counts as balanced (with set-up at most {@link MAX_SETUP_SHARE}). */
export const ACTION_SHARE = { min: 0.35, max: 0.75 } as const;
/** Situation and task together should take at most this share of the words. */
export const MAX_SETUP_SHARE = 0.4;

/**
 * Splits a behavioural answer into Situation, Task, Action and Result and checks what interviewers
 * listen for: all four parts, action dominating, a number in the result, "I" rather than "we", and
 * a lesson.
 *
 * Labels ("Situation:", "**Task.**", "S:", "Action –", at the start of a paragraph or sentence)
 * decide the part of the text after them; unlabelled prose is split by cue phrases ("at my last job"
 * → situation, "I was asked" → task, "I rewrote" → action, "as a result" or a number → result) and
 * position (situation early, result late), keeping the parts in STAR order where it can.
 *
 * The score gives 0.1 for each part present, and 0.15 each for balance, a measurable result,
 * ownership ("I" at least half of the first-person pronouns) and reflection.
 */
export function starFeedback(prompt: BehaviouralPrompt, level: LevelId, answer: string): StarFeedback {
  const labelled: { text: string; labels: StarPart[] | null }[] = [];
  let current: StarPart[] | null = null;
  for (const sentence of sentencesOf(normalise(answer))) {
    const label = parseStarLabel(sentence);
    if (label) current = label.parts;
    const text = label ? label.rest : sentence;
    if (countWords(text) > 0) labelled.push({ text, labels: current });
  }
  const firstLabel = labelled.find((s) => s.labels !== null)?.labels;
  // Text before the first label can only be parts that come before (or are) that label.
  const preamble = firstLabel
    ? STAR_PARTS.slice(0, Math.min(...firstLabel.map((p) => STAR_PARTS.indexOf(p))) + 1)
    : STAR_PARTS;
  const sentences = labelled.map((s) => ({ text: s.text, allowed: s.labels ?? preamble }));
  const assigned = assignParts(sentences);

  const textOf = (part: StarPart) =>
    sentences
      .filter((_, i) => assigned[i] === part)
      .map((s) => s.text)
      .join(' ');
  const partText = Object.fromEntries(STAR_PARTS.map((part) => [part, textOf(part)])) as Record<StarPart, string>;
  const partWords = Object.fromEntries(STAR_PARTS.map((part) => [part, countWords(partText[part])])) as Record<
    StarPart,
    number
  >;
  const words = STAR_PARTS.reduce((sum, part) => sum + partWords[part], 0);
  const share = (part: StarPart) => (words > 0 ? partWords[part] / words : 0);
  const present = (part: StarPart) => partWords[part] > 0;

  const actionShare = share('action');
  const setupShare = share('situation') + share('task');
  const balanced = actionShare >= ACTION_SHARE.min && actionShare <= ACTION_SHARE.max && setupShare <= MAX_SETUP_SHARE;
  const resultNumbers = quantitiesIn(partText.result);
  const measurableResult = resultNumbers.length > 0;
  const all = labelled.map((s) => s.text).join(' ');
  const iCount = all.match(FIRST_PERSON)?.length ?? 0;
  const weCount = (all.match(FIRST_PERSON_PLURAL) ?? []).filter((word) => word !== 'US').length;
  const ratio = iCount + weCount > 0 ? iCount / (iCount + weCount) : 0;
  const reflection = REFLECTION.test(all);

  const score =
    0.1 * STAR_PARTS.filter(present).length +
    0.15 * (Number(balanced) + Number(measurableResult) + Number(ratio >= 0.5) + Number(reflection));

  const tips: string[] = [];
  if (!present('situation'))
    tips.push('Open with the situation in a sentence or two: where you were, the team, and what was at stake.');
  if (!present('task'))
    tips.push('Say what your task was — what you were asked to do or chose to own — before what you did.');
  if (!present('action'))
    tips.push('Describe what you did, step by step and in the first person: that is what the interviewer scores.');
  if (!present('result'))
    tips.push('End with the result: what changed because of your work, ideally with a number, and what you learned.');
  if (present('situation') && setupShare > MAX_SETUP_SHARE)
    tips.push(
      `Shorten the set-up: the situation and task take ${percent(setupShare)} of your answer, and two or three sentences are enough.`,
    );
  if (present('action') && actionShare < ACTION_SHARE.min)
    tips.push(
      `Say more about what you did: the action is only ${percent(actionShare)} of your answer, and it should be about half.`,
    );
  if (present('action') && actionShare > ACTION_SHARE.max && words > 0)
    tips.push(
      `Trim the action to leave room for the situation and the result: it takes ${percent(actionShare)} of your answer.`,
    );
  if (present('result') && !measurableResult)
    tips.push('Put a number on the result — time saved, errors avoided, latency or cost before and after.');
  if (weCount > iCount)
    tips.push(
      `Say "I" for what you did: you said "we" ${weCount} times and "I" ${iCount}, so your own part is hard to hear.`,
    );
  if (present('result') && !reflection)
    tips.push('Close with what you learned or what you would do differently next time.');

  return {
    parts: STAR_PARTS.map((part) => ({
      part,
      present: present(part),
      words: partWords[part],
      share: round2(share(part)),
      excerpt: present(part) ? excerptOf(partText[part]) : null,
    })),
    words,
    actionShare: round2(actionShare),
    balanced,
    measurableResult,
    resultNumbers,
    ownership: { i: iCount, we: weCount, ratio: round2(ratio) },
    reflection,
    score: round2(score),
    tips,
    levelExpectation: prompt.strongAnswer[level],
  };
}

// ---------------------------------------------------------------- system design

/** The words a node kind stands for, so drawing a cache box counts as saying "cache". */
const KIND_WORDS: Record<Diagram['nodes'][number]['kind'], string> = {
  client: 'client',
  service: 'service',
  database: 'database',
  cache: 'cache',
  queue: 'queue',
  storage: 'storage',
  cdn: 'CDN',
  'load-balancer': 'load balancer',
  external: '',
};

const levelRank = (level: LevelId) => LEVEL_IDS.indexOf(level);

/** How many of the interviewer's follow-ups to show at once. */
export const MAX_DESIGN_FOLLOW_UPS = 3;

/**
 * Rubric coverage of a design from the candidate's written text and diagram: each node (its label
 * plus the word for its kind) and each edge label is a separate source, so phrases never match
 * across two boxes.
 *
 * Points above the candidate's level are `stretch`: covered ones are shown, missed ones cost
 * nothing. `score` is the share of expected (non-stretch) points covered, 0 when none is expected.
 * Follow-ups ask about missed expected points, earliest section first, then lowest level.
 */
export function designFeedback(prompt: DesignPrompt, level: LevelId, text: string, diagram: Diagram): DesignFeedback {
  const sources = [
    text,
    ...diagram.nodes.map((node) => `${node.label} ${KIND_WORDS[node.kind]}`),
    ...diagram.edges.map((edge) => edge.label),
  ]
    .filter((source) => source.trim() !== '')
    .map(analyse);

  const points = prompt.rubric.map((point) => ({
    ...coverPoint(sources, point),
    section: point.section,
    level: point.level,
    followUp: point.followUp,
    stretch: levelRank(point.level) > levelRank(level),
  }));
  const expected = points.filter((p) => !p.stretch);
  const covered = expected.filter((p) => p.covered).length;

  const followUps = expected
    .map((point, index) => ({ point, index }))
    .filter(({ point }) => !point.covered)
    .sort(
      (a, b) =>
        DESIGN_SECTIONS.indexOf(a.point.section) - DESIGN_SECTIONS.indexOf(b.point.section) ||
        levelRank(a.point.level) - levelRank(b.point.level) ||
        a.index - b.index,
    )
    .slice(0, MAX_DESIGN_FOLLOW_UPS)
    .map(({ point }) => point.followUp);

  const kinds = new Set(diagram.nodes.map((node) => node.kind));
  return {
    sections: DESIGN_SECTIONS.map((section) => {
      const inSection = expected.filter((p) => p.section === section);
      return { section, covered: inSection.filter((p) => p.covered).length, total: inSection.length };
    }),
    points,
    score: expected.length > 0 ? covered / expected.length : 0,
    followUps,
    diagram: {
      nodes: diagram.nodes.length,
      edges: diagram.edges.length,
      kinds: DIAGRAM_NODE_KINDS.filter((kind) => kinds.has(kind)),
    },
  };
}

// ---------------------------------------------------------------- concept questions

/**
 * The follow-up an interviewer asks after a concept answer: the first follow-up that probes a
 * missed key point (taking key points in the question's order), else the first general follow-up
 * (one that probes nothing), else null.
 */
export function conceptFollowUp(
  question: Pick<Question, 'keyPoints' | 'followUps'>,
  missedPointIds: string[],
): string | null {
  const missed = new Set(missedPointIds);
  for (const point of question.keyPoints) {
    if (!missed.has(point.id)) continue;
    const probe = question.followUps.find((followUp) => followUp.probes === point.id);
    if (probe) return probe.question;
  }
  return question.followUps.find((followUp) => followUp.probes === undefined)?.question ?? null;
}
