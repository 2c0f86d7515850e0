import { FILLER_WORDS, plainKeyOf } from './words.js';

/**
 * What an answer is about, measured against the whole question bank: an answer is on topic when it
 * reads more like its own question's material (wording, rubric, model answer) than like the other
 * questions'. Vocabulary overlap alone cannot tell "a list of HTTP status codes" from an answer about
 * HTTP caching; ranking against every other question in the bank can.
 */

interface TopicDocument {
  id: string;
  /** Meaningful word keys of the question's material, with repeats. */
  keys: readonly string[];
}

interface TopicReading {
  /** Cosine similarity of the answer to its own question's material, 0..1. */
  own: number;
  /** The most similar other question and its similarity. */
  closest: { id: string; similarity: number } | null;
  /** 1 when the own question is the most similar; n when n - 1 others rank above it. */
  rank: number;
  /**
   * Share of what the answer says that its question's material never mentions: the rarity (IDF)
   * of its distinct words outside the material over that of all its distinct words, 0..1. It is read
   * from the answer's side, so unlike a cosine it does not shrink as the answer gets shorter or the
   * material longer: a short aside about the weekend is as foreign as a long one.
   */
  foreign: number;
  /** Distinct words of the answer, at least as rare as asked (`read`'s `minIdf`), that the question's material also uses. */
  sharedRare: number;
}

type Vector = Map<string, number>;

export class TopicModel {
  readonly #idf = new Map<string, number>();
  readonly #ids: string[] = [];
  readonly #norms: number[] = [];
  /** Per key, the documents that use it and its weight there: the answer meets only those. */
  readonly #postings = new Map<string, { doc: number; weight: number }[]>();
  readonly #defaultIdf: number;

  constructor(documents: readonly TopicDocument[]) {
    const documentFrequency = new Map<string, number>();
    for (const doc of documents)
      for (const key of new Set(doc.keys)) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
    const n = Math.max(1, documents.length);
    for (const [key, df] of documentFrequency) this.#idf.set(key, Math.log((n + 1) / (df + 0.5)));
    this.#defaultIdf = Math.log((n + 1) / 0.5);
    documents.forEach((document, doc) => {
      const { vector, norm } = this.#weigh(document.keys);
      this.#ids.push(document.id);
      this.#norms.push(norm);
      for (const [key, weight] of vector) {
        const list = this.#postings.get(key) ?? [];
        list.push({ doc, weight });
        this.#postings.set(key, list);
      }
    });
  }

  /** How rare a word is across the bank: high for "argon2id", low for "data". */
  idf(key: string): number {
    return this.#idf.get(key) ?? this.#defaultIdf;
  }

  #weigh(keys: readonly string[]): { vector: Vector; norm: number } {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    const vector: Vector = new Map();
    let norm = 0;
    for (const [key, count] of counts) {
      const weight = (1 + Math.log(count)) * this.idf(key);
      vector.set(key, weight);
      norm += weight * weight;
    }
    return { vector, norm: Math.sqrt(norm) };
  }

  /**
   * Reads an answer against its own question and every other one (cosine similarity of TF-IDF
   * vectors), in one pass over the answer's words; `minIdf` is the rarity from which a word the
   * answer shares with its question counts in `sharedRare`.
   */
  read(questionId: string, keys: readonly string[], minIdf = Number.POSITIVE_INFINITY): TopicReading {
    const answer = this.#weigh(keys);
    const n = this.#ids.length;
    if (answer.norm === 0) return { own: 0, closest: null, rank: n, foreign: 0, sharedRare: 0 };
    const ownIndex = this.#ids.indexOf(questionId);
    const dots = new Float64Array(n);
    let rarity = 0;
    let foreignRarity = 0;
    let sharedRare = 0;
    for (const [key, weight] of answer.vector) {
      let inOwn = false;
      for (const posting of this.#postings.get(key) ?? []) {
        dots[posting.doc]! += weight * posting.weight;
        if (posting.doc === ownIndex) inOwn = true;
      }
      const idf = this.idf(key);
      rarity += idf;
      if (!inOwn) foreignRarity += idf;
      else if (idf >= minIdf) sharedRare++;
    }
    const similarity = (doc: number) => (this.#norms[doc] === 0 ? 0 : dots[doc]! / (this.#norms[doc]! * answer.norm));
    const own = ownIndex < 0 ? 0 : similarity(ownIndex);
    let closest: TopicReading['closest'] = null;
    let above = 0;
    for (let doc = 0; doc < n; doc++) {
      if (doc === ownIndex) continue;
      const value = similarity(doc);
      if (value > own) above++;
      if (!closest || value > closest.similarity) closest = { id: this.#ids[doc]!, similarity: value };
    }
    return { own, closest, rank: above + 1, foreign: rarity === 0 ? 0 : foreignRarity / rarity, sharedRare };
  }
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * The meaningful word keys of a text for topic comparison: a plain word split with the same keys as
 * the judge's analysis, minus lemmas. What a text is about does not depend on grammar, and this
 * reads the whole bank at start-up in a fraction of the time a full analysis takes.
 */
export function topicKeys(text: string): string[] {
  const keys: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    const lower = word.toLowerCase();
    if (!FILLER_WORDS.has(lower)) keys.push(plainKeyOf(lower));
  }
  return keys;
}
