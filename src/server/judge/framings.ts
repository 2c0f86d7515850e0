import type { Word } from './language.js';
import { CONDITIONAL_KEYS, inCode, sequenceAt, SUBORDINATORS, THAT } from './negation.js';
import { keyOf, keysOf } from './words.js';

/**
 * What framings, judgements and retractions deny, beyond the words that negate their own clause
 * (`negation.ts`): a framing denies what follows it to the end of the sentence or to a "but" /
 * "however" that turns back ("it's a myth that…", "many people wrongly believe…", "it is false /
 * not the case that…"); a judgement denies back to the start of its clause ("… is irrelevant",
 * "that is untrue"); a list heading ("None of the following is true:", "Common myths:") denies its
 * items; a retraction ("just kidding, the opposite is true") takes back the answer. A fixed list of
 * negating words missed all of these.
 */

/** "An old idea", "the outdated view": a notion called stale is one the writer distances themselves from. */
const STALE = ['old', 'outdated', 'obsolete', 'dated', 'discredited', 'debunked'];
const STALE_NOTIONS = ['idea', 'view', 'belief', 'notion', 'thinking', 'advice', 'assumption', 'wisdom', 'myth'];
const DENIAL_FRAMES: readonly (readonly string[])[] = [
  ['myth', 'that'],
  ['myth', 'be', 'that'],
  ['misconception', 'that'],
  ['misconception', 'be', 'that'],
  ['false', 'that'],
  ['untrue', 'that'],
  ['incorrect', 'that'],
  ['wrong', 'that'],
  ['true', 'that'],
  ['case', 'that'],
  ['wrongly'],
  ['mistakenly'],
  ['falsely'],
  ['erroneously'],
  ['incorrectly', 'believe'],
  ['incorrectly', 'think'],
  ['incorrectly', 'assume'],
  ['none', 'of', 'the', 'following'],
  ['contrary', 'to'],
  // Doubt and distance: "I doubt that…", "people used to think…", "the outdated view that…".
  ...['i', 'we'].flatMap((who) => ['', 'really', 'seriously', 'strongly', 'highly'].map((how) => [who, how, 'doubt'])),
  ...['think', 'believe', 'assume', 'say', 'claim'].flatMap((verb) => [
    ['use', 'to', verb],
    ...['be', 'people', 'we', 'i', 'many'].map((who) => [who, 'once', verb]),
  ]),
  ...STALE.flatMap((stale) => STALE_NOTIONS.map((notion) => [stale, notion, 'that'])),
].map((frame) => frame.filter((w) => w !== ''));
const DENIAL_FRAME_KEYS = DENIAL_FRAMES.map((frame) => frame.map((w) => keyOf(w)));
/** "true that" and "the case that" deny only after a "not": "it is not true that…". */
const NEEDS_NOT = new Set([keyOf('true'), keyOf('case')]);
/** Words that turn back from a framed denial to the writer's own claim. */
const TURNS = keysOf(['but', 'however', 'actually', 'instead', 'rather', 'whereas', 'fact', 'reality', 'truth']);
/**
 * Judgements that, closing a clause after "is", deny what the clause (or, said of "that"/"this",
 * what came before) claims: "… is a myth", "that is untrue", "the idea of X is irrelevant here".
 */
const DENYING_PREDICATES = keysOf([
  'false',
  'untrue',
  'myth',
  'misconception',
  'irrelevant',
  'wrong',
  'incorrect',
  'nonsense',
  'fallacy',
  'fiction',
  'bogus',
  'misleading',
  'outdated',
  'obsolete',
  'antiquated',
  'discredited',
  'debunked',
]);
const STALE_KEYS = keysOf(STALE);
const STALE_NOTION_KEYS = keysOf(STALE_NOTIONS);
/** Words allowed between "is" and the judgement ("is a common myth", "is simply wrong"). */
const JUDGEMENT_FILL = keysOf([
  'a',
  'an',
  'the',
  'common',
  'popular',
  'total',
  'complete',
  'simply',
  'just',
  'totally',
  'completely',
  'plain',
  'big',
  'widespread',
  'dangerous',
  'old',
  'also',
  'entirely',
]);
/** Judgements that deny after a "not": "that is not true", "this isn't right". */
const TRUTH = keysOf(['true', 'right', 'correct', 'accurate', 'case']);
/** Words that may open a sentence before a judgement of the previous one: "Actually, that is wrong." */
const DISCOURSE = keysOf(
  'actually then again honestly frankly well wait hmm no oh sorry ok okay but and though however so um'.split(' '),
);
/** Words after the judgement that still close its clause: "is irrelevant here". */
const CLOSING = keysOf(['here', 'now', 'anyway', 'too', 'though', 'today']);
/** Subjects that point back at what was said before: "that is untrue", "all of this is a myth". */
const POINTING = keysOf([
  'that',
  'this',
  'it',
  'which',
  'all',
  'of',
  'everything',
  'above',
  'the',
  'these',
  'those',
  'claim',
  'statement',
  'idea',
  'so',
]);
/** Words that open a clause of their own: a judgement of the clause after them does not reach before them. */
const CONNECTORS = keysOf([
  'and',
  'but',
  'or',
  'so',
  'because',
  'since',
  'while',
  'whereas',
  'although',
  'though',
  'however',
  'yet',
  'if',
  'when',
  'unless',
]);
const BE = keyOf('be');

/**
 * Marks the words that framings deny (see {@link DENIAL_FRAMES}, {@link DENYING_PREDICATES}):
 * forward from a frame to the end of the sentence, back from a judgement to the start of its
 * clause (across clauses not opened by a connector), or, when the judgement's subject only points
 * back ("That is untrue."), the whole sentence before it, or the previous sentence when it opens one.
 */
export function denyFramed(
  words: Word[],
  from: number,
  to: number,
  text: string,
  code: readonly { start: number; end: number }[],
): void {
  const deny = (a: number, b: number, by: number) => {
    for (let j = a; j < b; j++) words[j]!.negatedBy ??= by;
  };
  for (let i = from; i < to; i++) {
    // `assert.equal(allow(), false)` judges nothing: code is not prose.
    if (inCode(words[i]!, code)) continue;
    // One-word frames are matched as written: "falsely" and "false" share a stem ("false positives").
    const frame = DENIAL_FRAME_KEYS.find((f, n) =>
      f.length === 1 ? words[i]!.text.toLowerCase() === DENIAL_FRAMES[n]![0] : sequenceAt(words, i, to, f),
    );
    if (frame && (!NEEDS_NOT.has(frame[0]!) || words.slice(Math.max(from, i - 3), i).some((w) => w.key === 'not'))) {
      let end = i + frame.length;
      const clauseOnly = frame[0] === keyOf('contrary');
      while (end < to && !TURNS.has(words[end]!.key) && (!clauseOnly || words[end]!.clause === words[i]!.clause)) end++;
      deny(i + frame.length, end, i);
      i = end - 1;
      continue;
    }
    const truth = TRUTH.has(words[i]!.key);
    // "… is an old idea", "that's the outdated view".
    const stale = STALE_NOTION_KEYS.has(words[i]!.key) && STALE_KEYS.has(words[i - 1]?.key ?? '');
    if (!DENYING_PREDICATES.has(words[i]!.key) && !truth && !stale) continue;
    // "… is (a common) myth", "that is not true", closing its clause.
    let be = i - 1;
    let not = false;
    for (; be >= from && words[be]!.clause === words[i]!.clause; be--) {
      if (truth && words[be]!.key === 'not') not = true;
      else if (!JUDGEMENT_FILL.has(words[be]!.key) && !STALE_KEYS.has(words[be]!.key)) break;
    }
    if (truth && !not) continue;
    if (be < from || words[be]!.key !== BE || words[be]!.clause !== words[i]!.clause) continue;
    let after = i + 1;
    while (after < to && CLOSING.has(words[after]!.key) && words[after]!.clause === words[i]!.clause) after++;
    if (after < to && words[after]!.clause === words[i]!.clause) continue;
    let start = be;
    while (start > from && words[start - 1]!.clause === words[i]!.clause) start--;
    // "(even) if you turned out to be wrong" judges a condition, not a claim.
    let head = start;
    while (head < be && EVEN_KEYS.has(words[head]!.key)) head++;
    if (CONDITIONAL_KEYS.has(words[head]!.key)) continue;
    let opening = start;
    while (opening < be && CONNECTORS.has(words[opening]!.key)) opening++;
    const subject = words.slice(opening, be);
    // "… saying which field is wrong", "anything that was wrong": a relative clause describes, it does not deny.
    // So does a subordinate clause: "returns a 400 when the shape is wrong".
    if (subject.some((w, n) => RELATIVES.has(w.key) || SUBORDINATORS.has(w.key) || (n > 0 && w.key === THAT))) continue;
    if (subject.length > 0 && subject.every((w) => POINTING.has(w.key) || w.pos === 'PUNCT')) {
      // "All of these are myths:" heads the list after it (see `denyLists`), not the sentence before.
      if (
        after < to
          ? text.slice(words[after - 1]!.end, words[after]!.start).includes(':')
          : /:\s*$/.test(text.slice(words[i]!.end, words[i]!.end + 3))
      )
        continue;
      // "…, that is untrue." denies the sentence before it; opening a sentence ("Actually, that is
      // not true."), the previous one.
      const opens = words
        .slice(from, start)
        .every((w) => DISCOURSE.has(w.key) || w.pos === 'PUNCT' || w.pos === 'INTJ');
      if (start > from && !opens) deny(from, start, i);
      else if (from > 0) {
        let first = from - 1;
        while (first > 0 && words[first - 1]!.sentence === words[from - 1]!.sentence) first--;
        deny(first, from, i);
      }
      continue;
    }
    // "The claim "X, Y" is a myth": back over clauses that a comma, not a connector, opened (a dash,
    // colon or semicolon ends the claim: "I now measure first — my first theory was wrong").
    while (
      start > from &&
      !CONNECTORS.has(words[start]!.key) &&
      /^[\s,"'*_]*$/.test(text.slice(words[start - 1]!.end, words[start]!.start))
    ) {
      const previous = words[start - 1]!.clause;
      let k = start - 1;
      while (k > from && words[k - 1]!.clause === previous) k--;
      if (CONNECTORS.has(words[k]!.key) || CONDITIONAL_KEYS.has(words[k]!.key)) break;
      start = k;
    }
    deny(start, be, i);
  }
}
const EVEN_KEYS = keysOf(['even', 'only', 'and', 'but', 'or']);
const RELATIVES = keysOf(['which', 'what', 'who', 'whom', 'whose', 'whatever', 'whichever', 'where', 'how', 'why']);

/**
 * Sentences that take back everything said before them: "Just kidding, the opposite is true.",
 * "Actually, everything I just said is wrong.", "I disagree with all of it." Tested on the text as
 * read (normalised); a retracted answer asserts nothing it said before the retraction.
 */
const RETRACTION =
  /\b(?:just kidding|i'm kidding|i am kidding|jk|scratch that|the (?:exact |complete )?(?:opposite|reverse) (?:is|of (?:all )?(?:that|this|the above) is) (?:true|the case|correct)|(?:everything|all(?: of)? (?:that|this|the above|it)|all|what) (?:i'?ve |i )?(?:just |have )?(?:said|wrote|written|typed|claimed)(?: above| so far)? (?:is|was|were) (?:wrong|false|untrue|nonsense|incorrect|a lie|made up|not true)|i (?:strongly |completely |totally )?disagree with (?:all|every ?thing|every word|each)(?: of)?(?: (?:it|that|this|the above|them|these))?|(?:ignore|disregard) (?:all of |everything )?(?:the above|all that|everything i (?:just )?(?:said|wrote)|what i (?:just )?(?:said|wrote))|none of (?:this|that|the above|it|what i said) is (?:true|right|correct|accurate))\b/i;

/** Nouns that, heading a list ("Common myths:", "Three misconceptions:"), deny its items. */
const LIST_DENIALS = keysOf(['myth', 'misconception', 'fallacy', 'falsehood', 'lie']);
const NONE_OF = keysOf(['none', 'neither']);
const OF = keyOf('of');
const BULLET_LINE = /(?:^|\n)[ \t]*(?:[-*+•]|\d+[.)])[ \t]+$/;
const PARAGRAPH_BREAK = /\n\s*\n/;

/**
 * Where a sentence heads a list it denies — "None of the following is true:", "All of these are
 * myths:", "Common misconceptions:", "Things that are not true:" — the denial covers the whole list:
 * what follows the colon in its sentence, then the bullets after it, or the sentences of its
 * paragraph (the paragraph after it, when the heading ends one), up to a sentence that turns back
 * ("In reality…", "But…"). A framing read sentence by sentence denied only its own sentence.
 */
export function denyLists(
  words: Word[],
  sentences: readonly { start: number; end: number; from: number; to: number }[],
  text: string,
  code: readonly { start: number; end: number }[],
): void {
  sentences.forEach((sentence, n) => {
    const head = listHead(words, sentence, text, code);
    if (head === null) return;
    const { by, colon } = head;
    for (let j = sentence.from; j < sentence.to; j++) if (words[j]!.start > colon) words[j]!.negatedBy ??= by;
    const bulleted = (k: number) =>
      BULLET_LINE.test(text.slice(Math.max(0, sentences[k]!.start - 40), sentences[k]!.start));
    const endsParagraph = (k: number) =>
      k + 1 < sentences.length && PARAGRAPH_BREAK.test(text.slice(sentences[k]!.end, sentences[k + 1]!.start));
    let opened = !/\S/.test(text.slice(colon + 1, sentence.end).replace(/[*_]/g, '')) && endsParagraph(n);
    for (let k = n + 1; k < sentences.length; k++) {
      const next = sentences[k]!;
      const first = words[next.from]!;
      if (TURNS.has(first.key) || DISCOURSE_TURNS.has(first.key)) return;
      const bullet = bulleted(k);
      const broken = endsParagraph(k - 1);
      // Bullets run on across blank lines; a paragraph of sentences ends the list where it ends.
      if (broken && !bullet && !opened) return;
      if (!bullet && bulleted(k - 1) && k - 1 > n) return;
      opened = false;
      for (let j = next.from; j < next.to; j++) words[j]!.negatedBy ??= by;
    }
  });
}
/** Words that name the items of a list as the subject of its heading's judgement. */
const LIST_SUBJECTS = new Set([
  ...POINTING,
  ...keysOf('following below statement claim thing item point idea belief each every one that which'.split(' ')),
]);
/** Words after "none of" that point at the list it heads: "the following", "these", "the claims below". */
const LIST_POINTERS = keysOf('following these those them below statement claim'.split(' '));
function pointsAtList(words: readonly Word[], i: number): boolean {
  const next = words[i]?.key === 'the' ? words[i + 1] : words[i];
  return next !== undefined && LIST_POINTERS.has(next.key);
}

/** Openings of a sentence that turn back from a denied list to the writer's own claims. */
const DISCOURSE_TURNS = keysOf(['reality', 'truth', 'fact', 'really', 'correct', 'right']);

/** The word that makes a sentence a denying list heading, and the offset of its colon; null when it is none. */
function listHead(
  words: readonly Word[],
  sentence: { start: number; end: number; from: number; to: number },
  text: string,
  code: readonly { start: number; end: number }[],
): { by: number; colon: number } | null {
  const colon = text.slice(sentence.start, sentence.end).lastIndexOf(':');
  if (colon < 0) return null;
  const at = sentence.start + colon;
  if (code.some((span) => at >= span.start && at < span.end)) return null;
  let end = sentence.from;
  while (end < sentence.to && words[end]!.end <= at) end++;
  if (end === sentence.from) return null;
  const verbless = !words.slice(sentence.from, end).some((w) => w.pos === 'VERB' || w.pos === 'AUX');
  for (let i = sentence.from; i < end; i++) {
    const word = words[i]!;
    if (TURNS.has(word.key)) return null;
    if (inCode(word, code)) continue;
    // "None of the following is true:", "Neither of these holds:".
    if (NONE_OF.has(word.key) && words[i + 1]?.key === OF && pointsAtList(words, i + 2)) return { by: i, colon: at };
    // "Common misconceptions:", "Three myths about ACID:".
    if (verbless && LIST_DENIALS.has(word.key)) return { by: i, colon: at };
    // "All of these are myths:", "Things that are not true:".
    const truth = TRUTH.has(word.key);
    if (!DENYING_PREDICATES.has(word.key) && !LIST_DENIALS.has(word.key) && !truth) continue;
    let be = i - 1;
    let not = false;
    for (; be >= sentence.from; be--) {
      if (truth && words[be]!.key === 'not') not = true;
      else if (!JUDGEMENT_FILL.has(words[be]!.key)) break;
    }
    // The judgement must be of the list: "All of these are…", "The following claims are…", "Things that are…".
    const subject = words.slice(sentence.from, Math.max(sentence.from, be));
    if (
      be >= sentence.from &&
      words[be]!.key === BE &&
      (!truth || not) &&
      subject.every((w) => LIST_SUBJECTS.has(w.key) || w.pos === 'PUNCT' || w.pos === 'DET')
    )
      return { by: i, colon: at };
  }
  return null;
}

/**
 * Where the answer takes back what it said (see {@link RETRACTION}): every word before the
 * retraction is marked denied, and the index of the first word of the retraction returned, else null.
 */
export function retract(
  words: Word[],
  sentences: readonly { start: number; end: number; from: number }[],
  text: string,
): number | null {
  for (const sentence of sentences) {
    const match = RETRACTION.exec(text.slice(sentence.start, sentence.end));
    if (!match) continue;
    const at = sentence.start + match.index;
    let first = sentence.from;
    while (first < words.length && words[first]!.start < at) first++;
    for (let j = 0; j < first; j++) words[j]!.negatedBy ??= first;
    return first;
  }
  return null;
}
