import type { Analysis, Sentence, Word } from './language.js';
import { keyOf } from './words.js';

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
