import { analyse, type Analysis } from './language.js';
import { negates } from './negation.js';
import type { PhraseMatch } from './phrases.js';
import { keyOf, keysOf } from './words.js';

/**
 * Whether a key-point phrase found inside a negation denies the point, or states it in a negative
 * shape. Model answers and strong answers say many points negatively — "a secret key must never
 * ship in a browser", "so failures do not leak connections", "if you can't see the steady state,
 * you can't run an experiment", "It cannot follow many-to-many or reverse foreign keys" — while a
 * candidate who says a point and then takes it back ("Durability means a commit survives a power
 * cut. Actually no, durability does not survive a power cut.") does not know it.
 */

/**
 * A denial that counts against the answer: "not" or "never" at most {@link DENIAL_REACH} words
 * before the phrase, or a denying framing ("it's a myth that…"). "No" and "without" before a noun
 * ("without a memory leak", "no false negatives") describe, and a strong answer uses them all the
 * time.
 */
export function deniedOutright(analysis: Analysis, match: PhraseMatch): boolean {
  const first = Math.min(...match.words);
  const by = analysis.words[first]!.negatedBy;
  if (by === null) return false;
  const negator = analysis.words[by]!;
  return !OUTRIGHT_EXCLUDED.has(negator.key) && (first - by <= DENIAL_REACH || !CLOSE_NEGATORS.has(negator.key));
}
const DENIAL_REACH = 3;
const CLOSE_NEGATORS = keysOf(['not', 'never']);
const OUTRIGHT_EXCLUDED = keysOf(['no', 'without', 'none', 'nothing', 'nobody', 'nowhere', 'neither', 'nor']);

/**
 * A negation that opens its clause before a verb gives advice ("never use a fast hash", "don't
 * cache by raw text"): it warns against the words it covers, and does not deny the point they show.
 */
export function advisedAgainst(analysis: Analysis, match: PhraseMatch): boolean {
  return match.words.some((i) => {
    const by = analysis.words[i]!.negatedBy;
    if (by === null || !negates(analysis.words[by]!) || analysis.words[by + 1]?.pos !== 'VERB') return false;
    let first = by;
    while (first > 0 && analysis.words[first - 1]!.clause === analysis.words[by]!.clause) {
      if (!ADVICE_OPENERS.has(analysis.words[first - 1]!.key)) return false;
      first--;
    }
    return true;
  });
}
/** Words that may open advice before its negation: "and never use…", "so do not…", "please don't…". */
const ADVICE_OPENERS = keysOf(['and', 'or', 'so', 'but', 'then', 'also', 'do', 'please', 'just']);

/**
 * Whether a negated match takes back a point the answer also states, so that the point is
 * contradicted rather than covered. It does when it is said outright (see {@link deniedOutright}),
 * is not advice, and either a denying framing covers it ("… but that is wrong", "it's a myth
 * that…") or it denies the very phrase the answer also asserts (`asserted`), as a plain statement:
 * - of a point whose own statement is positive (a point stated negatively, "secret keys must never
 *   ship in a browser", is stated, not denied, by a negation);
 * - in a main clause, not in a condition ("if you can't see the steady state"), a question ("why
 *   not a fixed threshold?"), a purpose or result ("…, so failures do not leak connections"), a
 *   relative clause ("a fallback that never runs") or one qualified by "unless";
 * - negating a predicate ("durability does not survive", "commits never survive"), not an
 *   elliptical contrast ("…, but not a deliberate forger", "(not thread-safe)", "or not call next");
 * - of the phrase's own words, not of a narrower claim ("cannot follow many-to-many or reverse
 *   foreign keys" does not deny "follows the foreign key").
 */
export function takesBack(
  analysis: Analysis,
  match: PhraseMatch,
  statement: string,
  asserted: ReadonlySet<string>,
): boolean {
  if (!deniedOutright(analysis, match) || advisedAgainst(analysis, match)) return false;
  const by = negatorOf(analysis, match);
  if (!negates(analysis.words[by]!)) return true;
  return (
    asserted.has(match.phrase) &&
    !statedNegatively(statement, match, analysis) &&
    mainClause(analysis, by, match) &&
    negatesPredicate(analysis, by) &&
    tight(analysis, match, by)
  );
}

/** The negation that covers a match (the first matched word's, or any other's). */
function negatorOf(analysis: Analysis, match: PhraseMatch): number {
  const own = new Set(match.words);
  for (const i of match.words) {
    const by = analysis.words[i]!.negatedBy;
    if (by !== null && !own.has(by)) return by;
  }
  return analysis.words[match.words[0]!]!.negatedBy!;
}

const negatedInStatements = new Map<string, ReadonlySet<string>>();

/**
 * Whether a key point's statement itself negates a word of the match ("secret keys must never ship
 * in a browser", "Express 4 does not catch rejected promises"): then a negation states the point.
 */
function statedNegatively(statement: string, match: PhraseMatch, analysis: Analysis): boolean {
  let negated = negatedInStatements.get(statement);
  if (negated === undefined) {
    negated = new Set(analyse(statement).words.flatMap((w) => (w.negatedBy === null ? [] : [w.key])));
    if (negatedInStatements.size > 10_000) negatedInStatements.clear();
    negatedInStatements.set(statement, negated);
  }
  return match.words.some((i) => negated.has(analysis.words[i]!.key));
}

const CONDITIONS = keysOf(['if', 'when', 'whenever', 'unless', 'once', 'until']);
const RESULTS = keysOf(['so', 'to']);
const RELATIVE_PRONOUNS = keysOf(['that', 'which', 'who', 'whom', 'whose']);
const UNLESS = keysOf(['unless', 'until', 'except']);
const OPENERS = keysOf(['even', 'only', 'and', 'but', 'or', 'then']);
const QUESTION_END = /\?[\s*_"')\]]*$/;

/** Whether the negation at `by` is a plain statement: see {@link takesBack}. */
function mainClause(analysis: Analysis, by: number, match: PhraseMatch): boolean {
  const { words } = analysis;
  const negator = words[by]!;
  const sentence = analysis.sentences[negator.sentence]!;
  if (QUESTION_END.test(analysis.text.slice(sentence.start, sentence.end))) return false;
  let start = by;
  while (start > sentence.from && words[start - 1]!.clause === negator.clause) start--;
  let head = start;
  while (head < by && OPENERS.has(words[head]!.key)) head++;
  let opening = sentence.from;
  while (opening < by && OPENERS.has(words[opening]!.key)) opening++;
  if (CONDITIONS.has(words[head]!.key) || CONDITIONS.has(words[opening]!.key)) return false;
  // "…, so failures do not leak connections": what a measure prevents, not a claim denied.
  if (start > sentence.from && RESULTS.has(words[head]!.key)) return false;
  for (let i = start; i < by; i++) {
    if (!RELATIVE_PRONOUNS.has(words[i]!.key) || i === start) continue;
    // "a fallback that never runs": the relative pronoun's own verb is the negated one.
    if (!words.slice(i + 1, by).some((w) => w.pos === 'VERB')) return false;
  }
  const last = Math.max(...match.words);
  for (let i = last + 1; i < sentence.to && words[i]!.clause === negator.clause; i++)
    if (UNLESS.has(words[i]!.key)) return false;
  return true;
}

/**
 * Whether the negation at `by` negates a predicate: "is not", "does not", "cannot", or "never"
 * after its subject — not "not" with no verb before it.
 */
function negatesPredicate(analysis: Analysis, by: number): boolean {
  const negator = analysis.words[by]!;
  if (!CLOSE_NEGATORS.has(negator.key) || /^cannot$/i.test(negator.text)) return true;
  const before = analysis.words[by - 1];
  if (!before || before.clause !== negator.clause) return false;
  return before.pos === 'AUX' || (negator.key === NEVER && SUBJECTS.has(before.pos));
}
const NEVER = keyOf('never');
const SUBJECTS = new Set(['NOUN', 'PROPN', 'PRON']);
const CONTENT = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB', 'NUM']);

/** Whether the match holds no word of meaning besides its own and the negation: the phrase's own claim, not a narrower one. */
function tight(analysis: Analysis, match: PhraseMatch, by: number): boolean {
  const own = new Set(match.words);
  const first = Math.min(...match.words, by);
  const last = Math.max(...match.words);
  for (let i = first + 1; i < last; i++) {
    const word = analysis.words[i]!;
    if (!own.has(i) && i !== by && !word.filler && CONTENT.has(word.pos)) return false;
  }
  return true;
}
