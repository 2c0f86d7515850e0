import { STAR_PARTS, type StarPart } from '../../shared/ids.js';
import type { StarEntry } from './evaluation.js';
import { fitSoftmax, foldsOf, type FitOptions, type SoftmaxModel } from './fit.js';
import { starFeatureRows, STAR_FEATURES } from './star-features.js';
import { starPieces } from './star.js';
import { normalise } from './text.js';

/**
 * Fits the STAR part model on labelled stories: every piece of a story (as `readStarSentences`
 * splits it) takes the part of the labelled span it overlaps most; pieces outside every span
 * (asides, sign-offs) are left out.
 */

export const STAR_FIT: FitOptions = { l2: 30, iterations: 1500, learningRate: 0.2 };
/**
 * Added to the task part's bias after fitting. A story's task is often one sentence, wedged
 * between scene and action ("I was on call, so I had to…"), and the fit, which counts sentences,
 * gives it up too easily; missing it loses the whole part. 0.8 is the shift that cross-validation
 * by prompt on the tuning stories found best (0.4 and 1.2 both did worse on task presence).
 */
export const TASK_PRIOR = 0.8;

interface StarSamples {
  rows: number[][];
  labels: number[];
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function starSamples(entries: readonly StarEntry[]): StarSamples {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const entry of entries) {
    const text = normalise(entry.answer);
    const spans = STAR_PARTS.flatMap((part) =>
      (entry.parts[part] ?? []).flatMap((span) => {
        const start = text.indexOf(normalise(span).trim());
        return start < 0 ? [] : [{ part, start, end: start + span.trim().length }];
      }),
    );
    const pieces = starPieces(entry.answer);
    const features = starFeatureRows(pieces);
    let cursor = 0;
    pieces.forEach((piece, i) => {
      const start = text.indexOf(piece.text, cursor);
      if (start < 0) return;
      cursor = start + piece.text.length;
      const range = { start, end: cursor };
      let best: { part: StarPart; share: number } | null = null;
      for (const span of spans) {
        const share = overlap(range, span);
        if (share > (best?.share ?? 0)) best = { part: span.part, share };
      }
      if (!best) return;
      rows.push(features[i]!);
      labels.push(STAR_PARTS.indexOf(best.part));
    });
  }
  return { rows, labels };
}

export function fitStarModel(entries: readonly StarEntry[]): SoftmaxModel {
  const { rows, labels } = starSamples(entries);
  const model = fitSoftmax(STAR_FEATURES, rows, labels, STAR_PARTS.length, STAR_FIT);
  return { ...model, bias: model.bias.map((b, c) => (STAR_PARTS[c] === 'task' ? b + TASK_PRIOR : b)) };
}

/**
 * Cross-validation by prompt: each fold's prompts are left out of its fit, and `score` reads the
 * held-out stories with the model fitted without them. Returns the scores of each fold with its
 * number of stories, for the caller to weigh.
 */
export function crossValidateStar<T>(
  entries: readonly StarEntry[],
  score: (model: SoftmaxModel, held: readonly StarEntry[]) => T,
): { stories: number; score: T }[] {
  return foldsOf(entries.map((e) => e.promptId)).map((held) => {
    const model = fitStarModel(entries.filter((e) => !held.has(e.promptId)));
    const heldEntries = entries.filter((e) => held.has(e.promptId));
    return { stories: heldEntries.length, score: score(model, heldEntries) };
  });
}
