import { stemmer } from 'stemmer';
import { its, nlp } from './nlp.js';

/**
 * The comparison key of a word: what every spelling and form of the same word shares, so "indexes"
 * meets "indexing", "authorisation" meets "authorization" and "B-tree" meets "btree".
 */

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
export const SPLIT_WORDS = new Map<string, readonly string[]>(
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

/** Keys of small words, for rules written as word lists. */
export const keysOf = (words: readonly string[]) => new Set(words.map((w) => keyOf(w)));

/** Keys of the words that link a claim's subject to what is claimed of it (see CLAIM_WORD_LIST). */
export const CLAIM_WORDS = keysOf(CLAIM_WORD_LIST);
