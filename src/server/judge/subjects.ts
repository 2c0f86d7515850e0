import type { Analysis, Sentence } from './language.js';
import { keyOf } from './words.js';
import type { PhraseMatch } from './phrases.js';

/**
 * Who a statement is about, for questions that contrast two or more things ("mutex vs semaphore",
 * "authentication vs authorisation", "stub, mock, fake, spy"). A candidate who swaps them uses
 * every right word, just of the wrong thing: "a semaphore is the strict one, only one thread can
 * hold it" finds the mutex's phrase "only one thread". Reading which of the compared things a
 * clause is about lets the judge tell that apart from knowing the point.
 */

export interface Subjects {
  /**
   * The words that name the things the question compares (two or more things), each mapped to the
   * thing it names: {mutex → mutex, semaphor → semaphor}, or {worker → worker, thread → worker}
   * when a two-word name ("worker threads") faces another thing ("cluster").
   */
  terms: ReadonlyMap<string, string>;
  /** Per key point (by id), the compared thing its statement is about, if it is about one. */
  ofPoint: ReadonlyMap<string, string>;
}

/** Words with which a question asks to compare things: "how does X differ from Y", "X vs Y", "each". */
const COMPARING = new Set(
  'differ difference different distinguish distinction compare comparison contrast versus vs each between'
    .split(' ')
    .map((word) => keyOf(word)),
);

const NOT_NAMING = new Set(['DET', 'NUM', 'PRON', 'ADP', 'AUX', 'CCONJ', 'SCONJ', 'PART', 'ADV']);

const NONE: Subjects = { terms: new Map(), ofPoint: new Map() };

/**
 * The compared things of a question, from the analyses of its wording and of its key points'
 * statements: the first meaningful word of a key point's statement, when the
 * question itself names it, and when at least two different ones head key points ("A mutex gives…",
 * "A semaphore holds…"). A question that compares nothing gets none, and the judge reads it as before.
 */
export function subjectsOf(
  question: { id: string; asked: Analysis },
  points: readonly { id: string; statement: Analysis }[],
): Subjects {
  const words = question.asked.words;
  if (!question.id.includes('-vs-') && !words.some((w) => COMPARING.has(w.key))) return NONE;
  // Things are named by nouns and adjectives ("clustered", "hashing" tag as verbs too), not by "each" or "two".
  const asked = new Set(
    words.filter((w) => !NOT_NAMING.has(w.pos) && (w.pos !== 'VERB' || /(ed|ing)$/.test(w.text))).map((w) => w.key),
  );
  const heads = new Map<string, { key: string; keys: Set<string> }>();
  for (const point of points) {
    const words = point.statement.words;
    const head = words.find((w) => !w.filler);
    if (head && asked.has(head.key)) heads.set(point.id, { key: head.key, keys: new Set(words.map((w) => w.key)) });
  }
  // A compared thing is defined by a point that names no other ("A mutex gives one thread…"); a head
  // that other heads' statements mention is a part of the topic, not one side of a comparison.
  const candidates = new Set([...heads.values()].map((h) => h.key));
  const defined = new Set(
    [...heads.values()].filter((h) => [...candidates].every((c) => c === h.key || !h.keys.has(c))).map((h) => h.key),
  );
  // A point that names two of them ("mutex for shared state; semaphore for limits") is about both.
  const ofPoint = new Map(
    [...heads]
      .filter(([, h]) => defined.has(h.key) && [...defined].every((d) => d === h.key || !h.keys.has(d)))
      .map(([id, h]) => [id, h.key]),
  );
  // "worker threads": two words of one name are one thing, named by either word, not two sides.
  const named = words.filter((w) => !w.filler);
  const thing = new Map([...defined].map((key) => [key, key]));
  named.forEach((w, i) => {
    const next = named[i + 1];
    if (next && next.start - w.end <= 1 && defined.has(w.key) && defined.has(next.key))
      thing.set(next.key, thing.get(w.key)!);
  });
  for (const [id, key] of ofPoint) ofPoint.set(id, thing.get(key)!);
  const things = new Set(ofPoint.values());
  const terms = new Map([...thing].filter(([, name]) => things.has(name)));
  return things.size >= 2 ? { terms, ofPoint } : NONE;
}

/**
 * The compared things a match is said of: those named in its clause, else in the nearest earlier
 * clause of its sentence that names any ("A mutex is the one with a counter, you create it with
 * ten, then ten threads get in" is all about the mutex), else, when its sentence names none, those
 * of the sentence before it in the same paragraph ("NESTED is the one to use. It opens a new
 * transaction…"). Empty when the match names one itself.
 */
export function saidOf(analysis: Analysis, match: PhraseMatch, terms: ReadonlyMap<string, string>): Set<string> {
  if (terms.size === 0 || match.words.some((i) => terms.has(analysis.words[i]!.key))) return new Set();
  const sentence = analysis.sentences[match.sentence]!;
  const said = namedBefore(analysis, sentence, match.clause, match.words[0]!, terms);
  if (said.size > 0 || match.sentence === 0 || namedIn(analysis, sentence, terms).size > 0) return said;
  const previous = analysis.sentences[match.sentence - 1]!;
  if (/\n\s*\n/.test(analysis.text.slice(previous.end, sentence.start))) return said;
  return namedIn(analysis, previous, terms);
}

/**
 * Terms named before `before` in the clause (its subject: "… merged into the timeline" is not about
 * the timeline), else in the nearest earlier clause of the sentence that names any.
 */
function namedBefore(
  analysis: Analysis,
  sentence: Sentence,
  clause: number,
  before: number,
  terms: ReadonlyMap<string, string>,
): Set<string> {
  const said = new Set<string>();
  const firstClause = analysis.words[sentence.from]!.clause;
  for (let c = clause; c >= firstClause && said.size === 0; c--) {
    for (let i = sentence.from; i < (c === clause ? before : sentence.to); i++) {
      const word = analysis.words[i]!;
      if (word.clause === c && terms.has(word.key)) said.add(terms.get(word.key)!);
    }
  }
  return said;
}

function namedIn(analysis: Analysis, sentence: Sentence, terms: ReadonlyMap<string, string>): Set<string> {
  const said = new Set<string>();
  for (let i = sentence.from; i < sentence.to; i++)
    if (terms.has(analysis.words[i]!.key)) said.add(terms.get(analysis.words[i]!.key)!);
  return said;
}

/** How a text writes the word with this key ("semaphore" for semaphor), lower-cased unless an acronym. */
export function nameOf(analysis: Analysis, key: string): string {
  const text = analysis.words.find((w) => w.key === key)?.text ?? key;
  return /^[A-Z0-9_]{2,}$/.test(text) || /[a-z][A-Z]/.test(text) ? text : text.toLowerCase();
}
