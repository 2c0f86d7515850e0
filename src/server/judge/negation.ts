import type { Word } from './language.js';
import { keyOf, keysOf } from './words.js';

/**
 * What each negation, hedge and disclaimer in a sentence covers, decided by part of speech rather
 * than by wink's own negation flags: those are made for sentiment, treat "prevent" and "stop" as
 * negations, and reach to the next punctuation, so "parameterised queries prevent SQL injection"
 * would read as a denial and "without an index the database scans every row" would deny the scan.
 */

/**
 * Words that negate the rest of their clause ("does not", "never", "can't"), with those of the
 * languages candidates mix into English answers ("Atomicity heißt nicht all or nothing"; accents
 * are stripped before reading, so "não" is "nao").
 */
const CLAUSE_NEGATORS = [
  'not',
  'never',
  'nor',
  'neither',
  'nicht',
  'kein',
  'keine',
  'keinen',
  'keinem',
  'keiner',
  'niemals',
  'ne',
  'pas',
  'jamais',
  'nao',
  'nunca',
  'niet',
  'geen',
  'nooit',
];
/** Words that negate the noun phrase after them ("no index", "without a key"), or as a subject the clause. */
const PHRASE_NEGATORS = ['no', 'without', 'none', 'nothing', 'nobody', 'nowhere'];
const SUBJECT_NEGATORS = ['no', 'none', 'nothing', 'nobody', 'neither'];
/** After "no", these make the negation cover the clause: "no need for an idempotent consumer". */
const NO_WHAT = ['need', 'point', 'reason', 'benefit', 'use', 'way'];
/**
 * Predicates that, negated, deny their subject too: "HttpOnly doesn't matter", "the salt is not
 * needed", "indexes are not useful here".
 */
const VALUE_PREDICATES = [
  'matter',
  'need',
  'necessary',
  'required',
  'help',
  'work',
  'useful',
  'important',
  'relevant',
  'apply',
  'exist',
  'enough',
  'sufficient',
  'secure',
  'safe',
  'true',
  'possible',
];
/** Key sequences that open a stretch where the candidate disclaims knowledge. */
const DISCLAIMERS: readonly (readonly string[])[] = [
  ['no', 'idea'],
  ['no', 'clue'],
  ['not', 'know'],
  ['not', 'sure'],
  ['not', 'certain'],
  ['not', 'familiar'],
  ['not', 'remember'],
  ['never', 'heard'],
  ['never', 'learned'],
  ['never', 'used'],
  ['never', 'worked', 'with'],
  ['never', 'designed'],
  ['never', 'built'],
  ['not', 'designed'],
  ['not', 'built'],
  ['not', 'understand'],
  ['unfamiliar'],
  ['unsure'],
  ['forget'],
  ['forgot'],
  ['clueless'],
];
/** Key sequences that hedge the rest of their clause. */
const HEDGES: readonly (readonly string[])[] = [
  ['maybe'],
  ['perhaps'],
  ['possibly'],
  ['i', 'guess'],
  ['i', 'suppose'],
  ['guess'],
  ['wonder'],
  ['not', 'sure'],
  ['might', 'be'],
  ['could', 'be'],
  ['some', 'say'],
  ['some', 'people', 'say'],
  ['some', 'claim'],
  ['some', 'people', 'claim'],
  ['supposedly'],
  ['arguably'],
];
/** Words a candidate may open a sentence with before disclaiming: "Honestly, no idea". */
const OPENERS = new Set(['honestly', 'frankly', 'well', 'um', 'uh', 'sorry', 'tbh', 'i', 'im', "i'm", 'really']);

const CLAUSE_NEGATOR_KEYS = keysOf(CLAUSE_NEGATORS);
const PHRASE_NEGATOR_KEYS = keysOf(PHRASE_NEGATORS);
const SUBJECT_NEGATOR_KEYS = keysOf(SUBJECT_NEGATORS);
const NO_WHAT_KEYS = keysOf(NO_WHAT);
const VALUE_PREDICATE_KEYS = keysOf(VALUE_PREDICATES);
const DISCLAIMER_KEYS = DISCLAIMERS.map((d) => d.map((w) => keyOf(w)));
/** Said inside a disclaimer, these leave it one: "I don't really know", "not quite sure", "never actually used". */
const DEGREE_KEYS = keysOf([
  'really',
  'quite',
  'totally',
  'entirely',
  'fully',
  'exactly',
  'actually',
  'honestly',
  'even',
  'too',
  '100%',
]);
const HEDGE_KEYS = HEDGES.map((h) => h.map((w) => keyOf(w)));
const OPENER_KEYS = keysOf([...OPENERS]);
const COORDINATORS = new Set(['and', 'or']);

const NOUN_PHRASE = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'ADV', 'PART', 'X']);
const VERB = new Set(['VERB', 'AUX']);

/**
 * Marks what each negation, hedge and disclaimer covers, by part of speech:
 * - "not", "never", "n't" reach to the end of their clause, or to an "and"/"or" that opens a new
 *   subject ("pg_dump isn't enough and a replica would…"); negating a value ("doesn't matter",
 *   "is not needed") also denies the subject before it.
 * - "no", "none", "nothing", "nobody" before the clause's first verb negate the clause ("nothing is
 *   applied"), as does "no need/point/reason"; otherwise they, and "without", negate only the noun
 *   phrase that follows ("there is no index, so…", "without an index the database scans every row").
 * - A disclaimer said by the candidate ("I don't know", "no idea", "never heard of") covers the rest
 *   of the sentence; a hedge ("maybe", "I guess") the rest of its clause.
 */
export function scopeNegations(words: Word[], from: number, to: number, text: string): void {
  // "no-cache", "If-None-Match", "non-blocking": a negator inside a hyphenated name negates nothing.
  const inCompound = (word: Word) => text[word.start - 1] === '-' || text[word.end] === '-';
  const negateForward = (i: number) => {
    for (let j = i + 1; j < to && words[j]!.clause === words[i]!.clause; j++) {
      const word = words[j]!;
      if (
        COORDINATORS.has(word.text.toLowerCase()) &&
        j + 1 < to &&
        (words[j + 1]!.pos === 'DET' || words[j + 1]!.pos === 'PRON')
      )
        break;
      word.negatedBy ??= i;
    }
  };
  for (let i = from; i < to; i++) {
    const word = words[i]!;
    if (inCompound(word)) continue;
    const subject =
      SUBJECT_NEGATOR_KEYS.has(word.key) &&
      !words.slice(from, i).some((w) => w.clause === word.clause && VERB.has(w.pos));
    const noNeed = word.key === 'no' && i + 1 < to && NO_WHAT_KEYS.has(words[i + 1]!.key);
    if (CLAUSE_NEGATOR_KEYS.has(word.key) || subject || noNeed) {
      negateForward(i);
      const value = words
        .slice(i + 1, Math.min(to, i + 4))
        .some((w) => w.clause === word.clause && VALUE_PREDICATE_KEYS.has(w.key));
      if (value) for (let j = i - 1; j >= from && words[j]!.clause === word.clause; j--) words[j]!.negatedBy ??= i;
    } else if (PHRASE_NEGATOR_KEYS.has(word.key)) {
      let sawNoun = false;
      for (let j = i + 1; j < to && words[j]!.clause === word.clause; j++) {
        const next = words[j]!;
        const noun = next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'NUM';
        if (sawNoun && !noun) break;
        if (!NOUN_PHRASE.has(next.pos) && next.key !== 'of') break;
        next.negatedBy ??= i;
        sawNoun ||= noun;
      }
    }
  }
  for (let i = from; i < to; i++) {
    // "don't know" is do + n't + know: a disclaimer may open on the auxiliary.
    const at = VERB.has(words[i]!.pos) && words[i + 1]?.key === 'not' ? i + 1 : i;
    const disclaimer = DISCLAIMER_KEYS.find((d) => sequenceAt(words, at, to, d, DEGREE_KEYS));
    // "Never use MD5" is advice; "I've never used EXPLAIN" is a disclaimer: "never …" needs its "I".
    const needsI = disclaimer?.[0] === 'never';
    if (disclaimer && (needsI ? saidByCandidate(words, from, i, true) : saidByCandidate(words, from, i))) {
      for (let j = i; j < to; j++) words[j]!.disclaimed = true;
    }
    // One-word hedges are matched as written: "possible" must not read as "possibly".
    const hedge = HEDGE_KEYS.find((h, n) =>
      h.length === 1 ? words[at]!.text.toLowerCase() === HEDGES[n]![0] : sequenceAt(words, at, to, h),
    );
    if (hedge) {
      // Opening its sentence ("Maybe X, so Y"), a hedge hedges all of it; later, the rest of its clause.
      const whole = opensSentence(words, from, at);
      for (let j = at + hedge.length; j < to && (whole || words[j]!.clause === words[at]!.clause); j++)
        words[j]!.hedged = true;
    }
  }
  denyFramed(words, from, to);
}

/** Whether only openers ("Honestly,", "I think", "Well") come before word `i` in its sentence. */
function opensSentence(words: readonly Word[], from: number, i: number): boolean {
  return words
    .slice(from, i)
    .every((w) => OPENER_KEYS.has(w.key) || THINK_KEYS.has(w.key) || w.pos === 'INTJ' || w.pos === 'PUNCT');
}
const THINK_KEYS = keysOf(['think', 'believe', 'feel', 'so', 'and', 'but', 'then']);

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
function denyFramed(words: Word[], from: number, to: number): void {
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

/**
 * A disclaimer counts when the candidate says it of themselves — "I don't know…", "Honestly, no
 * idea" — not when the answer describes someone else ("the client doesn't know whether…").
 */
function saidByCandidate(words: readonly Word[], from: number, i: number, explicitly = false): boolean {
  for (let j = i - 1; j >= Math.max(from, i - 3); j--) {
    const text = words[j]!.text.toLowerCase();
    if (text === 'i' || text === "i'm" || text === 'im' || text === "i've" || text === 'ive') return true;
  }
  if (explicitly) return false;
  return words.slice(from, i).every((w) => OPENER_KEYS.has(w.key) || w.pos === 'INTJ' || w.pos === 'PUNCT');
}

/** Whether `keys` occur from word `i` on, in order, with only `skipping` words between them. */
function sequenceAt(
  words: readonly Word[],
  i: number,
  to: number,
  keys: readonly string[],
  skipping: ReadonlySet<string> = new Set(),
): boolean {
  let j = i;
  for (const [k, key] of keys.entries()) {
    if (k > 0) while (j < to && skipping.has(words[j]!.key)) j++;
    if (j >= to || words[j]!.key !== key) return false;
    j++;
  }
  return true;
}

/** Whether a word negates (for phrases that carry their own negation, such as "does not lose"). */
export function negates(word: Pick<Word, 'key'>): boolean {
  return CLAUSE_NEGATOR_KEYS.has(word.key) || PHRASE_NEGATOR_KEYS.has(word.key);
}
