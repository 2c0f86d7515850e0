import { its, nlp } from './nlp.js';
import { FILLER_WORDS } from './words.js';

/**
 * What a STAR story says about itself as a whole, beyond its sentences' parts: whether it tells a
 * real past event at all (its tense, a hypothetical or generic framing), and whether a part says
 * anything (a word or two of placeholder — "stuff happened", "did things", "fix" — is not a part).
 * Interviewers score a specific event the candidate lived through, told with specifics; "I
 * would…" is one way to dodge that, but so are "Imagine our API goes down… I page the on-call",
 * "My typical approach: I check…", "In general I…" and "you roll back".
 */

/**
 * A hypothetical or generic frame, read at the start of a lower-cased sentence (after any STAR
 * label): "Imagine…", "Suppose…", "Say our API goes down", "Picture…", "Hypothetically…", "My
 * usual approach…", "In general I…", "Whenever…", "Typically I…".
 */
export const GENERIC_FRAME = new RegExp(
  String.raw`^(?:(?:so|but|and|ok(?:ay)?|well|now),?\s+)?(?:` +
    [
      String.raw`(?:imagine|suppose|supposing|picture|assume|assuming|hypothetically|let's say|let us say|what if)\b`,
      String.raw`say,? (?:that |for example |for instance )?(?:our|the|a|an|my|we|i|you|it|there|some|someone)\b`,
      String.raw`my (?:typical|usual|normal|general|standard|default|go-to|preferred) (?:approach|process|playbook|way|method|response|routine|steps?|strategy|rule|practice)\b`,
      // Habits: "In general I…", "Typically, you…", "Whenever the API goes down, I page…".
      String.raw`(?:in general|generally(?: speaking)?|typically|usually|normally|as a rule|whenever [^,]{1,80}|every time [^,]{1,80}|in (?:a|an|any|such a) (?:situation|case|scenario|incident) (?:like|where) [^,]{1,80}),?\s+(?:i|you) (?!was\b|were\b|had\b|did\b|\w+ed\b)`,
    ].join('|') +
    ')',
);

/**
 * A sentence told as a habit or to a generic "you" rather than as one event: "I usually page…",
 * "I always start by…", "you page the on-call", "then you roll back".
 */
export const GENERIC_ACTION =
  /\bi (?:usually|normally|typically|generally|always|tend to|would always)\b|(?:^|[,;:]\s*|\b(?:then|first|next|and|so|if|once|when|after that|afterwards)\s+)you (?:(?:just|first|then|also|quickly|immediately|usually|always|normally|typically) )?(?!know\b|see\b|mean\b|guys\b|can imagine\b)(?:[a-z]+)\b/;

const MODALS = new Set(['would', 'will', 'should', 'could', 'might', "'d", "'ll", 'can', 'may', 'must', 'shall']);
const PAST_AUX = new Set(['was', 'were', 'had', 'did']);
const PRESENT_AUX = new Set(['is', 'are', 'am', "'s", "'re", "'m", 'has', 'have', "'ve", 'do', 'does']);
const BEFORE_PARTICIPLE = new Set([
  'have',
  'has',
  "'ve",
  'had',
  'be',
  'been',
  'is',
  'are',
  'was',
  'were',
  "'s",
  'get',
  'got',
]);
const BEFORE_BARE = new Set(['to', 'do', 'did', 'does', "n't", 'not', 'let', "let's", 'help', 'make', 'made']);

/** Finite verbs of one lower-cased sentence by tense: past, present or modal (wink's tags and lemmas). */
function tensesOf(lower: string): { past: number; present: number; modal: number } {
  const tokens = nlp.readDoc(lower).tokens();
  const values = tokens.out(its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  // wink's typings declare `its.lemma` with an add-on argument that `out` supplies itself.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const counts = { past: 0, present: 0, modal: 0 };
  values.forEach((word, i) => {
    if (pos[i] !== 'VERB' && pos[i] !== 'AUX') return;
    const before = values[i - 1] ?? '';
    if (MODALS.has(word)) counts.modal++;
    else if (PAST_AUX.has(word)) counts.past++;
    else if (PRESENT_AUX.has(word)) counts.present++;
    else if (pos[i] !== 'VERB' || word.endsWith('ing')) return;
    else if (word === lemmas[i]) {
      if (!BEFORE_BARE.has(before) && !MODALS.has(before)) counts.present++;
    } else if (word === `${lemmas[i]}s` || word === `${lemmas[i]}es` || word.endsWith('ies')) counts.present++;
    else if (!BEFORE_PARTICIPLE.has(before)) counts.past++;
  });
  return counts;
}

/** A story told mostly in the present or conditional: under this share of its finite verbs are past. */
const MIN_PAST_SHARE = 0.3;
/** Fewer finite verbs than this say too little to judge a story's tense. */
const MIN_VERBS_FOR_TENSE = 4;

/**
 * Words that place a story at a time in the candidate's past: "last year", "two years ago", "at my
 * previous job", "back in 2022", "when I was at…". A story anchored so and told in the present is
 * told in the historic present ("So I walk into the meeting and I tell them…"), as people tell real
 * events aloud.
 */
const PAST_ANCHOR = new RegExp(
  [
    String.raw`\blast (?:year|month|week|quarter|spring|summer|autumn|fall|winter|christmas|january|february|march|april|may|june|july|august|september|october|november|december)\b`,
    String.raw`\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|\d+) (?:years?|months?|weeks?) ago\b`,
    String.raw`\b(?:at|in|on) my (?:previous|last|old|former|first) (?:job|company|role|team|employer|position|workplace|startup|project)\b`,
    String.raw`\bback (?:in (?:19|20)\d\d|when i was|at my)\b`,
    String.raw`\bin (?:early |late |mid-)?(?:19|20)\d\d\b`,
    String.raw`\bwhen i was (?:at|working|a|an|the|on)\b`,
    String.raw`\bearlier this year\b`,
  ].join('|'),
);

/**
 * Whether a story's finite verbs are mostly not past ("the API goes down… I page the on-call… errors
 * drop") and nothing anchors it in the candidate's past (see {@link PAST_ANCHOR}): a real event is
 * told in the past, or in the historic present after "last year, at my previous job…". Real stories
 * mix in present descriptions ("which is the part that…") and lessons, and stay well above
 * {@link MIN_PAST_SHARE}. "I would…" and "usually I…" are read as hypothetical elsewhere, anchored or not.
 */
export function toldInPresent(sentences: readonly string[]): boolean {
  if (sentences.some((sentence) => PAST_ANCHOR.test(sentence))) return false;
  const total = { past: 0, present: 0, modal: 0 };
  for (const sentence of sentences) {
    const t = tensesOf(sentence);
    total.past += t.past;
    total.present += t.present;
    total.modal += t.modal;
  }
  const verbs = total.past + total.present + total.modal;
  return verbs >= MIN_VERBS_FOR_TENSE && total.past / verbs < MIN_PAST_SHARE;
}

/**
 * Words that name no specific thing or step: placeholders ("stuff", "things"), catch-all verbs
 * ("did", "handled", "fixed", "sorted"), and verdicts without content ("good", "well").
 */
const PLACEHOLDER_WORDS = new Set(
  (
    'stuff thing things something anything everything nothing some any all lot lots bit kind sort ' +
    'happen happens happened happening occur occurred came come comes go goes went gone going ' +
    'do does did done doing make makes made making take takes took taken deal deals dealt ' +
    'handle handles handled sort sorts sorted fix fixes fixed fixing solve solved resolve resolved ' +
    'work works worked look looks looked care change changes changed follow follows followed up out ' +
    'into it problem problems issue issues situation situations task job part result results outcome ' +
    'good great fine well better best bad wrong right ok okay nice happy much more many learn learned learnt ' +
    'lesson lessons mine way ways once etc really very pretty quite like try tried help helped need needed ' +
    'improve improved improvement improvements'
  ).split(' '),
);

/**
 * How much a text says: its words that are neither filler nor placeholder. A number alone is not
 * substance ("100% good" says nothing about what was measured).
 */
export function substanceOf(text: string): number {
  const words = text.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]*/gu) ?? [];
  return words.filter((w) => w.length > 1 && !FILLER_WORDS.has(w) && !PLACEHOLDER_WORDS.has(w)).length;
}

/** A part needs at least this much {@link substanceOf} to count as told. */
export const MIN_PART_SUBSTANCE = 1;
