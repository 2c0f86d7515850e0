import type { Word } from './language.js';
import { keyOf, keysOf, sequenceAt } from './words.js';

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

/** Whether a word negates (for phrases that carry their own negation, such as "does not lose"). */
export function negates(word: Pick<Word, 'key'>): boolean {
  return CLAUSE_NEGATOR_KEYS.has(word.key) || PHRASE_NEGATOR_KEYS.has(word.key);
}
