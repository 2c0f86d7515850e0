/**
 * Plain measures of text that the judges share: words, quantities, excerpts.
 */

const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Typographic apostrophes become plain ones so cue patterns need only one spelling. */
export function normalise(text: string): string {
  return text.replace(/[’‘]/g, "'");
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
