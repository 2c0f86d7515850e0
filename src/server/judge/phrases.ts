import { analyse, type Analysis, type Word } from './language.js';
import { negates } from './negation.js';
import { CLAIM_WORDS } from './words.js';

/**
 * Finding a rubric phrase in an answer, with its polarity. A phrase is found when every word that
 * carries its meaning occurs in ONE clause of the answer, close together (in the phrase's order when
 * the caller asks for it). The match then says whether the answer asserted it, denied it ("does
 * not…", "never…"), hedged it ("maybe…") or disclaimed it ("I don't know what … is").
 */

export interface CompiledPhrase {
  text: string;
  /** Keys of the words that carry the phrase's meaning, in the phrase's order. */
  keys: string[];
}

export type Polarity = 'asserted' | 'negated' | 'hedged' | 'disclaimed';

export interface PhraseMatch {
  phrase: string;
  /** Indexes into the analysis' words. */
  words: number[];
  polarity: Polarity;
  sentence: number;
  clause: number;
}

interface Span {
  start: number;
  end: number;
}

const compiled = new Map<string, CompiledPhrase>();
/**
 * In a wrong claim, "just" is the claim: "just check they are logged in" says a login check is
 * enough, which "check that the order's owner is the logged-in user" does not.
 */
const CLAIM_LIMITS = new Set(['just']);
const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * In a wrong claim, "is", "can", "must" and "should" all link the subject to what is claimed of it:
 * one key stands for any of them, so "the salt is secret" also finds "the salt must be secret".
 */
const LINK = '⟨is⟩';
const keyOfWord = (word: Word) => (CLAIM_WORDS.has(word.key) ? LINK : word.key);

/**
 * Reads a phrase once; the result is cached, since rubric phrases repeat across every answer. A
 * wrong claim (`claim`) keeps the small words that make it a claim: "POST is idempotent" needs its
 * "is" (see `CLAIM_WORDS`).
 */
export function compilePhrase(phrase: string, options: { claim?: boolean } = {}): CompiledPhrase {
  const cacheKey = `${options.claim ? 'claim' : 'point'}\u0000${phrase}`;
  let result = compiled.get(cacheKey);
  if (!result) {
    // SQL keywords are small words that matter: "WHERE clause", "ORDER BY", "IS NULL".
    const all = analyse(phrase).words;
    const meaningful = all.filter(
      (word) =>
        !word.filler ||
        /^[A-Z]{2,}$/.test(word.text) ||
        (options.claim && (CLAIM_WORDS.has(word.key) || CLAIM_LIMITS.has(word.key))),
    );
    // A phrase made only of small words ("who you are") keeps them all, save the articles; so does a
    // wrong claim that would shrink to a negation and one word ("not my design" is not "not … design").
    const thin = meaningful.filter((word) => !negates(word) && !CLAIM_WORDS.has(word.key)).length <= 1;
    const words =
      meaningful.length > 0 && !(options.claim && thin && meaningful.some(negates))
        ? meaningful
        : all.filter((word) => !ARTICLES.has(word.key));
    const keys = words.map((word) => (options.claim && CLAIM_WORDS.has(word.key) ? LINK : word.key));
    // "must be", "can be": one link is enough.
    result = { text: phrase, keys: keys.filter((key, i) => key !== LINK || keys[i - 1] !== LINK) };
    compiled.set(cacheKey, result);
  }
  return result;
}

/** How far apart (in meaningful words) a phrase's words may sit: "index on email" meets "index on the user's email". */
function windowFor(size: number): number {
  return size <= 1 ? 1 : size + 2 + Math.floor(size / 2);
}

/** The answer's words by clause, built once per analysis. */
interface ClauseIndex {
  /** Per clause, the indexes of its words, in order. */
  clauses: Map<number, number[]>;
  /** Per key, the clauses it occurs in. */
  keyClauses: Map<string, Set<number>>;
}

const indexes = new WeakMap<Analysis, ClauseIndex>();

function clauseIndex(analysis: Analysis): ClauseIndex {
  let index = indexes.get(analysis);
  if (!index) {
    index = { clauses: new Map(), keyClauses: new Map() };
    analysis.words.forEach((word, i) => {
      const list = index!.clauses.get(word.clause) ?? [];
      list.push(i);
      index!.clauses.set(word.clause, list);
      for (const key of new Set([word.key, keyOfWord(word)])) {
        const set = index!.keyClauses.get(key) ?? new Set<number>();
        set.add(word.clause);
        index!.keyClauses.set(key, set);
      }
    });
    indexes.set(analysis, index);
  }
  return index;
}

function matches(word: Word, key: string): boolean {
  return word.key === key || (key === LINK && CLAIM_WORDS.has(word.key));
}

/**
 * Every place the phrase occurs, at most one per clause. With `ordered`, the words must come in the
 * phrase's order (a wrong claim such as "401 means forbidden" must not match "401 means
 * unauthenticated and 403 forbidden").
 */
export function findPhrase(
  analysis: Analysis,
  phrase: CompiledPhrase,
  options: { ordered?: boolean } = {},
): PhraseMatch[] {
  const { keys } = phrase;
  if (keys.length === 0) return [];
  const index = clauseIndex(analysis);
  let candidates: Set<number> | undefined;
  for (const key of keys) {
    const clauses = index.keyClauses.get(key);
    if (!clauses) return [];
    candidates = candidates ? new Set([...candidates].filter((c) => clauses.has(c))) : new Set(clauses);
    if (candidates.size === 0) return [];
  }
  const window = windowFor(keys.length);
  const found: PhraseMatch[] = [];
  const wanted = new Set(keys);
  for (const clause of candidates ?? []) {
    // The window counts meaningful words, plus any small word the phrase itself asks for.
    const positions = index.clauses
      .get(clause)!
      .filter(
        (i) =>
          !analysis.words[i]!.filler || wanted.has(keyOfWord(analysis.words[i]!)) || wanted.has(analysis.words[i]!.key),
      );
    const words = options.ordered
      ? matchOrdered(analysis.words, positions, keys, window)
      : matchAnyOrder(analysis.words, positions, keys, window);
    if (words) {
      const first = analysis.words[words[0]!]!;
      found.push({
        phrase: phrase.text,
        words,
        polarity: polarityOf(analysis.words, words),
        sentence: first.sentence,
        clause,
      });
    }
  }
  return found;
}

function matchAnyOrder(words: readonly Word[], positions: readonly number[], keys: readonly string[], window: number) {
  let best: number[] | null = null;
  for (let i = 0; i < positions.length; i++) {
    if (!keys.some((key) => matches(words[positions[i]!]!, key))) continue;
    const found = new Map<string, number>();
    for (let j = i; j < Math.min(positions.length, i + window); j++) {
      const key = keys.find((k) => matches(words[positions[j]!]!, k));
      if (key !== undefined && !found.has(key)) found.set(key, positions[j]!);
    }
    if (found.size === new Set(keys).size) {
      const match = [...found.values()].sort((a, b) => a - b);
      if (!best || polarityOf(words, match) === 'asserted') return match;
      best ??= match;
    }
  }
  return best;
}

function matchOrdered(words: readonly Word[], positions: readonly number[], keys: readonly string[], window: number) {
  let best: number[] | null = null;
  for (let i = 0; i < positions.length; i++) {
    if (!matches(words[positions[i]!]!, keys[0]!)) continue;
    const match = [positions[i]!];
    let k = 1;
    for (let j = i + 1; j < Math.min(positions.length, i + window) && k < keys.length; j++) {
      if (matches(words[positions[j]!]!, keys[k]!)) {
        match.push(positions[j]!);
        k++;
      }
    }
    if (k === keys.length) {
      if (polarityOf(words, match) === 'asserted') return match;
      best ??= match;
    }
  }
  return best;
}

/**
 * Negated when a matched word lies in the scope of a negation or denying judgement that is not
 * itself part of the match: "does not lose data" asserts its phrase "does not lose", and "the order
 * is irrelevant" its phrase "order is irrelevant", while "it is not true that it does
 * not lose" would need two; one level is all answers use in practice.
 */
function polarityOf(words: readonly Word[], match: readonly number[]): Polarity {
  // A denial the phrase itself carries ("does not lose", "order is irrelevant") is what it asserts.
  const own = new Set(match);
  if (match.some((i) => words[i]!.disclaimed)) return 'disclaimed';
  if (match.some((i) => words[i]!.negatedBy !== null && !own.has(words[i]!.negatedBy!))) return 'negated';
  if (match.some((i) => words[i]!.hedged)) return 'hedged';
  return 'asserted';
}

/** The first match that asserts the phrase, else the first of any polarity. */
export function bestMatch(matches: readonly PhraseMatch[]): PhraseMatch | undefined {
  return matches.find((m) => m.polarity === 'asserted') ?? matches[0];
}

/** Character spans of a match's words, for highlighting. */
export function spansOf(analysis: Analysis, match: Pick<PhraseMatch, 'words'>): Span[] {
  return match.words.map((i) => ({ start: analysis.words[i]!.start, end: analysis.words[i]!.end }));
}
