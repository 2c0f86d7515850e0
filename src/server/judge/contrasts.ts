import type { CompiledPhrase } from './phrases.js';
import { keyOf } from './words.js';

/**
 * Opposites that turn a key fact into its contrary: "the log is flushed **after** commit returns",
 * "indexes make writes **faster**", "the **server** keeps the session". A key point's phrase said
 * with one of its words swapped for the opposite is the answer asserting the contrary — a wrong
 * claim no listed misconception needs to foresee.
 *
 * Only opposites that state a fact are listed. Quantities ("how many" against "a few"), "first"
 * and "last", "always" and "never", "read" and "write" are said of so many things in one clause
 * that on the tuning answers they flagged more strong answers than wrong ones.
 *
 * Word embeddings are no substitute here: in wink's GloVe vectors the nearest neighbour of
 * "faster" is "slower" (cosine 0.86), of "before" "after" (0.93), of "increase" "decrease" (0.88).
 */
const OPPOSITES: readonly (readonly [string, string])[] = [
  ['fast', 'slow'],
  ['quick', 'slow'],
  ['before', 'after'],
  ['increase', 'decrease'],
  ['increase', 'reduce'],
  ['high', 'low'],
  ['cheap', 'expensive'],
  ['client', 'server'],
  ['synchronous', 'asynchronous'],
  ['public', 'private'],
  ['allow', 'deny'],
  ['accept', 'reject'],
  ['add', 'remove'],
  ['enable', 'disable'],
  ['include', 'exclude'],
  ['inside', 'outside'],
  ['internal', 'external'],
  ['upstream', 'downstream'],
  ['stateless', 'stateful'],
  ['mutable', 'immutable'],
  ['optimistic', 'pessimistic'],
  ['symmetric', 'asymmetric'],
  ['horizontal', 'vertical'],
  ['early', 'late'],
  ['minimum', 'maximum'],
  ['safe', 'unsafe'],
  ['secure', 'insecure'],
  ['valid', 'invalid'],
  ['succeed', 'fail'],
  ['encrypt', 'decrypt'],
  ['push', 'pull'],
  ['producer', 'consumer'],
  ['sender', 'receiver'],
  ['leader', 'follower'],
  ['strong', 'weak'],
  ['lock', 'unlock'],
  ['idempotent', 'nonidempotent'],
];

const opposites = new Map<string, Set<string>>();
for (const [a, b] of OPPOSITES) {
  const [ka, kb] = [keyOf(a), keyOf(b)];
  if (!opposites.has(ka)) opposites.set(ka, new Set());
  if (!opposites.has(kb)) opposites.set(kb, new Set());
  opposites.get(ka)!.add(kb);
  opposites.get(kb)!.add(ka);
}

/**
 * A phrase's contraries: the phrase with one word swapped for its opposite. Only phrases of two or
 * more words have them (one word alone states no fact to invert: "stateless" as a phrase names the
 * topic), and a word whose opposite the phrase also holds is left alone ("read and write").
 */
export function contrariesOf(phrase: CompiledPhrase): CompiledPhrase[] {
  if (phrase.keys.length < 2) return [];
  const own = new Set(phrase.keys);
  return phrase.keys.flatMap((key, i) =>
    [...(opposites.get(key) ?? [])]
      .filter((opposite) => !own.has(opposite))
      .map((opposite) => ({
        text: phrase.text,
        keys: phrase.keys.map((k, j) => (j === i ? opposite : k)),
      })),
  );
}
