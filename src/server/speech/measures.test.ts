import { describe, expect, it } from 'vitest';
import { PACE, speakingMeasures } from './measures.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('speakingMeasures', () => {
  it('reads words per minute from the transcript and the recording’s duration', () => {
    const measures = speakingMeasures(words(150), 60_000, { min: 60, max: 260 });
    expect(measures).toMatchObject({ words: 150, seconds: 60, wordsPerMinute: 150, pace: 'good', length: 'good' });
    expect(measures.tips).toEqual([]);
  });

  it('calls a rushed answer fast and a halting one slow, with the range to aim for', () => {
    const fast = speakingMeasures(words(100), 30_000, { min: 60, max: 260 });
    expect(fast).toMatchObject({ wordsPerMinute: 200, pace: 'fast' });
    expect(fast.tips.join(' ')).toContain(`${PACE.min}–${PACE.max}`);
    expect(speakingMeasures(words(80), 60_000, { min: 60, max: 260 })).toMatchObject({
      wordsPerMinute: 80,
      pace: 'slow',
    });
  });

  it('counts fillers, "like" only where speech fills with it', () => {
    const transcript =
      'Um, so the cache is, like, in front of the database. Uh, you know, I like Redis and a store like Memcached. ' +
      'Like, it basically evicts the least recently used key, um, when it is full.';
    const measures = speakingMeasures(transcript, 20_000, { min: 10, max: 260 });
    const count = Object.fromEntries(measures.fillers.map((f) => [f.word, f.count]));
    expect(count).toMatchObject({ um: 2, uh: 1, 'you know': 1, like: 2, basically: 1 });
    expect(measures.fillersPerMinute).toBe(21);
    expect(measures.tips.join(' ')).toMatch(/Pause instead of filling: "um" \(2×\)/);
  });

  it('measures length against the expected range', () => {
    expect(speakingMeasures(words(40), 20_000, { min: 60, max: 260 })).toMatchObject({
      length: 'too-short',
      targetWords: { min: 60, max: 260 },
    });
    const long = speakingMeasures(words(300), 120_000, { min: 60, max: 260 });
    expect(long.length).toBe('too-long');
    expect(long.tips.join(' ')).toMatch(/at most 260 words; you said 300/);
  });
});
