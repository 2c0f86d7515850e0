import type { ItemSentence } from 'wink-nlp';
import { denyFramed, denyLists, retract } from './framings.js';
import { scopeNegations } from './negation.js';
import { its, nlp } from './nlp.js';
import { normaliseMapped } from './text.js';
import { FILLER_WORDS, keyOf, SPLIT_WORDS } from './words.js';

/**
 * The one reading of English text that every judge in this folder shares: blocks, sentences and
 * clauses, and per word its comparison key, part of speech and whether it sits inside a negated,
 * hedged or "I don't know" stretch.
 *
 * wink-nlp tokenises, splits sentences and tags parts of speech; keys come from `words.ts`, the
 * scope of negations, hedges and disclaimers from `negation.ts`.
 */

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
  /** Whether the answer takes back what it said ("Just kidding, the opposite is true"): see `retract`. */
  retracted: boolean;
}

/** An upper-case keyword or acronym: HAVING, PUT, JWT. */
const UPPER_KEYWORD = /^[A-Z][A-Z0-9_]+$/;

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

const BLANK_LINE = /\n\s*\n/;
const BULLET = /^\s*(?:[-*+•>]|\d+[.)]|#{1,6})\s+/;

/**
 * Splits text into blocks that sentence splitting must not cross: paragraphs, bullets and headings
 * start a block; other line breaks are hard wrapping inside a paragraph. Returns offsets.
 */
function blocksOf(text: string): { start: number; end: number }[] {
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

const COORDINATORS = new Set(['and', 'or']);
const NEW_SUBJECT = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM']);

/**
 * Identifiers written without spaces — "JSON.parse", "transaction.on_commit", "has_many",
 * "filter()", "O(log n)" — are one word, not a sentence end or a clause break.
 */
const IDENTIFIER =
  /\bO\([^()\n]{1,24}\)|[\p{L}\p{N}$]+(?:(?:\.|_|::)[\p{L}\p{N}$]+)+(?:\(\))?|[\p{L}$][\p{L}\p{N}$]*\(\)/gu;

/** Code written into an answer: fenced blocks and inline `code`. */
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]+`/g;

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
 * is answered from this. The text is read normalised (see {@link normaliseMapped}: "isn’t" with a
 * curly apostrophe, a zero-width space or a Cyrillic "о" must not hide a negation), while offsets
 * and `text` stay those of the text given, so evidence spans highlight what the user typed.
 */
export function analyse(original: string): Analysis {
  const normalised = normaliseMapped(original);
  const analysis = analyseNormalised(normalised.text);
  if (normalised.text === original) return analysis;
  const start = (i: number) => normalised.from[i] ?? original.length;
  const end = (i: number) => (i > 0 ? normalised.to[i - 1]! : 0);
  for (const word of analysis.words) {
    word.start = start(word.start);
    word.end = end(word.end);
  }
  for (const sentence of analysis.sentences) {
    sentence.start = start(sentence.start);
    sentence.end = end(sentence.end);
  }
  return { ...analysis, text: original };
}

function analyseNormalised(text: string): Analysis {
  const words: Word[] = [];
  const sentences: Sentence[] = [];
  const identifiers = [...text.matchAll(IDENTIFIER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const code = [...text.matchAll(CODE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
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
          // An upper-case keyword or acronym names a thing, whatever the tagger makes of "HAVING".
          const subject = nextWord && (NEW_SUBJECT.has(nextWord.pos) || UPPER_KEYWORD.test(nextWord.value));
          if (subject && rest.some((t) => t !== nextWord && (t.pos === 'VERB' || t.pos === 'AUX'))) newClause();
        }
        const startsClause = words.length === from || words[words.length - 1]!.clause !== clause;
        if (startsClause && CONDITIONALS.has(lower)) {
          conditional = true;
          conditionalComma = false;
        }
        // "PUT and DELETE", "HAVING and WHERE": upper-case keywords name things, even when tagged as verbs.
        if ((token.pos === 'VERB' || token.pos === 'AUX') && !UPPER_KEYWORD.test(value)) clauseHasVerb = true;
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
      scopeNegations(words, from, words.length, text, code);
      denyFramed(words, from, words.length, text, code);
    });
  }
  denyLists(words, sentences, text, code);
  const retracted = retract(words, sentences, text) !== null;
  return { text, words, sentences, clauses: clause, retracted };
}

/** Function words of English, and of the languages candidates most often answer in instead. */
const ENGLISH_WORDS = new Set(
  'the a an is are was were of to in and or that this it for with on be not as by can but if so when which what how does do has have will would should there they their than then from into because'.split(
    ' ',
  ),
);
const OTHER_WORDS = new Set(
  (
    'der die das und ist nicht ein eine einen zu mit auf für fur von den dem des sie es wird werden oder wenn auch sich bei nach ' +
    'le la les et est un une du pas que qui dans pour avec sur ce cette sont ou mais ne se au aux ' +
    'el los las y es una por con para lo del al pero como cuando muy su sus ' +
    'nao da do em um uma os ao mais ou com que se na no ' +
    'het een en van niet dat zijn wordt voor ook op met maar ' +
    'il di che della delle gli per non sono'
  ).split(' '),
);

/**
 * Share of the answer's function words that are English, 0..1 (1 when it has none): an answer in
 * French or German is read by an English judge as a few technical terms with nothing around them.
 * Words both lists share ("no", "se") count for neither.
 */
export function englishShare(analysis: Analysis): number {
  let english = 0;
  let other = 0;
  for (const word of analysis.words) {
    const lower = word.text.toLowerCase();
    const en = ENGLISH_WORDS.has(lower);
    const ot = OTHER_WORDS.has(lower);
    if (en && !ot) english++;
    else if (ot && !en) other++;
  }
  return english + other < 4 ? 1 : english / (english + other);
}
