import type { Word } from './language.js';
import { keyOf, keysOf, sequenceAt } from './words.js';

/**
 * What denies a stretch of an answer without a negating word of its own: framings ("it's a myth
 * that…", "… is untrue") and retractions ("Just kidding, the opposite is true"). The scope of "not",
 * "no", hedges and disclaimers is `negation.ts`.
 */

/**
 * Framings that deny what follows them to the end of the sentence (or to a "but"/"however" that
 * turns back): "it's a myth that…", "many people wrongly believe…", "it is false / not the case
 * that…", "none of the following is true:". A fixed list of negating words missed all of these.
 */
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
].map((frame) => frame.map((w) => keyOf(w)));
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
]);
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
export function denyFramed(words: Word[], from: number, to: number): void {
  const deny = (a: number, b: number, by: number) => {
    for (let j = a; j < b; j++) words[j]!.negatedBy ??= by;
  };
  for (let i = from; i < to; i++) {
    const frame = DENIAL_FRAMES.find((f) => sequenceAt(words, i, to, f));
    if (frame && (!NEEDS_NOT.has(frame[0]!) || words.slice(Math.max(from, i - 3), i).some((w) => w.key === 'not'))) {
      let end = i + frame.length;
      const clauseOnly = frame[0] === keyOf('contrary');
      while (end < to && !TURNS.has(words[end]!.key) && (!clauseOnly || words[end]!.clause === words[i]!.clause)) end++;
      deny(i + frame.length, end, i);
      i = end - 1;
      continue;
    }
    if (!DENYING_PREDICATES.has(words[i]!.key)) continue;
    // "… is (a common) myth", closing its clause.
    let be = i - 1;
    while (be >= from && JUDGEMENT_FILL.has(words[be]!.key) && words[be]!.clause === words[i]!.clause) be--;
    if (be < from || words[be]!.key !== BE || words[be]!.clause !== words[i]!.clause) continue;
    let after = i + 1;
    while (after < to && CLOSING.has(words[after]!.key) && words[after]!.clause === words[i]!.clause) after++;
    if (after < to && words[after]!.clause === words[i]!.clause) continue;
    let start = be;
    while (start > from && words[start - 1]!.clause === words[i]!.clause) start--;
    if (CONDITIONAL_KEYS.has(words[start]!.key)) continue;
    let opening = start;
    while (opening < be && CONNECTORS.has(words[opening]!.key)) opening++;
    const subject = words.slice(opening, be);
    // "… saying which field is wrong", "anything that was wrong": a relative clause describes, it does not deny.
    if (subject.some((w, n) => RELATIVES.has(w.key) || (n > 0 && w.key === THAT))) continue;
    if (subject.every((w) => POINTING.has(w.key) || w.pos === 'PUNCT')) {
      // "…, that is untrue." denies the sentence before it; opening a sentence, the previous one.
      if (start > from) deny(from, start, i);
      else if (from > 0) {
        let first = from - 1;
        while (first > 0 && words[first - 1]!.sentence === words[from - 1]!.sentence) first--;
        deny(first, from, i);
      }
      continue;
    }
    // "The claim "X, Y" is a myth": back over clauses that a comma, not a connector, opened.
    while (start > from && !CONNECTORS.has(words[start]!.key)) {
      const previous = words[start - 1]!.clause;
      let k = start - 1;
      while (k > from && words[k - 1]!.clause === previous) k--;
      if (CONNECTORS.has(words[k]!.key) || CONDITIONAL_KEYS.has(words[k]!.key)) break;
      start = k;
    }
    deny(start, be, i);
  }
}
const CONDITIONAL_KEYS = keysOf(['if', 'when', 'whenever', 'unless', 'once']);
const RELATIVES = keysOf(['which', 'what', 'who', 'whom', 'whose', 'whatever', 'whichever', 'where', 'how', 'why']);
const THAT = keyOf('that');

/**
 * Sentences that take back everything said before them: "Just kidding, the opposite is true.",
 * "Actually, everything I just said is wrong.", "I disagree with all of it." Tested on the text as
 * read (normalised); a retracted answer asserts nothing it said before the retraction.
 */
const RETRACTION =
  /\b(?:just kidding|i'm kidding|i am kidding|jk|scratch that|the (?:exact |complete )?(?:opposite|reverse) (?:is|of (?:all )?(?:that|this|the above) is) (?:true|the case|correct)|(?:everything|all(?: of)? (?:that|this|the above|it)|all|what) (?:i'?ve |i )?(?:just |have )?(?:said|wrote|written|typed|claimed)(?: above| so far)? (?:is|was|were) (?:wrong|false|untrue|nonsense|incorrect|a lie|made up|not true)|i (?:strongly |completely |totally )?disagree with (?:all|every ?thing|every word|each)(?: of)?(?: (?:it|that|this|the above|them|these))?|(?:ignore|disregard) (?:all of |everything )?(?:the above|all that|everything i (?:just )?(?:said|wrote)|what i (?:just )?(?:said|wrote))|none of (?:this|that|the above|it|what i said) is (?:true|right|correct|accurate))\b/i;

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
