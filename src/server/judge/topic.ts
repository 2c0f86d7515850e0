import { FILLER_WORDS, plainKeyOf } from './language.js';

/**
 * What an answer is about, measured against the whole question bank: an answer is on topic when it
 * reads more like its own question's material (wording, rubric, model answer) than like the other
 * questions'. Vocabulary overlap alone cannot tell "a list of HTTP status codes" from an answer about
 * HTTP caching; ranking against every other question in the bank can.
 */

export interface TopicDocument {
  id: string;
  /** Meaningful word keys of the question's material, with repeats. */
  keys: readonly string[];
}

export interface TopicReading {
  /** Cosine similarity of the answer to its own question's material, 0..1. */
  own: number;
  /** The most similar other question and its similarity. */
  closest: { id: string; similarity: number } | null;
  /** 1 when the own question is the most similar; n when n - 1 others rank above it. */
  rank: number;
}

type Vector = Map<string, number>;

export class TopicModel {
  readonly #idf = new Map<string, number>();
  readonly #vectors = new Map<string, { vector: Vector; norm: number }>();
  readonly #defaultIdf: number;

  constructor(documents: readonly TopicDocument[]) {
    const documentFrequency = new Map<string, number>();
    for (const doc of documents)
      for (const key of new Set(doc.keys)) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
    const n = Math.max(1, documents.length);
    for (const [key, df] of documentFrequency) this.#idf.set(key, Math.log((n + 1) / (df + 0.5)));
    this.#defaultIdf = Math.log((n + 1) / 0.5);
    for (const doc of documents) this.#vectors.set(doc.id, this.#weigh(doc.keys));
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

  /** Reads an answer against its own question and every other one. */
  read(questionId: string, keys: readonly string[]): TopicReading {
    const answer = this.#weigh(keys);
    if (answer.norm === 0) return { own: 0, closest: null, rank: this.#vectors.size };
    let own = 0;
    let closest: TopicReading['closest'] = null;
    let above = 0;
    const scores: [string, number][] = [];
    for (const [id, doc] of this.#vectors) {
      let dot = 0;
      for (const [key, weight] of answer.vector) {
        const other = doc.vector.get(key);
        if (other) dot += weight * other;
      }
      const similarity = doc.norm === 0 ? 0 : dot / (doc.norm * answer.norm);
      if (id === questionId) own = similarity;
      else {
        scores.push([id, similarity]);
        if (!closest || similarity > closest.similarity) closest = { id, similarity };
      }
    }
    for (const [, similarity] of scores) if (similarity > own) above++;
    return { own, closest, rank: above + 1 };
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
