import { stemmer } from 'stemmer';
import winkNLP, { type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * The one reading of English text that every judge in this folder shares: blocks, sentences and
 * clauses, and per word its comparison key, part of speech and whether it sits inside a negated,
 * hedged or "I don't know" stretch.
 *
 * wink-nlp tokenises, splits sentences and tags parts of speech. Negation scope is decided here from
 * those parts of speech rather than from wink's own negation flags: those are made for sentiment,
 * treat "prevent" and "stop" as negations, and reach to the next punctuation, so "parameterised
 * queries prevent SQL injection" would read as a denial and "without an index the database scans
 * every row" would deny the scan.
 */

// Sentence boundaries and parts of speech are all the judge needs; skipping NER and sentiment halves the cost.
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

export interface Word {
  /** The word as written. */
  text: string;
  /** Comparison key, the same for every spelling and form of a word (see {@link keyOf}). */
  key: string;
  pos: string;
  /** Character offsets into the analysed text. */
  start: number;
  end: number;
  sentence: number;
  clause: number;
  /** A word the matcher skips (articles, auxiliaries, pronouns…); never a word that carries meaning. */
  filler: boolean;
  /** Index (into `words`) of the negating word whose scope covers this word, if any. */
  negatedBy: number | null;
  /** Inside "maybe", "I guess", "not sure if" and the like. */
  hedged: boolean;
  /** Inside "I don't know", "never heard of", "no idea": the candidate disclaims what follows. */
  disclaimed: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  /** Indexes into `words`, first and one past last. */
  from: number;
  to: number;
}

export interface Analysis {
  text: string;
  words: Word[];
  sentences: Sentence[];
  /** Number of clauses; `Word.clause` indexes them. */
  clauses: number;
}

/**
 * Words that add nothing to what a key-point phrase means. Deliberately short: negations,
 * quantifiers and relations (no, not, all, nothing, only, same, too, many, per, before, after, up,
 * down, over, without…) are NOT here, because "all or nothing" and "too many indexes" mean what
 * those words say. Claims keep some of these (see {@link CLAIM_WORDS}).
 */
export const FILLER_WORDS = new Set(
  (
    "a an the this that these those it its it's they them their theirs he him his she her hers we us our ours i me my mine you your yours " +
    'be is are was were been being am do does did done doing have has had having will would shall should can could may might must ' +
    'of to in on at by for from with as into onto upon about via than then there here so such just very really quite also ' +
    'and or either which who whom whose what whatever when where how why whether if while get gets got getting'
  ).split(' '),
);

/**
 * Small words that carry a claim: "POST **is** idempotent", "the salt **must** be secret". A wrong
 * claim's phrase keeps them, so "give POSTs an Idempotency-Key" does not read as "POST is
 * idempotent".
 */
const CLAIM_WORD_LIST = ['be', 'can', 'must', 'should', 'may'];

/** Words that negate the rest of their clause ("does not", "never", "can't"). */
const CLAUSE_NEGATORS = ['not', 'never', 'nor', 'neither'];
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
/** Words that end a clause (and every negation or hedge scope with it). */
const CLAUSE_BREAKS = new Set([
  'but',
  'whereas',
  'while',
  'whilst',
  'although',
  'though',
  'however',
  'yet',
  'instead',
  'unlike',
  'except',
  'otherwise',
  'because',
  'since',
  'so',
]);
/** Punctuation that ends a clause when followed by a space (so "e.g.", "1,200" and "JSON.parse" do not). */
const BREAK_PUNCTUATION = new Set([',', ';', ':', '(', ')', '[', ']', '—', '–', '!', '?', '.']);
/** A clause opened by one of these runs on past its first comma: "If readiness fails, the pod is restarted". */
const CONDITIONALS = new Set(['if', 'when', 'whenever', 'once', 'unless', 'after', 'before', 'until']);

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
];
/** Words a candidate may open a sentence with before disclaiming: "Honestly, no idea". */
const OPENERS = new Set(['honestly', 'frankly', 'well', 'um', 'uh', 'sorry', 'tbh', 'i', 'im', "i'm", 'really']);

const BLANK_LINE = /\n\s*\n/;
const BULLET = /^\s*(?:[-*+•>]|\d+[.)]|#{1,6})\s+/;

/**
 * Splits text into blocks that sentence splitting must not cross: paragraphs, bullets and headings
 * start a block; other line breaks are hard wrapping inside a paragraph. Returns offsets.
 */
export function blocksOf(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  let offset = 0;
  for (const paragraph of text.split(BLANK_LINE)) {
    const start = text.indexOf(paragraph, offset);
    offset = start + paragraph.length;
    let blockStart = start;
    let lineStart = start;
    for (const line of paragraph.split('\n')) {
      const at = text.indexOf(line, lineStart);
      if (at > blockStart && BULLET.test(line)) {
        blocks.push({ start: blockStart, end: at });
        blockStart = at;
      }
      lineStart = at + line.length;
    }
    blocks.push({ start: blockStart, end: start + paragraph.length });
  }
  return blocks.filter((block) => text.slice(block.start, block.end).trim() !== '');
}

const BRITISH = /is(e|es|ed|ing|ation|ations|er|ers)$/;
const BRITISH_EXCEPTIONS = new Set(
  'advise advises advised advising exercise exercises exercised wise otherwise likewise precise concise promise promises promised premise premises rise rises arise arises raise raises raised praise noise cruise expertise enterprise enterprises franchise compromise compromises compromised surprise surprises surprised revise revised supervise supervised devise devised disguise disguised poise chinese japanese'.split(
    ' ',
  ),
);
/** Written forms that mean the same thing to an interviewer; keys on the left become the right. */
const SAME_WORD = new Map<string, string>(
  Object.entries({
    authn: 'authentication',
    authz: 'authorization',
    db: 'database',
    dbs: 'database',
    dbms: 'database',
    postgres: 'postgresql',
    pg: 'postgresql',
    k8s: 'kubernetes',
    txn: 'transaction',
    tx: 'transaction',
    msg: 'message',
    msgs: 'message',
    config: 'configuration',
    env: 'environment',
    prod: 'production',
    repo: 'repository',
    async: 'asynchronous',
    sync: 'synchronous',
    perf: 'performance',
    req: 'request',
    reqs: 'request',
    resp: 'response',
    ok: 'okay',
    infra: 'infrastructure',
    dev: 'developer',
    devs: 'developer',
    lb: 'balancer',
    ms: 'millisecond',
    millis: 'millisecond',
    secs: 'second',
    sec: 'second',
    mins: 'minute',
    hrs: 'hour',
    hr: 'hour',
    '&': 'and',
    '+': 'and',
    w: 'with',
    'w/': 'with',
    'w/o': 'without',
    // The pieces wink splits contractions into, and the forms of "be".
    "n't": 'not',
    nt: 'not',
    ca: 'can',
    wo: 'will',
    sha: 'shall',
    cannot: 'not',
    "'s": 'be',
    "'re": 'be',
    "'m": 'be',
    "'ve": 'have',
    "'ll": 'will',
    "'d": 'would',
    is: 'be',
    are: 'be',
    was: 'be',
    were: 'be',
    been: 'be',
    being: 'be',
    am: 'be',
    isnt: 'be',
    arent: 'be',
    one: '1',
  }),
);

/** Comparatives and superlatives fold to their adjective: "slower writes" meets "writes get slow". */
const COMPARED = new Map<string, string>([
  ['better', 'good'],
  ['best', 'good'],
  ['worse', 'bad'],
  ['worst', 'bad'],
  ['fewer', 'few'],
  ['less', 'little'],
  ['least', 'little'],
]);
for (const base of 'slow fast quick high low large big small cheap long short easy hard safe strong weak new old few great wide narrow early late simple heavy light fresh stale tight loose deep shallow close far near hot cold thin thick clean dirty rich poor dense sparse'.split(
  ' ',
)) {
  const stem = base.endsWith('e')
    ? base.slice(0, -1)
    : base.endsWith('y')
      ? `${base.slice(0, -1)}i`
      : /[^aeiou][aeiou][bdgmnpt]$/.test(base)
        ? base + base.at(-1)!
        : base;
  COMPARED.set(`${stem}er`, base);
  COMPARED.set(`${stem}est`, base);
}

/** Run-together spellings of compounds that are usually written apart or hyphenated ("B-tree"). */
const SPLIT_WORDS = new Map<string, readonly string[]>(
  Object.entries({
    btree: ['b', 'tree'],
    btrees: ['b', 'tree'],
    'b+tree': ['b', 'tree'],
    readonly: ['read', 'only'],
    writeahead: ['write', 'ahead'],
    roundtrip: ['round', 'trip'],
    roundtrips: ['round', 'trip'],
    ratelimit: ['rate', 'limit'],
    ratelimiting: ['rate', 'limiting'],
    ratelimiter: ['rate', 'limiter'],
    deadletter: ['dead', 'letter'],
  }),
);

const lemmaCache = new Map<string, string>();

/**
 * The dictionary form of a word read on its own, so the same word always gets the same form
 * whatever its part of speech in context ("left join" and "left the company" both give "leave";
 * "lost update" and "lost data" both give "lose"). Consistency is what matters for matching.
 */
function lemmaOf(lower: string): string {
  let lemma = lemmaCache.get(lower);
  if (lemma === undefined) {
    lemma =
      (
        nlp
          .readDoc(lower)
          .tokens()
          .out(its.lemma as unknown as typeof its.value) as string[]
      )[0] ?? lower;
    if (lemma.includes(' ') || lemma === '') lemma = lower;
    if (lemmaCache.size > 100_000) lemmaCache.clear();
    lemmaCache.set(lower, lemma);
  }
  return lemma;
}

const keyCache = new Map<string, string>();

/**
 * The comparison key of one word: what two spellings and forms of the same word share. Lower case,
 * abbreviations and contraction pieces expanded, comparatives folded, the word's dictionary form,
 * British -ise spelt -ize, then the Porter stem ("authorisation", "authorization" and "authorize"
 * meet). Identifiers ("JSON.parse", "has_many", "O(log n)") are kept whole.
 */
export function keyOf(word: string): string {
  // "miss." at the end of a bullet, read as an abbreviation by the tokeniser, is still "miss".
  const lower = word.toLowerCase().replace(/(?<=\p{L}{2,})\.$/u, '');
  const cached = keyCache.get(lower);
  if (cached !== undefined) return cached;
  let key: string;
  if (/[._()]/.test(lower) && /\p{L}/u.test(lower)) key = lower.replace(/\s+/g, '');
  else {
    let base = SAME_WORD.get(lower) ?? COMPARED.get(lower) ?? lower;
    if (/^[\p{L}]+$/u.test(base) && base === lower) base = lemmaOf(base).toLowerCase();
    base = SAME_WORD.get(base) ?? COMPARED.get(base) ?? base;
    if (base.length > 5 && !BRITISH_EXCEPTIONS.has(base) && BRITISH.test(base)) base = base.replace(BRITISH, 'iz$1');
    if (/^[\p{L}]+$/u.test(base)) {
      const stem = stemmer(base);
      // "one" must not become "on": keep a word whose stem would be a filler word.
      key = FILLER_WORDS.has(stem) && !FILLER_WORDS.has(base) ? base : stem;
    } else key = base.replace(/[.,]$/, '');
  }
  if (keyCache.size > 100_000) keyCache.clear();
  keyCache.set(lower, key);
  return key;
}

/**
 * A cheaper key for reading a whole bank at start-up: the same folding without the dictionary
 * form. What a text is about does not depend on "wrote" meeting "write".
 */
export function plainKeyOf(lower: string): string {
  let base = SAME_WORD.get(lower) ?? COMPARED.get(lower) ?? lower;
  if (base.length > 5 && !BRITISH_EXCEPTIONS.has(base) && BRITISH.test(base)) base = base.replace(BRITISH, 'iz$1');
  return /^[\p{L}]+$/u.test(base) ? stemmer(base) : base;
}

/** Keys of small words, for the rules below. */
const keysOf = (words: readonly string[]) => new Set(words.map((w) => keyOf(w)));
/** Keys of the words that link a claim's subject to what is claimed of it (see CLAIM_WORD_LIST). */
export const CLAIM_WORDS = keysOf(CLAIM_WORD_LIST);
const CLAUSE_NEGATOR_KEYS = keysOf(CLAUSE_NEGATORS);
const PHRASE_NEGATOR_KEYS = keysOf(PHRASE_NEGATORS);
const SUBJECT_NEGATOR_KEYS = keysOf(SUBJECT_NEGATORS);
const NO_WHAT_KEYS = keysOf(NO_WHAT);
const VALUE_PREDICATE_KEYS = keysOf(VALUE_PREDICATES);
const DISCLAIMER_KEYS = DISCLAIMERS.map((d) => d.map((w) => keyOf(w)));
const HEDGE_KEYS = HEDGES.map((h) => h.map((w) => keyOf(w)));
const OPENER_KEYS = keysOf([...OPENERS]);
const COORDINATORS = new Set(['and', 'or']);
const NEW_SUBJECT = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM']);

/**
 * Identifiers written without spaces — "JSON.parse", "transaction.on_commit", "has_many",
 * "filter()", "O(log n)" — are one word, not a sentence end or a clause break.
 */
const IDENTIFIER =
  /\bO\([^()\n]{1,24}\)|[\p{L}\p{N}$]+(?:(?:\.|_|::)[\p{L}\p{N}$]+)+(?:\(\))?|[\p{L}$][\p{L}\p{N}$]*\(\)/gu;

interface Token {
  value: string;
  lower: string;
  pos: string;
  type: string;
  start: number;
  end: number;
}

/** The tokens of one wink sentence, with identifiers merged into one token each. */
function tokensOf(
  sentence: ItemSentence,
  text: string,
  cursor: { at: number },
  identifiers: readonly { start: number; end: number }[],
): Token[] {
  const tokens = sentence.tokens();
  const values = tokens.out(its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  const types = tokens.out(its.type) as string[];
  const out: Token[] = [];
  values.forEach((value, i) => {
    const start = text.indexOf(value, cursor.at);
    if (start < 0 || value.trim() === '') return;
    cursor.at = start + value.length;
    const identifier = identifiers.find((span) => start >= span.start && start < span.end);
    const last = out.at(-1);
    if (identifier && last && last.start >= identifier.start && last.start < identifier.end) {
      last.end = Math.max(last.end, cursor.at);
      last.value = text.slice(last.start, last.end);
      last.lower = last.value.toLowerCase();
      last.type = 'word';
      last.pos = 'PROPN';
      return;
    }
    out.push({
      value,
      lower: value.toLowerCase(),
      pos: pos[i] ?? 'X',
      type: types[i] ?? 'word',
      start,
      end: cursor.at,
    });
  });
  return out;
}

/**
 * Reads text once: every later question (does this phrase occur, is it negated, which sentence)
 * is answered from this.
 */
export function analyse(text: string): Analysis {
  const words: Word[] = [];
  const sentences: Sentence[] = [];
  const identifiers = [...text.matchAll(IDENTIFIER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  let clause = 0;
  // wink must not end a sentence inside "JSON.parse": it reads a copy with those dots masked.
  let masked = text;
  for (const { start, end } of identifiers)
    masked = masked.slice(0, start) + masked.slice(start, end).replace(/\./g, '\u2024') + masked.slice(end);
  for (const block of blocksOf(text)) {
    const doc = nlp.readDoc(masked.slice(block.start, block.end));
    const cursor = { at: block.start };
    doc.sentences().each((sentence: ItemSentence) => {
      const tokens = tokensOf(sentence, masked, cursor, identifiers).map((token) => {
        const value = text.slice(token.start, token.end);
        return { ...token, value, lower: value.toLowerCase() };
      });
      const from = words.length;
      /** Whether the clause so far has a verb, and whether it opened with "if"/"when". */
      let clauseHasVerb = false;
      let conditional = false;
      let conditionalComma = false;
      const newClause = () => {
        if (words.length > from && words[words.length - 1]!.clause === clause) clause++;
        clauseHasVerb = false;
        conditional = false;
      };
      tokens.forEach((token, i) => {
        const { value, lower, type } = token;
        if (type === 'punctuation' || type === 'symbol' || type === 'emoji') {
          const next = text[token.end] ?? ' ';
          const spaced = /\s/.test(next) || i === tokens.length - 1;
          // ", which is…" describes the noun before it, so it stays in that noun's clause.
          const relative = value === ',' && /^(?:which|who)$/i.test(tokens[i + 1]?.value ?? '');
          const dash = value === '-' && /\s-\s/.test(text.slice(token.start - 1, token.start + 2));
          const breaks = (value === '(' || value === '[' || spaced) && BREAK_PUNCTUATION.has(value);
          if (value === ',' && conditional && !conditionalComma) conditionalComma = true;
          else if ((breaks && !relative) || dash) newClause();
          if (!(value === '&' || value === '+' || value === '/')) return;
        }
        if (CLAUSE_BREAKS.has(lower)) newClause();
        else if (COORDINATORS.has(lower) && clauseHasVerb) {
          // "…, and HAVING filters after" starts a new clause; "reads and slow down writes" shares its subject.
          const after = tokens.slice(i + 1);
          const nextWord = after.find((t) => t.type !== 'punctuation');
          const end = after.findIndex((t) => t.type === 'punctuation' && BREAK_PUNCTUATION.has(t.value));
          const rest = end < 0 ? after : after.slice(0, end);
          if (nextWord && NEW_SUBJECT.has(nextWord.pos) && rest.some((t) => t.pos === 'VERB' || t.pos === 'AUX'))
            newClause();
        }
        const startsClause = words.length === from || words[words.length - 1]!.clause !== clause;
        if (startsClause && CONDITIONALS.has(lower)) {
          conditional = true;
          conditionalComma = false;
        }
        if (token.pos === 'VERB' || token.pos === 'AUX') clauseHasVerb = true;
        const word: Word = {
          text: value,
          key: keyOf(value),
          pos: token.pos,
          start: token.start,
          end: token.end,
          sentence: sentences.length,
          clause,
          filler: FILLER_WORDS.has(lower),
          negatedBy: null,
          hedged: false,
          disclaimed: false,
        };
        const parts = SPLIT_WORDS.get(lower);
        if (parts) for (const part of parts) words.push({ ...word, key: keyOf(part) });
        else words.push(word);
      });
      if (words.length === from) return;
      clause++;
      sentences.push({ start: tokens[0]!.start, end: tokens.at(-1)!.end, from, to: words.length });
      scopeNegations(words, from, words.length, text);
    });
  }
  return { text, words, sentences, clauses: clause };
}

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
function scopeNegations(words: Word[], from: number, to: number, text: string): void {
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
    const disclaimer = DISCLAIMER_KEYS.find((d) => sequenceAt(words, at, to, d));
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
      for (let j = at + hedge.length; j < to && words[j]!.clause === words[at]!.clause; j++) words[j]!.hedged = true;
    }
  }
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

function sequenceAt(words: readonly Word[], i: number, to: number, keys: readonly string[]): boolean {
  return i + keys.length <= to && keys.every((key, k) => words[i + k]!.key === key);
}

/** Whether a word negates (for phrases that carry their own negation, such as "does not lose"). */
export function negates(word: Pick<Word, 'key'>): boolean {
  return CLAUSE_NEGATOR_KEYS.has(word.key) || PHRASE_NEGATOR_KEYS.has(word.key);
}

/** A clause of at most this many words, with no auxiliary or pronoun, is a bare term ("hybrid search", "BM25"). */
const BARE_TERM_WORDS = 6;
/** A sentence with at least this many clauses, mostly bare terms, is a list of terms. */
const MIN_LISTED_TERMS = 5;
/** Predicates that say nothing about their subject: "X is important", "Y matters". */
const EMPTY_PREDICATE_KEYS = new Set(
  'important crucial key essential critical useful helpful good great nice relevant vital fundamental matter help powerful necessary'
    .split(' ')
    .map((w) => keyOf(w)),
);
const INTENSIFIER_KEYS = new Set(
  'very really also too so extremely super quite always'.split(' ').map((w) => keyOf(w)),
);
/** This many empty claims in one answer make it a list of names. */
const MIN_EMPTY_CLAIMS = 3;
/** Punctuation that relates one item to another in terse notes. */
const RELATING = /->|→|=>|=|\(|:[\s*_]/g;
/** So is a run of at least this many bare lines (bullets). */
const MIN_LISTED_LINES = 4;

/**
 * A bare term: a few words with no auxiliary and no pronoun. Terms are often tagged as verbs
 * ("sorted", "join columns", "EXPLAIN ANALYZE", "index scan"), so a claim is told by its grammar
 * instead: "it is sorted", "the planner uses it".
 */
function isBare(words: readonly Word[]): boolean {
  // An instruction ("add jitter to TTLs", "coalesce concurrent misses") makes a claim too.
  const imperative = words.length >= 3 && words[0]!.pos === 'VERB' && !words[0]!.text.toLowerCase().endsWith('ing');
  return words.length <= BARE_TERM_WORDS && !imperative && !words.some((w) => w.pos === 'AUX' || w.pos === 'PRON');
}

/**
 * The clauses that are items of a list of terms — "pgvector, HNSW, IVFFlat, cosine similarity,
 * hybrid search…", or bullets of bare terms. Naming a concept in such a list shows the candidate
 * has heard of it, not that they can explain it, which is what a keyword-stuffed answer does.
 */
export function listedTermClauses(analysis: Analysis): Set<number> {
  const listed = new Set<number>();
  const clausesOf = (sentence: Sentence) => {
    const clauses = new Map<number, Word[]>();
    for (let i = sentence.from; i < sentence.to; i++) {
      const word = analysis.words[i]!;
      clauses.set(word.clause, [...(clauses.get(word.clause) ?? []), word]);
    }
    return clauses;
  };
  let run: number[] = [];
  const closeRun = () => {
    if (run.length >= MIN_LISTED_LINES) for (const clause of run) listed.add(clause);
    run = [];
  };
  for (const sentence of analysis.sentences) {
    const clauses = clausesOf(sentence);
    const bare = [...clauses].filter(([, words]) => isBare(words));
    // Terse notes relate their items ("WHERE = row filter", "miss -> read pg", "errors (5xx, timeouts)");
    // a list of terms only strings them together.
    const related = (analysis.text.slice(sentence.start, sentence.end).match(RELATING) ?? []).length > 1;
    if (!related && bare.length >= MIN_LISTED_TERMS && bare.length >= 0.6 * clauses.size) {
      for (const [clause] of bare) listed.add(clause);
    }
    const words = sentence.to - sentence.from;
    if (!related && words <= BARE_TERM_WORDS && bare.length === clauses.size) run.push(...clauses.keys());
    else closeRun();
  }
  closeRun();
  // "B-tree is important. Selectivity is important. EXPLAIN is important." names, with no claim.
  const empty = [...new Set(analysis.words.map((w) => w.clause))].filter((clause) => {
    const words = analysis.words.filter((w) => w.clause === clause);
    const meaningful = words.filter((w) => !w.filler);
    return (
      meaningful.length <= BARE_TERM_WORDS &&
      meaningful.some((w) => EMPTY_PREDICATE_KEYS.has(w.key)) &&
      meaningful.filter((w) => !EMPTY_PREDICATE_KEYS.has(w.key) && !INTENSIFIER_KEYS.has(w.key)).length <= 3
    );
  });
  if (empty.length >= MIN_EMPTY_CLAIMS) for (const clause of empty) listed.add(clause);
  return listed;
}
