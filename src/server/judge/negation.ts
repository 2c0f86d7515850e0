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
  denyFramed(words, from, to, text, code);
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
const SUBORDINATORS = keysOf(
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

function inCode(word: Word, code: readonly { start: number; end: number }[]): boolean {
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
 * Framings that deny what follows them to the end of the sentence (or to a "but"/"however" that
 * turns back): "it's a myth that…", "many people wrongly believe…", "it is false / not the case
 * that…", "none of the following is true:". A fixed list of negating words missed all of these.
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
function denyFramed(
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
const CONDITIONAL_KEYS = keysOf(['if', 'when', 'whenever', 'unless', 'once']);
const EVEN_KEYS = keysOf(['even', 'only', 'and', 'but', 'or']);
const RELATIVES = keysOf(['which', 'what', 'who', 'whom', 'whose', 'whatever', 'whichever', 'where', 'how', 'why']);
const THAT = keyOf('that');

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
