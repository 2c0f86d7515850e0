import { stemmer } from 'stemmer';
import winkNLP, { type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * The one reading of English text that every judge in this folder shares: blocks, sentences and
 * clauses, and per word its comparison key, part of speech and whether it sits inside a negated,
 * hedged or "I don't know" stretch. wink-nlp does the tokenising, sentence splitting, lemmas and
 * the negation flags; the rules here narrow those flags where wink's scope ("to the next
 * punctuation") is too wide for English, e.g. "without an index the database scans every row"
 * negates only "an index".
 */

// Sentence boundaries and parts of speech are all the judge needs; skipping NER and sentiment halves the cost.
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

export interface Word {
  /** The word as written. */
  text: string;
  /** Comparison key: lower case, British spelling folded to American, lemma, Porter stem. */
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
 * Words that add nothing to what a phrase means. Deliberately short: negations, quantifiers and
 * relations (no, not, all, nothing, only, same, too, many, before, after, up, down, over, without…)
 * are NOT here, because "all or nothing" and "too many indexes" mean what those words say.
 */
export const FILLER_WORDS = new Set(
  (
    "a an the this that these those it its it's they them their theirs he him his she her hers we us our ours i me my mine you your yours " +
    'be is are was were been being am do does did done doing have has had having will would shall should can could may might must ' +
    'of to in on at by for from with as into onto upon about via per than then there here so such just very really quite also ' +
    'and or either which who whom whose what whatever when where how why whether if while get gets got getting'
  ).split(' '),
);

/** Words that negate the rest of their clause ("does not", "never", "can't"). */
const CLAUSE_NEGATORS = ['not', 'never', 'cannot', 'nor', 'neither'];
/** Words that negate the noun phrase after them ("no index", "without a key"), or as a subject the clause. */
const PHRASE_NEGATORS = ['no', 'without', 'none', 'nothing', 'nobody', 'nowhere'];
const SUBJECT_NEGATORS = ['no', 'none', 'nothing', 'nobody', 'neither'];
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
const BREAK_PUNCTUATION = new Set([',', ';', ':', '(', ')', '[', ']', '—', '–', '!', '?', '.', '"', '“', '”']);

/** Key sequences (of lemmas, lower case) that open a stretch where the candidate disclaims knowledge. */
const DISCLAIMERS: readonly (readonly string[])[] = [
  ['no', 'idea'],
  ['no', 'clue'],
  ['not', 'know'],
  ['not', 'sure'],
  ['not', 'certain'],
  ['not', 'familiar'],
  ['not', 'remember'],
  ['never', 'hear'],
  ['never', 'learn'],
  ['never', 'use'],
  ['never', 'work', 'with'],
  ['not', 'understand'],
  ['unfamiliar'],
  ['unsure'],
  ['forget'],
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
    min: 'minute',
    hrs: 'hour',
    hr: 'hour',
    '&': 'and',
    '+': 'and',
    w: 'with',
    'w/': 'with',
    'w/o': 'without',
    wo: 'without',
  }),
);

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

/** Comparatives and superlatives fold to their adjective: "slower writes" meets "writes get slow". */
const COMPARED = new Map<string, string>();
for (const base of 'slow fast quick high low large big small cheap long short easy hard safe strong weak new old few great wide narrow early late simple heavy light fresh stale tight loose deep shallow close far near hot cold thin thick clean dirty rich poor dense sparse'.split(
  ' ',
)) {
  const stem = base.endsWith('e')
    ? base.slice(0, -1)
    : base.endsWith('y')
      ? `${base.slice(0, -1)}i`
      : /[^aeiou][aeiou][bdgmnpt]$/.test(base)
        ? base + base.at(-1)
        : base;
  COMPARED.set(`${stem}er`, base);
  COMPARED.set(`${stem}est`, base);
}

const keyCache = new Map<string, string>();

/** The comparison key of one word: what two spellings of the same word share. */
export function keyOf(word: string, lemma: string = word): string {
  const lower = word.toLowerCase();
  const cacheKey = `${lower}\u0000${lemma}`;
  const cached = keyCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let base = SAME_WORD.get(lower) ?? COMPARED.get(lower) ?? lemma.toLowerCase();
  base = COMPARED.get(base) ?? base;
  base = SAME_WORD.get(base) ?? base;
  if (base.length > 5 && !BRITISH_EXCEPTIONS.has(base) && BRITISH.test(base)) base = base.replace(BRITISH, 'iz$1');
  const key = /^[\p{L}]+$/u.test(base) ? stemmer(base) : base.replace(/[.,]$/, '');
  if (keyCache.size > 50_000) keyCache.clear();
  keyCache.set(cacheKey, key);
  return key;
}

const CLAUSE_NEGATOR_KEYS = new Set(CLAUSE_NEGATORS.map((w) => keyOf(w)));
const PHRASE_NEGATOR_KEYS = new Set(PHRASE_NEGATORS.map((w) => keyOf(w)));
const SUBJECT_NEGATOR_KEYS = new Set(SUBJECT_NEGATORS.map((w) => keyOf(w)));
const DISCLAIMER_KEYS = DISCLAIMERS.map((d) => d.map((w) => keyOf(w)));
const HEDGE_KEYS = HEDGES.map((h) => h.map((w) => keyOf(w)));

/**
 * Reads text once: every later question (does this phrase occur, is it negated, which sentence)
 * is answered from this.
 */
export function analyse(text: string): Analysis {
  const words: Word[] = [];
  const sentences: Sentence[] = [];
  let clause = 0;
  for (const block of blocksOf(text)) {
    const doc = nlp.readDoc(text.slice(block.start, block.end));
    let cursor = block.start;
    doc.sentences().each((sentence: ItemSentence) => {
      const tokens = sentence.tokens();
      const values = tokens.out(its.value) as string[];
      // wink-nlp types `lemma` as needing model add-ons; the lite web model has them.
      const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
      const pos = tokens.out(its.pos) as string[];
      const types = tokens.out(its.type) as string[];
      const from = words.length;
      let sentenceStart = -1;
      let sentenceEnd = cursor;
      values.forEach((value, i) => {
        const start = text.indexOf(value, cursor);
        if (start < 0) return;
        cursor = start + value.length;
        if (sentenceStart < 0) sentenceStart = start;
        sentenceEnd = cursor;
        const lower = value.toLowerCase();
        const type = types[i]!;
        if (value.trim() === '') return;
        if (type === 'punctuation' || type === 'symbol' || type === 'emoji') {
          // ", which is…" describes the noun before it, so it stays in that noun's clause.
          const relative = value === ',' && /^\s*(?:which|who)\b/i.test(values[i + 1] ?? '');
          const dash = value === '-' && /\s-\s/.test(text.slice(start - 1, start + 2));
          if ((BREAK_PUNCTUATION.has(value) && !relative) || dash) {
            if (words.length > from && words[words.length - 1]!.clause === clause) clause++;
          }
          if (!(value === '&' || value === '+' || value === '/')) return;
        }
        if (CLAUSE_BREAKS.has(lower) && words.length > from && words[words.length - 1]!.clause === clause) clause++;
        const lemma = lemmas[i] ?? value;
        const word: Word = {
          text: value,
          key: keyOf(value, lemma),
          pos: pos[i] ?? 'X',
          start,
          end: cursor,
          sentence: sentences.length,
          clause,
          filler: FILLER_WORDS.has(lower) || FILLER_WORDS.has(lemma.toLowerCase()),
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
      sentences.push({ start: sentenceStart, end: sentenceEnd, from, to: words.length });
      scopeNegations(words, from, words.length);
    });
  }
  return { text, words, sentences, clauses: clause };
}

const NOUN_PHRASE = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'ADV', 'PART', 'X']);
const VERB = new Set(['VERB', 'AUX']);

/**
 * Marks what each negation, hedge and disclaimer covers, by part of speech rather than by wink's
 * own negation flags: those are made for sentiment and treat "prevent" and "stop" as negations, so
 * "parameterised queries prevent SQL injection" would read as a denial.
 *
 * - "not", "never", "n't" reach to the end of their clause ("indexes do not help WHERE clauses").
 * - "no", "none", "nothing", "nobody" before the clause's first verb negate the clause ("nothing is
 *   applied"); after it, and "without" anywhere, only the noun phrase that follows ("there is no
 *   index, so…", "without an index the database scans every row").
 * - A disclaimer ("I don't know", "no idea", "never heard of") covers the rest of the sentence; a
 *   hedge ("maybe", "I guess") the rest of its clause.
 */
function scopeNegations(words: Word[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const word = words[i]!;
    const clauseWide =
      CLAUSE_NEGATOR_KEYS.has(word.key) ||
      (SUBJECT_NEGATOR_KEYS.has(word.key) &&
        !words.slice(from, i).some((w) => w.clause === word.clause && VERB.has(w.pos)));
    if (clauseWide) {
      for (let j = i + 1; j < to && words[j]!.clause === word.clause; j++) words[j]!.negatedBy ??= i;
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
    if (DISCLAIMER_KEYS.some((d) => sequenceAt(words, at, to, d))) {
      for (let j = i; j < to; j++) words[j]!.disclaimed = true;
    }
    const hedge = HEDGE_KEYS.find((h) => sequenceAt(words, at, to, h));
    if (hedge) {
      for (let j = at + hedge.length; j < to && words[j]!.clause === words[at]!.clause; j++) words[j]!.hedged = true;
    }
  }
}

function sequenceAt(words: readonly Word[], i: number, to: number, keys: readonly string[]): boolean {
  return i + keys.length <= to && keys.every((key, k) => words[i + k]!.key === key);
}

/** Whether a word negates (for phrases that carry their own negation, such as "does not lose"). */
export function negates(word: Pick<Word, 'key'>): boolean {
  return CLAUSE_NEGATOR_KEYS.has(word.key) || PHRASE_NEGATOR_KEYS.has(word.key);
}

/** A clause of at most this many words, with no verb, is a bare term ("hybrid search", "BM25"). */
const BARE_TERM_WORDS = 4;
/** A sentence with at least this many bare terms, making up most of its clauses, is a list of terms. */
const MIN_LISTED_TERMS = 4;

/**
 * The clauses that are items of a list of terms: "pgvector, HNSW, IVFFlat, cosine similarity,
 * hybrid search…". Naming a concept in such a list shows the candidate has heard of it, not that
 * they can explain it, which is what a keyword-stuffed answer does.
 */
export function listedTermClauses(analysis: Analysis): Set<number> {
  const listed = new Set<number>();
  for (const sentence of analysis.sentences) {
    const clauses = new Map<number, Word[]>();
    for (let i = sentence.from; i < sentence.to; i++) {
      const word = analysis.words[i]!;
      clauses.set(word.clause, [...(clauses.get(word.clause) ?? []), word]);
    }
    const bare = [...clauses].filter(
      // A gerund names a thing in a list ("reranking", "metadata filtering"); any other verb makes a claim.
      ([, words]) =>
        words.length <= BARE_TERM_WORDS &&
        !words.some((w) => w.pos === 'AUX' || (w.pos === 'VERB' && !w.text.toLowerCase().endsWith('ing'))),
    );
    if (bare.length >= MIN_LISTED_TERMS && bare.length >= 0.75 * clauses.size) {
      for (const [clause] of bare) listed.add(clause);
    }
  }
  return listed;
}
