/**
 * Plain measures of text that the judges share: words, quantities, excerpts.
 */

const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Apostrophe look-alikes: typographic, modifier letter, prime, fullwidth, and accents typed for one. */
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u02B9\u02C8\u2032\u2035\uFF07]/;
/** Backticks and acute accents are apostrophes only between letters ("doesn`t"); elsewhere they may fence code. */
const LETTER_APOSTROPHES = /[`\u00B4]/;
const QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u2036\uFF02]/;
/** Invisible characters that split a word without showing: zero-width spaces and joiners, soft hyphens, BOM. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\u180E]/;
const COMBINING = /\p{M}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /[\p{L}\p{M}]/u;
/** Cyrillic and Greek letters drawn like Latin ones: inside an otherwise Latin word they are those Latin letters. */
const LOOKALIKES = new Map<string, string>(
  Object.entries({
    а: 'a',
    в: 'b',
    е: 'e',
    ё: 'e',
    к: 'k',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    і: 'i',
    ј: 'j',
    ѕ: 's',
    ԁ: 'd',
    ԛ: 'q',
    ԝ: 'w',
    һ: 'h',
    А: 'A',
    В: 'B',
    Е: 'E',
    К: 'K',
    М: 'M',
    Н: 'H',
    О: 'O',
    Р: 'P',
    С: 'C',
    Т: 'T',
    Х: 'X',
    І: 'I',
    Ј: 'J',
    Ѕ: 'S',
    α: 'a',
    ο: 'o',
    ρ: 'p',
    ν: 'v',
    τ: 't',
    υ: 'u',
    ι: 'i',
    κ: 'k',
    χ: 'x',
    Α: 'A',
    Β: 'B',
    Ε: 'E',
    Ζ: 'Z',
    Η: 'H',
    Ι: 'I',
    Κ: 'K',
    Μ: 'M',
    Ν: 'N',
    Ο: 'O',
    Ρ: 'P',
    Τ: 'T',
    Υ: 'Y',
    Χ: 'X',
  }),
);

/** Normalised text, and for each of its UTF-16 units the offsets of the character of the original it came from. */
interface NormalisedText {
  text: string;
  /** `from[i]`/`to[i]`: where the original character that gave `text[i]` starts and ends. */
  from: number[];
  to: number[];
}

/**
 * Text as the judges read it, whatever device typed it: Unicode NFKC (fullwidth "ｎｏｔ" is "not"),
 * every apostrophe and quote look-alike as ASCII ("isn’t", "isnʼt", "isn＇t" are "isn't"), invisible
 * characters (zero-width spaces, soft hyphens) removed, combining marks (accents, strike-through)
 * stripped, Cyrillic and Greek look-alike letters inside otherwise Latin words mapped to Latin, and a
 * zero between two letters read as the letter o ("n0t"). Without it, a phone's curly apostrophe or a
 * pasted zero-width space hid every negation from the judge.
 *
 * Offsets are kept: `from`/`to` map each unit back to the text the user typed, so evidence spans
 * still highlight what they wrote.
 */
export function normaliseMapped(original: string): NormalisedText {
  if (!/[^\n\r\t -_a-~]/.test(original) && !/\p{L}0\p{L}/u.test(original)) {
    return { text: original, from: [...original].map((_, i) => i), to: [...original].map((_, i) => i + 1) };
  }
  const chars: { text: string; start: number; end: number }[] = [];
  for (let i = 0; i < original.length;) {
    const cp = original.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    chars.push({ text: ch, start: i, end: i + ch.length });
    i += ch.length;
  }
  const isLetter = (k: number) => k >= 0 && k < chars.length && LETTER.test(chars[k]!.text);
  const out: { text: string; start: number; end: number }[] = [];
  chars.forEach((c, k) => {
    let text = c.text;
    if (INVISIBLE.test(text)) return;
    if (APOSTROPHES.test(text) || (LETTER_APOSTROPHES.test(text) && isLetter(k - 1) && isLetter(k + 1))) text = "'";
    else if (QUOTES.test(text)) text = '"';
    else text = text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC');
    if (text === '' && COMBINING.test(c.text)) return;
    for (const unit of text) out.push({ text: unit, start: c.start, end: c.end });
  });
  // Look-alikes are mapped only inside words that have a Latin letter and no other letter of their script.
  for (const word of wordsOf(out)) {
    const letters = word.map((k) => out[k]!.text);
    if (!letters.some((l) => LATIN.test(l))) continue;
    if (!letters.every((l) => LATIN.test(l) || LOOKALIKES.has(l) || !/\p{L}/u.test(l))) continue;
    for (const k of word) {
      const latin = LOOKALIKES.get(out[k]!.text);
      if (latin) out[k]!.text = latin;
    }
    // "n0t": one zero between letters, in a word with no other digit (so "0x0A" and "ec2" stay).
    const digits = word.filter((k) => /\p{N}/u.test(out[k]!.text));
    const zero = digits[0];
    if (digits.length === 1 && out[zero!]!.text === '0' && zero !== word[0] && zero !== word.at(-1))
      out[zero!]!.text = 'o';
  }
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (const unit of out) {
    for (let u = 0; u < unit.text.length; u++) {
      from.push(unit.start);
      to.push(unit.end);
    }
    text += unit.text;
  }
  return { text, from, to };
}

/** Runs of letters and digits in `units`, by index. */
function wordsOf(units: readonly { text: string }[]): number[][] {
  const words: number[][] = [];
  let word: number[] = [];
  units.forEach((unit, k) => {
    if (/[\p{L}\p{N}]/u.test(unit.text)) word.push(k);
    else {
      if (word.length > 0) words.push(word);
      word = [];
    }
  });
  if (word.length > 0) words.push(word);
  return words;
}

/** Text as the judges read it (see {@link normaliseMapped}), for cue patterns that need only one spelling. */
export function normalise(text: string): string {
  return normaliseMapped(text).text;
}

/** The opening of a text, cut at a word boundary near `max` characters, without Markdown emphasis. */
export function excerptOf(text: string, max = 100): string {
  const plain = text
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|hundreds of|a thousand|thousands of|a million|millions of)';

/**
 * Numbers with a unit or a comparison: percentages, money, multipliers, durations, sizes, rates,
 * counts of things, "p99 of 200 ms", and words like "halved". Bare numbers (years, versions) do not
 * count: a result needs a quantity a listener can picture.
 */
const QUANTITY = new RegExp(
  [
    String.raw`\bp\d{2,3}(?:\.\d)?\s+(?:latency\s+)?(?:(?:of|at|to|from|under|below|around|about|was|is|fell to|dropped to|went to)\s+)?\d[\d,.]*\s?(?:ms|milliseconds?|s|seconds?)\b`,
    String.raw`[$€£]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?\b`,
    String.raw`\b\d[\d,.]*\s?(?:%|percent\b)`,
    String.raw`\b\d+(?:\.\d+)?\s?[x×](?![\p{L}\p{N}])`,
    String.raw`(?:\b\d[\d,.]*\s?(?:k|m|bn)?\s?|\b${NUMBER_WORD}\s+)(?:ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|quarters?|[kmgtp]b|bytes?|rps|qps|req\/s)\b`,
    String.raw`\b\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?\s+(?:[\p{L}-]+\s+)?[\p{L}-]+s\b`,
    String.raw`\b(?:${NUMBER_WORD}|\d+) times (?:faster|slower|more|fewer|less|cheaper|quicker|smaller|bigger|larger)\b`,
    String.raw`\b(?:halved|doubled|tripled|quadrupled|tenfold)\b`,
    String.raw`\bzero\b(?:\s+(?:[\p{L}-]+\s+)?[\p{L}-]+s\b|\s+(?:downtime|data loss|incidents?|outages?)\b)?`,
  ].join('|'),
  'giu',
);

export function quantitiesIn(text: string): string[] {
  return [...new Set([...text.matchAll(QUANTITY)].map((m) => m[0].replace(/[\s,.]+$/, '')))];
}
