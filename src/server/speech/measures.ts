import type { SpeakingMeasures } from '../../shared/speech.js';
import { countFillers } from '../judge/screen.js';
import { countWords } from '../judge/text.js';

/**
 * Speaking measures of a transcribed answer: pace, fillers, and length against the range the
 * question or stage expects. Read from the transcript and the recording's duration only.
 */

/** Words a spoken answer should take, by what it answers (a screen prompt carries its own range). */
export const SPOKEN_WORDS = {
  drill: { min: 60, max: 260 },
  concept: { min: 60, max: 260 },
  star: { min: 200, max: 450 },
} as const;

/** Words a minute that interviewers follow comfortably; outside it the answer sounds rushed or halting. */
export const PACE = { min: 110, max: 170 } as const;

/**
 * "like" as speech fills with it — set off by commas ("it was, like, slow") or before a pause
 * ("like, we…") — and not as a verb or preposition ("I like Go", "a cache like Redis").
 */
const SPOKEN_FILLERS = [{ word: 'like', pattern: /(?<=,\s*)\blike\b(?=\s*[,.])|\blike,(?=\s)/gi }];

export function speakingMeasures(
  transcript: string,
  durationMs: number,
  target: { min: number; max: number },
): SpeakingMeasures {
  const words = countWords(transcript);
  const minutes = durationMs / 60_000;
  const wordsPerMinute = Math.round(words / minutes);
  const fillers = countFillers(transcript, SPOKEN_FILLERS);
  const fillerTotal = fillers.reduce((sum, f) => sum + f.count, 0);
  const length = words < target.min ? 'too-short' : words > target.max ? 'too-long' : 'good';
  const pace = wordsPerMinute < PACE.min ? 'slow' : wordsPerMinute > PACE.max ? 'fast' : 'good';
  const tips: string[] = [];
  if (length === 'too-short') tips.push(`Say more: aim for ${target.min}–${target.max} words; you said ${words}.`);
  if (length === 'too-long') tips.push(`Tighten it to at most ${target.max} words; you said ${words}.`);
  if (pace === 'fast')
    tips.push(`Slow down: ${wordsPerMinute} words a minute is hard to follow; aim for ${PACE.min}–${PACE.max}.`);
  if (pace === 'slow' && words >= 20)
    tips.push(`Keep it moving: ${wordsPerMinute} words a minute sounds halting; aim for ${PACE.min}–${PACE.max}.`);
  if (fillerTotal / Math.max(minutes, 1 / 60) >= 4) {
    const named = fillers
      .slice(0, 3)
      .map((f) => `"${f.word}" (${f.count}×)`)
      .join(', ');
    tips.push(`Pause instead of filling: ${named}.`);
  }
  return {
    words,
    seconds: Math.round(durationMs / 100) / 10,
    wordsPerMinute,
    fillers,
    fillersPerMinute: Math.round((fillerTotal / minutes) * 10) / 10,
    targetWords: { min: target.min, max: target.max },
    length,
    pace,
    tips,
  };
}
