import { z } from 'zod';
import { AiNotAskedShapes } from './ai.js';
import { Slug } from './curriculum.js';

/**
 * Spoken answers over the API: what a recording was for, how it was transcribed, and the speaking
 * measures read from its transcript.
 */

/** Audio types a recording may be uploaded as (what browsers' MediaRecorder produces, and WAV/MP3). */
export const AUDIO_TYPES = ['audio/webm', 'audio/ogg', 'audio/mp4', 'audio/mpeg', 'audio/wav', 'audio/x-wav'] as const;
/** The largest recording accepted: five minutes of Opus is about 2.5 MB. */
export const MAX_AUDIO_BYTES = 8 * 1024 * 1024;
/** The longest answer accepted, in milliseconds; interviews want answers well under this. */
const MAX_AUDIO_MS = 5 * 60_000;

export const SpeechQuery = z.object({
  for: z
    .enum(['drill', 'concept', 'screen', 'star'])
    .describe('What was answered: a drill or concept question, a recruiter-screen or behavioural prompt'),
  id: Slug.describe('The question or prompt id'),
  durationMs: z.coerce
    .number()
    .int()
    .min(500, 'a recording must last at least half a second')
    .max(MAX_AUDIO_MS, `a recording may last at most ${MAX_AUDIO_MS / 60_000} minutes`),
  keep: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Keep the recording on the server (your explicit choice); otherwise it is not stored'),
});
export type SpeechQuery = z.output<typeof SpeechQuery>;

export const SpeakingMeasures = z
  .object({
    words: z.number().int(),
    seconds: z.number(),
    wordsPerMinute: z.number().int(),
    /** Filler words and hedges heard, with their counts ("um", "like,", "you know"). */
    fillers: z.array(z.object({ word: z.string(), count: z.number().int() })),
    fillersPerMinute: z.number(),
    targetWords: z.object({ min: z.number().int(), max: z.number().int() }),
    length: z.enum(['too-short', 'good', 'too-long']),
    pace: z.enum(['slow', 'good', 'fast']),
    tips: z.array(z.string()),
  })
  .meta({ id: 'SpeakingMeasures' });
export type SpeakingMeasures = z.infer<typeof SpeakingMeasures>;

export const RecordingDto = z
  .object({
    id: z.uuid(),
    subject: z.string(),
    contentType: z.string(),
    durationMs: z.number().int(),
    transcript: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Recording' });
export type RecordingDto = z.infer<typeof RecordingDto>;

export const Transcription = z.discriminatedUnion('status', [
  z.object({ status: z.literal('transcribed'), text: z.string() }),
  z.object({ status: z.literal('not_offered').describe('No transcription model is configured') }),
  ...AiNotAskedShapes,
]);
export type Transcription = z.infer<typeof Transcription>;

export const SpokenAnswerDto = z
  .object({
    transcription: Transcription,
    /** Read from the transcript; null without one. */
    speaking: SpeakingMeasures.nullable(),
    /** The stored recording when you chose to keep it; null otherwise (nothing was stored). */
    recording: RecordingDto.nullable(),
  })
  .meta({ id: 'SpokenAnswer' });
export type SpokenAnswerDto = z.infer<typeof SpokenAnswerDto>;
