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
  'involved',
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
const NOUNS = new Set(['NOUN', 'PROPN']);

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
export function scopeNegations(
  words: Word[],
  from: number,
  to: number,
  text: string,
  code: readonly { start: number; end: number }[] = [],
): void {
  const clauseStart = (i: number) => {
    let first = i;
    while (first > from && words[first - 1]!.clause === words[i]!.clause) first--;
    return first;
  };
  const commaBefore = (j: number) => text.slice(words[j - 1]!.end, words[j]!.start).includes(',');
  const negateForward = (i: number) => {
    // "If it cannot, PostgreSQL refuses writes": a negation inside a condition ends with it.
    const conditional = CONDITIONAL_KEYS.has(words[clauseStart(i)]!.key);
    // "Keys not listed are dropped": a negated participle after its noun ends at the clause's own verb.
    const reduced = i > from && NOUNS.has(words[i - 1]!.pos) && words[i + 1]?.pos === 'VERB';
    for (let j = i + 1; j < to && words[j]!.clause === words[i]!.clause; j++) {
      const word = words[j]!;
      if (conditional && commaBefore(j)) break;
      if (reduced && j > i + 1 && VERB.has(word.pos)) break;
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
    if (writtenAsName(words, i, from, text, code)) continue;
    const subject =
      SUBJECT_NEGATOR_KEYS.has(word.key) &&
      !words.slice(from, i).some((w) => w.clause === word.clause && VERB.has(w.pos));
    const noNeed = word.key === 'no' && i + 1 < to && NO_WHAT_KEYS.has(words[i + 1]!.key);
    const unrelated = word.key === NOTHING && sequenceAt(words, i + 1, to, UNRELATED_KEYS);
    if (CLAUSE_NEGATOR_KEYS.has(word.key) || subject || noNeed || unrelated) {
      negateForward(i);
      const value = words
        .slice(i + 1, Math.min(to, i + 4))
        .some((w) => w.clause === word.clause && VALUE_PREDICATE_KEYS.has(w.key));
      if (value || unrelated || clefted(words, i, to)) denySubject(words, i, from, commaBefore);
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
}

/**
 * A negator that is part of a name or of code negates nothing: "no-cache", "If-None-Match" and
 * "non-blocking" (hyphenated), `rejectUnauthorized: false` and `WHERE NOT EXISTS` in code, SQL's
 * "NOT NULL" beside another upper-case keyword, and "404 Not Found" in title case mid-sentence.
 * "This is NOT true", in capitals for emphasis, still negates.
 */
function writtenAsName(
  words: readonly Word[],
  i: number,
  from: number,
  text: string,
  code: readonly { start: number; end: number }[],
): boolean {
  const word = words[i]!;
  if (text[word.start - 1] === '-' || text[word.end] === '-') return true;
  if (inCode(word, code)) return true;
  const keyword = (w: Word | undefined) => w !== undefined && /^[A-Z]{2,}$/.test(w.text) && w.text !== 'NOT';
  if (word.text === 'NOT' && (keyword(words[i - 1]) || keyword(words[i + 1]))) return true;
  return word.text === 'Not' && i > from && /^[A-Z][a-z]/.test(words[i + 1]?.text ?? '');
}

const NOTHING = keyOf('nothing');
/** "X has nothing to do with Y" denies X as it denies Y. */
const UNRELATED_KEYS = ['to', 'do', 'with'].map((w) => keyOf(w));
/** After a negation, these open a cleft that identifies its subject: "B-trees aren't what an index uses". */
const CLEFT_WORDS = keysOf(['what', 'how', 'why', 'where', 'who', 'which']);
const CLEFT_NOUNS = keysOf(['one', 'thing', 'reason', 'way', 'cause', 'answer', 'point', 'part', 'source']);
const CLEFT_SKIPPED = keysOf(['exactly', 'really', 'actually', 'even', 'necessarily', 'just', 'quite']);

/** Whether the negation at `i` opens a cleft ("is not what…", "isn't the reason…"), which denies its subject. */
function clefted(words: readonly Word[], i: number, to: number): boolean {
  let j = i + 1;
  while (j < to && CLEFT_SKIPPED.has(words[j]!.key)) j++;
  const next = words[j];
  if (!next || next.clause !== words[i]!.clause) return false;
  return CLEFT_WORDS.has(next.key) || (next.key === 'the' && CLEFT_NOUNS.has(words[j + 1]?.key ?? ''));
}

const SUBJECT_POS = new Set([...NOUN_PHRASE, 'PRON', 'ADP']);
/** Words that open a subordinate clause: the subject of a predicate inside it comes after them. */
export const SUBORDINATORS = keysOf(
  'which who whom whose when whenever where wherever if unless because since while whereas although though until once whether'.split(
    ' ',
  ),
);

/**
 * Marks as denied the subject of the predicate a negation at `i` denies ("the salt" in "the salt
 * is not needed", "HttpOnly" in "HttpOnly doesn't matter"): the noun phrase just before the
 * auxiliaries, which ends at a relative pronoun ("anything that does not exist" denies nothing
 * before "that") and at an earlier noun phrase ("Across several instances, an in-process lock is
 * not enough" does not deny the instances). A predicate with no subject in its clause takes the
 * sentence's opening noun phrase across a parenthesis: "Indexes, contrary to belief, are not what
 * speeds up reads".
 */
function denySubject(words: readonly Word[], i: number, from: number, commaBefore: (j: number) => boolean): void {
  const clause = words[i]!.clause;
  let j = i - 1;
  for (; j >= from && words[j]!.clause === clause && (words[j]!.pos === 'AUX' || words[j]!.key === 'not'); j--)
    words[j]!.negatedBy ??= i;
  if (j < from || words[j]!.clause !== clause) {
    const opening = words.slice(from, i).filter((w) => w.clause === words[from]!.clause);
    if (words[from]!.clause !== clause && opening.every((w) => NOUN_PHRASE.has(w.pos) || w.pos === 'PUNCT'))
      for (const w of opening) w.negatedBy ??= i;
    return;
  }
  for (; j >= from && words[j]!.clause === clause && SUBJECT_POS.has(words[j]!.pos); j--) {
    const word = words[j]!;
    if (SUBORDINATORS.has(word.key) || (word.key === THAT && j > from && words[j - 1]!.clause === clause)) return;
    word.negatedBy ??= i;
    // A determiner opens the noun phrase: a noun before it ends another one ("instances an in-process lock").
    const before = words[j - 1];
    if (word.pos === 'DET' && before?.clause === clause && before.pos !== 'ADP') return;
    if (j > from && commaBefore(j)) return;
  }
}

export function inCode(word: Word, code: readonly { start: number; end: number }[]): boolean {
  return code.some((span) => word.start >= span.start && word.end <= span.end);
}

/** Whether only openers ("Honestly,", "I think", "Well") come before word `i` in its sentence. */
function opensSentence(words: readonly Word[], from: number, i: number): boolean {
  return words
    .slice(from, i)
    .every((w) => OPENER_KEYS.has(w.key) || THINK_KEYS.has(w.key) || w.pos === 'INTJ' || w.pos === 'PUNCT');
}
const THINK_KEYS = keysOf(['think', 'believe', 'feel', 'so', 'and', 'but', 'then']);

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
export function sequenceAt(
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

/** Words that make what follows a condition: a negation or judgement inside one asserts nothing. */
export const CONDITIONAL_KEYS = keysOf(['if', 'when', 'whenever', 'unless', 'once']);
export const THAT = keyOf('that');
